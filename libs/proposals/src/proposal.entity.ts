import { Column, Entity, Index } from 'typeorm';
import { Committee, CppccSession, User } from '#app/org';
import { type DeadlineRules, References, VersionedEntity } from '#app/core';
import { ProposalStatus } from './proposal-status.js';

/** 集体提案: who proposes as a body (the lead proposer is its contact person). */
export enum GroupKind {
  /** 民主党派 / 工商联 */
  Party = 'party',
  /** 界别 */
  Sector = 'sector',
  /** 专门委员会 or other group */
  Group = 'group',
}

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
@Index('ix_proposals_merged_into', ['mergedIntoId'])
export class Proposal extends VersionedEntity {
  /** Also leads `ix_proposals_list` (committee, status, newest first, id): its column order is beyond the decorator, so the migration makes it by hand. */
  @Index('ix_proposals_list', { synchronize: false })
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

  /** The whole text: 情况分析 and 具体建议 (composed from the two parts when they are given). */
  @Column({ type: 'text' })
  body: string;

  /** 情况分析, when the member wrote the parts separately. */
  @Column({ type: 'text', nullable: true })
  analysis: string | null;

  /** 具体建议, when the member wrote the parts separately. */
  @Column({ type: 'text', nullable: true })
  suggestions: string | null;

  /** Units the member suggests for handling (建议承办单位); the committee decides. */
  @Column({ name: 'suggested_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  suggestedUnitIds: string[];

  /** 集体提案: the party, 界别 or group proposing; null for a member's own proposal. */
  @Column({ name: 'group_kind', type: 'varchar', length: 20, nullable: true })
  groupKind: GroupKind | null;

  @Column({ name: 'group_name', type: 'varchar', length: 100, nullable: true })
  groupName: string | null;

  /** 联名 deadline: acceptances after it do not count. */
  @Column({ name: 'cosign_deadline', type: 'timestamptz', nullable: true })
  cosignDeadline: Date | null;

  /** 并案: the proposal this one was merged into. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /** 重点提案 */
  @Column({ name: 'is_key', type: 'boolean', default: false })
  isKey: boolean;

  /** 快速通道 / 加急 */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  /**
   * Terms of the title and body as sorted hashes (`termHashes` in chinese-terms.ts), for finding similar
   * proposals. Not loaded with the row (hundreds of integers a proposal, parsed for every read that never
   * uses them): the similarity service reads them itself.
   */
  @Column({ name: 'title_terms', type: 'int', array: true, default: () => "'{}'", select: false })
  titleTerms: number[];

  @Column({ name: 'body_terms', type: 'int', array: true, default: () => "'{}'", select: false })
  bodyTerms: number[];

  /**
   * The search document (ADR 11): character n-grams of the title, the people, the units, the body and
   * the answers sent, written by `refreshProposalSearch`. Not loaded with the row; its GIN index is made
   * by hand in the migration (TypeORM cannot declare one) and left alone by schema sync.
   */
  @Index('ix_proposals_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, default: () => "''" })
  search: string;

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

  @References(() => Proposal, 'merged_into_id')
  private readonly mergedIntoIdFk?: never;

  @References(() => User, 'supervisor_user_id')
  private readonly supervisorUserIdFk?: never;
}
