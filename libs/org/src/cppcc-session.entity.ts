import { Column, Entity, Index } from 'typeorm';
import { Committee } from './committee.entity.js';
import { type DeadlineRules, References, type ReminderPlanConfig, VersionedEntity } from '#app/core';

/** 届次会议, e.g. 政协十三届安阳市委员会四次会议; proposals are numbered within it. */
@Entity({ name: 'cppcc_sessions' })
@Index(['committeeId', 'name'], { unique: true })
export class CppccSession extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  /** Full name as it appears in reply titles. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 届, e.g. 13. */
  @Column({ type: 'int' })
  term: number;

  /** 次会议, e.g. 4. */
  @Column({ name: 'meeting', type: 'int' })
  meeting: number;

  @Column({ type: 'int' })
  year: number;

  /** Plenary window: proposals submitted inside it are 大会提案, others 平时提案. */
  @Column({ name: 'plenary_start', type: 'date' })
  plenaryStart: string;

  @Column({ name: 'plenary_end', type: 'date' })
  plenaryEnd: string;

  /** Deadline rules of the session (reply, adjustment window, co-unit opinion, contact, feedback, re-handling). */
  @Column({ name: 'deadline_rules', type: 'jsonb' })
  deadlineRules: DeadlineRules;

  /** When reminders go out for each kind of deadline (days before, overdue interval, 督办 threshold). */
  @Column({ name: 'reminder_plan', type: 'jsonb' })
  reminderPlan: ReminderPlanConfig;

  /** Offices every reply of this session is copied to by default (抄送), in document order. */
  @Column({ name: 'default_copy_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  defaultCopyUnitIds: string[];

  @References(() => Committee, 'committee_id')
  private readonly committeeIdFk?: never;
}
