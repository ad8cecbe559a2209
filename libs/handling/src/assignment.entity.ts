import { Column, Entity, Index } from 'typeorm';
import { Proposal } from '#app/proposals';
import { Unit } from '#app/org';
import { References, VersionedEntity } from '#app/core';

export enum AssignmentRole {
  /** 主办 */
  Lead = 'lead',
  /** 会办/协办 */
  Co = 'co',
  /** 分办: one of several units each answering separately */
  Separate = 'separate',
}

export enum AssignmentStatus {
  Assigned = 'assigned',
  /** 签收 */
  Accepted = 'accepted',
  Replied = 'replied',
  Closed = 'closed',
  /** 调整: the committee took the proposal off this unit (after the unit asked, with a reason) */
  Reassigned = 'reassigned',
}

/** 交办 — a proposal given to a handling unit, with its role and deadline. */
@Entity({ name: 'assignments' })
@Index('uq_assignment_active_unit', ['proposalId', 'unitId'], { unique: true, where: "status <> 'reassigned'" })
@Index(['proposalId'])
@Index(['committeeId', 'unitId', 'status'])
export class Assignment extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 20 })
  role: AssignmentRole;

  @Column({ type: 'varchar', length: 20 })
  status: AssignmentStatus;

  /** 1 for the first handling; raised by each 重新办理 the committee orders. */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ name: 'assigned_by_user_id', type: 'uuid' })
  assignedByUserId: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  /** 会办 only: the committee waived this co-unit's opinion, so the lead reply need not wait for it. */
  @Column({ name: 'waived_at', type: 'timestamptz', nullable: true })
  waivedAt: Date | null;

  @Column({ name: 'waived_by_user_id', type: 'uuid', nullable: true })
  waivedByUserId: string | null;

  @Column({ name: 'waiver_reason', type: 'varchar', length: 1000, nullable: true })
  waiverReason: string | null;

  @References(() => Proposal, 'proposal_id')
  private readonly proposalIdFk?: never;

  @References(() => Unit, 'unit_id')
  private readonly unitIdFk?: never;
}
