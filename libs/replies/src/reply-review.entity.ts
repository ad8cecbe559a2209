import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '#app/org';
import { References } from '#app/core';
import { Reply } from './reply.entity.js';

export enum ReviewDecision {
  Pending = 'pending',
  Approved = 'approved',
  Returned = 'returned',
}

/** 内部审核 — one reviewer's look at a reply in one review round, before the signing leader sees it. */
@Entity({ name: 'reply_reviews' })
@Index(['replyId', 'round', 'reviewerUserId'], { unique: true })
export class ReplyReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  /** 1 for the first time the draft was sent for review, 2 after it came back and was sent again, … */
  @Column({ type: 'int' })
  round: number;

  @Column({ name: 'reviewer_user_id', type: 'uuid' })
  reviewerUserId: string;

  @Column({ type: 'varchar', length: 20 })
  decision: ReviewDecision;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Reply, 'reply_id', 'CASCADE')
  private readonly replyIdFk?: never;

  @References(() => User, 'reviewer_user_id')
  private readonly reviewerUserIdFk?: never;
}
