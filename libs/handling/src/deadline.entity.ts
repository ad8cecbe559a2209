import { Column, Entity, Index } from 'typeorm';
import { type DeadlineKind, type DeadlineRule, type DueExplanation, References, VersionedEntity } from '#app/core';
import { Assignment } from './assignment.entity.js';

export enum DeadlineStatus {
  Open = 'open',
  /** 暂停计时: the clock is stopped (e.g. waiting for the member) */
  Paused = 'paused',
  /** The thing was done (reply dispatched, assignment accepted, member contacted, feedback in). */
  Met = 'met',
  Cancelled = 'cancelled',
}

/**
 * 期限 — one deadline of an assignment (reply, adjustment window, first contact, co-unit opinion,
 * feedback), with the rule it follows and how its date was worked out. Moves are recorded as events.
 */
@Entity({ name: 'deadlines' })
@Index(['assignmentId', 'kind'], { unique: true })
@Index(['committeeId', 'status', 'dueDate'])
export class Deadline extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: DeadlineKind;

  @Column({ type: 'varchar', length: 20 })
  status: DeadlineStatus;

  /** The day the deadline counts from (assignment, dispatch …). */
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  /** The rule, or null when the committee set the date by hand (or approved an extension). */
  @Column({ type: 'jsonb', nullable: true })
  rule: DeadlineRule | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'jsonb' })
  explanation: DueExplanation;

  /** Set while the clock is stopped. */
  @Column({ name: 'paused_on', type: 'date', nullable: true })
  pausedOn: string | null;

  @Column({ name: 'met_at', type: 'timestamptz', nullable: true })
  metAt: Date | null;

  @References(() => Assignment, 'assignment_id', 'CASCADE')
  private readonly assignmentIdFk?: never;
}
