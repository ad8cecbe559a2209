import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Assignment } from '#app/handling';
import { Unit, User } from '#app/org';
import { Proposal } from '#app/proposals';
import { Reply } from './reply.entity.js';

export enum FollowUpStatus {
  /** waiting for the unit's second result */
  Open = 'open',
  /** the second result is recorded */
  Done = 'done',
}

/**
 * 跟踪办理 — a B or C answer (正在解决 / 暂不能解决) is revisited later: opened at its dispatch with a
 * due date by the session's follow-up rule, it takes the unit's second result (a grade of the same code
 * table and what has happened since) — a second result on the same proposal, its first one kept.
 */
@Entity({ name: 'follow_ups' })
@Index(['replyId'], { unique: true })
@Index(['committeeId', 'status', 'dueDate'])
@Index(['proposalId'])
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  /** The B or C answer being followed up. */
  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  /** Its grade at dispatch (after the committee's check). */
  @Column({ name: 'first_grade', type: 'varchar', length: 4 })
  firstGrade: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 20 })
  status: FollowUpStatus;

  @Column({ name: 'result_grade', type: 'varchar', length: 4, nullable: true })
  resultGrade: string | null;

  @Column({ name: 'result_text', type: 'text', nullable: true })
  resultText: string | null;

  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Proposal, 'proposal_id')
  private readonly proposalIdFk?: never;

  @References(() => Assignment, 'assignment_id')
  private readonly assignmentIdFk?: never;

  @References(() => Unit, 'unit_id')
  private readonly unitIdFk?: never;

  @References(() => Reply, 'reply_id')
  private readonly replyIdFk?: never;

  @References(() => User, 'recorded_by_user_id')
  private readonly recordedByUserIdFk?: never;
}
