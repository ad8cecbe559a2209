import { Column, Entity, Index } from 'typeorm';
import { User } from '#app/org';
import { References, VersionedEntity } from '#app/core';
import { Assignment } from './assignment.entity.js';

export enum AdjustmentStatus {
  Pending = 'pending',
  /** the committee took the proposal off the unit (and gave it to another, or dropped a co-unit) */
  Approved = 'approved',
  Rejected = 'rejected',
}

/** 申请调整 — a unit asks, with a reason and within the window, to be relieved of an assignment. */
@Entity({ name: 'adjustment_requests' })
@Index('uq_adjustment_pending', ['assignmentId'], { unique: true, where: "status = 'pending'" })
@Index(['committeeId', 'status'])
export class AdjustmentRequest extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  /** Units the requester thinks fit better; the committee decides. */
  @Column({ name: 'suggested_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  suggestedUnitIds: string[];

  @Column({ type: 'varchar', length: 20 })
  status: AdjustmentStatus;

  @Column({ name: 'requested_by_user_id', type: 'uuid' })
  requestedByUserId: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 1000, nullable: true })
  decisionNote: string | null;

  /** The assignment of the unit that took over, when the committee reassigned. */
  @Column({ name: 'new_assignment_id', type: 'uuid', nullable: true })
  newAssignmentId: string | null;

  @References(() => Assignment, 'assignment_id')
  private readonly assignmentIdFk?: never;

  @References(() => Assignment, 'new_assignment_id')
  private readonly newAssignmentIdFk?: never;

  @References(() => User, 'requested_by_user_id')
  private readonly requestedByUserIdFk?: never;
}
