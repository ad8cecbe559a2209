import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 审计记录 — one append-only line per state change, written in the same transaction as the change. */
@Entity({ name: 'audit_entries' })
@Index(['committeeId', 'entity', 'entityId', 'at'])
@Index(['chain', 'seq'], { unique: true })
@Check('ck_audit_entries_chained', '(chain IS NULL AND seq IS NULL AND hash IS NULL) OR (chain IS NOT NULL AND seq IS NOT NULL AND hash IS NOT NULL)')
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

  /**
   * The hash chain this entry belongs to: `proposal:<id>` or `committee:<id>` (see audit-chain.ts). Null
   * only for a bulk-loaded entry until chainPendingAuditEntries chains it (once; the database allows no
   * other change).
   */
  // Entries waiting to be chained are found through a partial index, written by hand in the migration.
  @Index('ix_audit_entries_unchained', { synchronize: false })
  @Column({ type: 'varchar', length: 80, nullable: true })
  chain: string | null;

  /** Position in the chain, from 1. */
  @Column({ type: 'int', nullable: true })
  seq: number | null;

  /** The hash of the entry before it in the chain; null for the first. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 (hex) of this entry's canonical content, its position and prevHash. */
  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
