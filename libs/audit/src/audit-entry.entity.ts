import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 审计记录 — one append-only line per state change, written in the same transaction as the change. */
@Entity({ name: 'audit_entries' })
@Index(['committeeId', 'entity', 'entityId', 'at'])
@Index(['chain', 'seq'], { unique: true })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'committee_id', type: 'uuid', nullable: true })
  committeeId: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** The hash chain this entry belongs to: `proposal:<id>` or `committee:<id>` (see audit-chain.ts). */
  @Column({ type: 'varchar', length: 80 })
  chain: string;

  /** Position in the chain, from 1. */
  @Column({ type: 'int' })
  seq: number;

  /** The hash of the entry before it in the chain; null for the first. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 (hex) of this entry's canonical content, its position and prevHash. */
  @Column({ type: 'char', length: 64 })
  hash: string;
}
