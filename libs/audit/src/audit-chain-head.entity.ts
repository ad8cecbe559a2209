import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last entry of each audit chain (`proposal:<id>`, `committee:<id>`). Writers lock this row, so a
 * chain grows one entry at a time while other chains grow in parallel; the database lets it only move
 * forward by one (a trigger), never back, and refuses DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHead {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  chain: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}
