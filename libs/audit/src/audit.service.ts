import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditContent, type ChainProblem, entryHash, verifyChain } from './audit-chain.js';
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
 * The proposal an entry belongs to, by the kind of record it is about: proposals and everything handled
 * for one chain per proposal. Other records (users, units, calendars, code tables) chain per committee.
 */
const PROPOSAL_OF: Readonly<Record<string, string>> = {
  proposal: 'SELECT id AS proposal_id FROM proposals WHERE id = $1',
  assignment: 'SELECT proposal_id FROM assignments WHERE id = $1',
  reply: 'SELECT proposal_id FROM replies WHERE id = $1',
  feedback: 'SELECT proposal_id FROM feedback WHERE id = $1',
  consultation: 'SELECT proposal_id FROM consultations WHERE id = $1',
  follow_up: 'SELECT proposal_id FROM follow_ups WHERE id = $1',
  deadline: 'SELECT a.proposal_id FROM deadlines d JOIN assignments a ON a.id = d.assignment_id WHERE d.id = $1',
  adjustment: 'SELECT a.proposal_id FROM adjustment_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = $1',
  extension: 'SELECT a.proposal_id FROM extension_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = $1',
};

export const proposalChain = (proposalId: string): string => `proposal:${proposalId}`;

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
    const chain = await this.chainOf(manager, entry);
    const [head] = (await manager.query(
      `INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, NULL)
       ON CONFLICT (chain) DO UPDATE SET seq = audit_chain_heads.seq
       RETURNING seq, hash`,
      [chain],
    )) as Array<{ seq: number; hash: string | null }>;
    const content = {
      chain,
      seq: head.seq + 1,
      prevHash: head.hash,
      committeeId: entry.committeeId,
      actorUserId: entry.actorUserId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
      at: entry.at,
    };
    const hash = entryHash(content);
    await manager.insert(AuditEntry, { ...content, before: content.before as never, after: content.after as never, hash });
    await manager.update(AuditChainHead, { chain }, { seq: content.seq, hash });
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
    const [rows, head] = await Promise.all([
      this.dataSource.getRepository(AuditEntry).find({ where: { chain }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(AuditChainHead).findOneBy({ chain }),
    ]);
    const problems = verifyChain(rows, head);
    return {
      chain,
      entries: rows.map((row) => ({ ...toView(row), seq: row.seq, prevHash: row.prevHash, hash: row.hash })),
      head: { seq: head?.seq ?? 0, hash: head?.hash ?? null },
      verification: { valid: problems.length === 0, checkedAt: checkedAt.toISOString(), problems },
    };
  }

  private async chainOf(manager: EntityManager, entry: AuditRecord): Promise<string> {
    const sql = PROPOSAL_OF[entry.entity];
    if (sql) {
      const [row] = (await manager.query(sql, [entry.entityId])) as Array<{ proposal_id: string }>;
      if (row) return proposalChain(row.proposal_id);
    }
    return entry.committeeId ? `committee:${entry.committeeId}` : 'global';
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
