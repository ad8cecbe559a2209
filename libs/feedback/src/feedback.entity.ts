import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Reply } from '#app/replies';
import { Proposal } from '#app/proposals';
import { User } from '#app/org';
import { References } from '#app/core';

export enum Satisfaction {
  Satisfied = 'satisfied',
  BasicallySatisfied = 'basically_satisfied',
  Dissatisfied = 'dissatisfied',
}

export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, string>> = {
  [Satisfaction.Satisfied]: '满意',
  [Satisfaction.BasicallySatisfied]: '基本满意',
  [Satisfaction.Dissatisfied]: '不满意',
};

/** 征询意见表 — a proposer's feedback on a dispatched reply. One per proposer and reply. */
@Entity({ name: 'feedback' })
@Index(['replyId', 'proposerUserId'], { unique: true })
@Index(['proposalId'])
export class Feedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  @Column({ name: 'proposer_user_id', type: 'uuid' })
  proposerUserId: string;

  @Column({ type: 'varchar', length: 30 })
  satisfaction: Satisfaction;

  /** Did the unit contact the member before replying (办前面商)? */
  @Column({ type: 'boolean' })
  contacted: boolean;

  /** Does the reply answer what the proposal asked? */
  @Column({ type: 'boolean' })
  answered: boolean;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comments: string | null;

  @Column({ name: 'recorded_by_user_id', type: 'uuid' })
  recordedByUserId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Reply, 'reply_id')
  private readonly replyIdFk?: never;

  @References(() => Proposal, 'proposal_id')
  private readonly proposalIdFk?: never;

  @References(() => User, 'proposer_user_id')
  private readonly proposerUserIdFk?: never;
}
