import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditContent, type ChainProblem, verifyChain } from './audit-chain.js';
import { appendAuditEntries, chainOfEntrySql } from './audit-chain-writer.js';
import { AuditChainHead } from './audit-chain-head.entity.js';
import { AuditEntry } from './audit-entry.entity.js';

/** What a service records; `before` and `after` may be left out. */
export interface AuditRecord extends Omit<AuditContent, 'before' | 'after'> {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditEntryView extends Omit<AuditContent, 'committeeId' | 'at'> {
  id: string;
  at: string;
}

export interface ChainedEntryView extends AuditEntryView {
  seq: number;
  prevHash: string | null;
  hash: string;
}

/** One chain with every entry and the result of checking it (the export of a proposal's audit trail). */
export interface AuditChainExport {
  chain: string;
  entries: ChainedEntryView[];
  head: { seq: number; hash: string | null };
  verification: { valid: boolean; checkedAt: string; problems: ChainProblem[] };
}

/**
 * Writes audit entries inside the caller's transaction, each hash-chained to the previous entry of its
 * chain (libs/audit/src/audit-chain.ts). The chain's head row is locked for the rest of the transaction:
 * entries of one proposal are written one after another, different proposals in parallel. The table
 * refuses UPDATE, DELETE and TRUNCATE (a trigger); the head only moves forward by one.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Many entries, chained in the order given, in a handful of statements (a 交办会 writes thousands). */
  async recordMany(manager: EntityManager, entries: readonly AuditRecord[]): Promise<void> {
    await appendAuditEntries(
      manager,
      entries.map((entry) => ({ ...entry, before: entry.before ?? null, after: entry.after ?? null })),
    );
  }

  /** The audit trail of one record within a committee, oldest first. */
  async trail(committeeId: string, entityId: string): Promise<AuditEntryView[]> {
    const rows = await this.dataSource.getRepository(AuditEntry).find({
      where: { committeeId, entityId },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map(toView);
  }

  /**
   * Every entry of a chain with its hashes, checked against each other and the head. The caller has
   * checked that the actor may read what the chain is about.
   */
  async exportChain(chain: string, checkedAt: Date): Promise<AuditChainExport> {
    const [rows, head, [pending]] = await Promise.all([
      this.dataSource.getRepository(AuditEntry).find({ where: { chain }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(AuditChainHead).findOneBy({ chain }),
      // Bulk-loaded entries not chained yet (chainPendingAuditEntries) would be missing from the proof.
      this.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries e WHERE e.chain IS NULL AND ${chainOfEntrySql()} = $1`, [chain]) as Promise<Array<{ n: number }>>,
    ]);
    const problems = verifyChain(rows as Array<AuditEntry & { chain: string; seq: number; hash: string }>, head);
    if (pending.n > 0) problems.push({ seq: null, problem: `${pending.n} entries of this record are not chained yet: run chainPendingAuditEntries` });
    return {
      chain,
      entries: rows.map((row) => ({ ...toView(row), seq: row.seq as number, prevHash: row.prevHash, hash: row.hash as string })),
      head: { seq: head?.seq ?? 0, hash: head?.hash ?? null },
      verification: { valid: problems.length === 0, checkedAt: checkedAt.toISOString(), problems },
    };
  }
}

const toView = (row: AuditEntry): AuditEntryView => ({
  id: row.id,
  actorUserId: row.actorUserId,
  entity: row.entity,
  entityId: row.entityId,
  action: row.action,
  before: row.before,
  after: row.after,
  at: row.at.toISOString(),
});
