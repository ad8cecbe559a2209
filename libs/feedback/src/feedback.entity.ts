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

/** How the unit contacted the member (沟通方式). */
export enum ContactMethod {
  FaceToFace = 'face_to_face',
  Phone = 'phone',
  Letter = 'letter',
  Other = 'other',
}

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

  /** Satisfaction with the result (办理结果). */
  @Column({ type: 'varchar', length: 30 })
  satisfaction: Satisfaction;

  /** Satisfaction with the handling attitude (办理态度), when the form asks it. */
  @Column({ name: 'attitude_satisfaction', type: 'varchar', length: 30, nullable: true })
  attitudeSatisfaction: Satisfaction | null;

  /** Did the unit contact the member before replying (办前面商)? */
  @Column({ type: 'boolean' })
  contacted: boolean;

  @Column({ name: 'contact_method', type: 'varchar', length: 20, nullable: true })
  contactMethod: ContactMethod | null;

  /** Does the reply answer what the proposal asked? */
  @Column({ type: 'boolean' })
  answered: boolean;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comments: string | null;

  /** Who entered the form: the proposer, or committee staff recording a paper form (纸质意见表) for them. */
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
