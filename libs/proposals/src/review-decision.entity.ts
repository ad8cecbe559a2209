import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Proposal } from './proposal.entity.js';
import { References } from '#app/core';

export enum ReviewOutcome {
  Filed = 'filed',
  Merged = 'merged',
  ToOpinion = 'to_opinion',
  NotFiled = 'not_filed',
  Withdrawn = 'withdrawn',
}

/** 审查意见 — the committee's decision on a submitted proposal, with its reason. */
@Entity({ name: 'review_decisions' })
@Index(['proposalId'])
export class ReviewDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: ReviewOutcome;

  @Column({ name: 'reason_code', type: 'varchar', length: 40, nullable: true })
  reasonCode: string | null;

  @Column({ name: 'reason_text', type: 'varchar', length: 1000, nullable: true })
  reasonText: string | null;

  @Column({ name: 'target_proposal_id', type: 'uuid', nullable: true })
  targetProposalId: string | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid' })
  decidedByUserId: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @References(() => Proposal, 'proposal_id', 'CASCADE')
  private readonly proposalIdFk?: never;

  @References(() => Proposal, 'target_proposal_id')
  private readonly targetProposalIdFk?: never;
}
