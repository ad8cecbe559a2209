import { Column, Entity, Index } from 'typeorm';
import { References, VersionedEntity } from '#app/core';
import { Assignment } from './assignment.entity.js';

export enum ExtensionStatus {
  Pending = 'pending',
  Approved = 'approved',
  Rejected = 'rejected',
}

/** 延期申请 — a unit asks for more time for its reply; only the committee decides. */
@Entity({ name: 'extension_requests' })
@Index(['committeeId', 'status'])
@Index(['assignmentId'])
export class ExtensionRequest extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'requested_due_date', type: 'date' })
  requestedDueDate: string;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'varchar', length: 20 })
  status: ExtensionStatus;

  @Column({ name: 'requested_by_user_id', type: 'uuid' })
  requestedByUserId: string;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The date granted (may differ from the one asked), or the reason for a rejection. */
  @Column({ name: 'decision_note', type: 'varchar', length: 1000, nullable: true })
  decisionNote: string | null;

  @References(() => Assignment, 'assignment_id', 'CASCADE')
  private readonly assignmentIdFk?: never;
}
