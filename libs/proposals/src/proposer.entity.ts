import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Proposal } from './proposal.entity.js';
import { User } from '#app/org';
import { References } from '#app/core';

export enum ProposerRole {
  /** 领衔人 */
  Lead = 'lead',
  /** 联名/附议人 */
  CoSigner = 'co_signer',
}

/** A member who proposes (the lead) or co-signs a proposal. */
@Entity({ name: 'proposers' })
@Index(['proposalId', 'userId'], { unique: true })
@Index(['userId'])
export class Proposer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: ProposerRole;

  /** 并案: the merged proposal through which this proposer joined. */
  @Column({ name: 'via_proposal_id', type: 'uuid', nullable: true })
  viaProposalId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Proposal, 'proposal_id', 'CASCADE')
  private readonly proposalIdFk?: never;

  @References(() => Proposal, 'via_proposal_id')
  private readonly viaProposalIdFk?: never;

  @References(() => User, 'user_id')
  private readonly userIdFk?: never;
}
