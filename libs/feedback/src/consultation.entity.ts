import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Assignment } from '#app/handling';
import { User } from '#app/org';
import { Proposal } from '#app/proposals';

/** How a 当面协商 ended. */
export enum ConsultationOutcome {
  /** 达成一致：委员认可办理结果 */
  Agreed = 'agreed',
  /** 作出说明：委员理解，问题受条件限制暂不能解决 */
  Explained = 'explained',
  /** 仍有分歧：委员保留意见 */
  Disagreed = 'disagreed',
}

export const CONSULTATION_OUTCOME_LABELS: Readonly<Record<ConsultationOutcome, string>> = {
  [ConsultationOutcome.Agreed]: '达成一致',
  [ConsultationOutcome.Explained]: '作出说明，委员理解',
  [ConsultationOutcome.Disagreed]: '仍有分歧',
};

/**
 * 当面协商 — the meeting the committee arranges when a proposer is still 不满意 after 重新办理: the
 * proposer, the handling unit and committee staff face to face. One record per meeting, with its outcome.
 */
@Entity({ name: 'consultations' })
@Index(['proposalId'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  /** The assignment (unit) whose re-handled answer the proposer was not satisfied with. */
  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  /** Who took part (委员、承办单位负责人、提案委工作人员), as written on the record. */
  @Column({ type: 'varchar', length: 1000 })
  participants: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: ConsultationOutcome;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Proposal, 'proposal_id')
  private readonly proposalIdFk?: never;

  @References(() => Assignment, 'assignment_id')
  private readonly assignmentIdFk?: never;

  @References(() => User, 'recorded_by_user_id')
  private readonly recordedByUserIdFk?: never;
}
