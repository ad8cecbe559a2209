import { Column, Entity, Index } from 'typeorm';
import { Committee, CppccSession, User } from '#app/org';
import { type DeadlineRules, References, VersionedEntity } from '#app/core';
import { ProposalStatus } from './proposal-status.js';

export enum ProposalKind {
  /** 大会提案: submitted within the plenary window */
  Plenary = 'plenary',
  /** 平时提案: submitted between plenary sessions */
  Interim = 'interim',
}

/** 提案 — a CPPCC member's proposal. Its number (第365号) is given when it is filed (立案). */
@Entity({ name: 'proposals' })
@Index('uq_proposal_number', ['sessionId', 'number'], { unique: true, where: 'number IS NOT NULL' })
@Index(['committeeId', 'status'])
@Index(['committeeId', 'sessionId', 'createdAt'])
export class Proposal extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'int', nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  kind: ProposalKind | null;

  /** 案由 */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 情况分析 and 具体建议 */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: ProposalStatus;

  /** Set when committee staff entered the proposal on the member's behalf (代录). */
  @Column({ name: 'entered_by_user_id', type: 'uuid', nullable: true })
  enteredByUserId: string | null;

  /** Deadline rules of this proposal that differ from its session's (e.g. 快速通道). */
  @Column({ name: 'deadline_rules', type: 'jsonb', nullable: true })
  deadlineRules: Partial<DeadlineRules> | null;

  /** 督办领导: set when the committee makes this a key proposal (重点提案) supervised by a leader. */
  @Column({ name: 'supervisor_user_id', type: 'uuid', nullable: true })
  supervisorUserId: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'filed_at', type: 'timestamptz', nullable: true })
  filedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @References(() => Committee, 'committee_id')
  private readonly committeeIdFk?: never;

  @References(() => CppccSession, 'session_id')
  private readonly sessionIdFk?: never;

  @References(() => User, 'supervisor_user_id')
  private readonly supervisorUserIdFk?: never;
}
