import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '#app/org';
import { References } from '#app/core';
import { Proposal } from './proposal.entity.js';

export enum InvitationStatus {
  Invited = 'invited',
  /** counts: accepted before the co-signing deadline */
  Accepted = 'accepted',
  Declined = 'declined',
  /** not answered (or cancelled) when the proposal was submitted */
  Lapsed = 'lapsed',
}

/** 联名邀请 — the lead proposer invites a member to co-sign; they accept or decline before the deadline. */
@Entity({ name: 'cosign_invitations' })
@Index(['proposalId', 'userId'], { unique: true })
@Index(['userId', 'status'])
export class CosignInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  status: InvitationStatus;

  @Column({ name: 'invited_by_user_id', type: 'uuid' })
  invitedByUserId: string;

  @Column({ name: 'invited_at', type: 'timestamptz' })
  invitedAt: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Proposal, 'proposal_id', 'CASCADE')
  private readonly proposalIdFk?: never;

  @References(() => User, 'user_id')
  private readonly userIdFk?: never;
}
