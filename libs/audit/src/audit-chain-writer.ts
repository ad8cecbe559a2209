import type { DataSource, EntityManager } from 'typeorm';
import { countAuditEntries, insertRows } from '#app/core';
import { type AuditContent, entryHash } from './audit-chain.js';
import { AuditEntry } from './audit-entry.entity.js';

/**
 * The proposal of an audit entry about a record of a lib above audit, as SQL of the entry `e` (columns
 * entity, entity_id, committee_id), by entity name. Audit names no table of those libs: each owning lib
 * declares its records next to their entity class (`registerProposalChains`, run when the entity's file
 * is loaded, as it is wherever such a record is written or the data source lists its entities).
 */
const PROPOSAL_OF_ENTITY = new Map<string, string>();

/** Entries about these entities chain to the proposal the SQL gives (text, from the owning lib's tables of `e.entity_id`). */
export function registerProposalChains(proposalOf: Readonly<Record<string, string>>): void {
  for (const [entity, sql] of Object.entries(proposalOf)) {
    if (!/^[a-z][a-z_-]*$/.test(entity)) throw new Error(`audit entity name ${entity} is not plain`);
    PROPOSAL_OF_ENTITY.set(entity, sql);
  }
}

/**
 * The chain of an entry `e` (columns entity, entity_id, committee_id), as SQL: the proposal's when the
 * entry is about a proposal or a record of one (as the owning libs registered them: assignment, reply,
 * deadline, adjustment and extension requests, feedback, consultation, follow-up), else the committee's.
 * The one definition, used for new entries, for chaining bulk-loaded ones and for the migration.
 */
export function chainOfEntrySql(): string {
  const cases = [...PROPOSAL_OF_ENTITY].map(([entity, sql]) => `\n    WHEN '${entity}' THEN (${sql})`).join('');
  return `COALESCE(
  'proposal:' || ${cases ? `CASE e.entity${cases}\n  END` : 'NULL'},
  'committee:' || e.committee_id::text,
  'global')`;
}

export const proposalChain = (proposalId: string): string => `proposal:${proposalId}`;

/**
 * Appends entries to their chains in the caller's transaction, in the order given: finds each entry's
 * chain (one query for all), locks the chains' heads in chain order (an upsert, so the first entry of a
 * chain needs no separate step, and two writers never wait on each other crosswise), hashes each entry
 * after its chain's head, inserts them all (one statement per 5,000) and moves the heads. Entries of one
 * chain are thereby written one transaction after another; other chains in parallel. A 交办会 writes
 * thousands of entries this way in a handful of statements. Counts the entries for the current HTTP
 * request, if any (RequestContext).
 */
export async function appendAuditEntries(manager: EntityManager, contents: readonly AuditContent[]): Promise<void> {
  if (contents.length === 0) return;
  const chainOf = (await manager.query(
    `SELECT ${chainOfEntrySql()} AS chain FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS e(entity, entity_id, committee_id, n) ORDER BY e.n`,
    [contents.map((c) => c.entity), contents.map((c) => c.entityId), contents.map((c) => c.committeeId)],
  )) as Array<{ chain: string }>;
  const chains = [...new Set(chainOf.map((row) => row.chain))].sort();
  const heads = new Map<string, { seq: number; hash: string | null }>(
    (
      (await manager.query(
        `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT chain, 0, NULL FROM unnest($1::varchar[]) WITH ORDINALITY AS c(chain, n) ORDER BY c.n
         ON CONFLICT (chain) DO UPDATE SET seq = audit_chain_heads.seq
         RETURNING chain, seq, hash`,
        [chains],
      )) as Array<{ chain: string; seq: number; hash: string | null }>
    ).map((head) => [head.chain, { seq: head.seq, hash: head.hash }]),
  );
  const rows = contents.map((content, i) => {
    const chain = chainOf[i].chain;
    const head = heads.get(chain) as { seq: number; hash: string | null };
    const chained = { ...content, chain, seq: head.seq + 1, prevHash: head.hash };
    const hash = entryHash(chained);
    heads.set(chain, { seq: chained.seq, hash });
    return { ...chained, hash } as AuditEntry;
  });
  await insertRows(manager, AuditEntry, rows);
  await manager.query(
    `UPDATE audit_chain_heads h SET seq = v.seq, hash = v.hash FROM unnest($1::varchar[], $2::int[], $3::char(64)[]) AS v(chain, seq, hash) WHERE h.chain = v.chain`,
    [chains, chains.map((chain) => heads.get(chain)?.seq), chains.map((chain) => heads.get(chain)?.hash)],
  );
  // The request's count (its log line's `audit`; the e2e suite requires one for every change answered 2xx).
  countAuditEntries(rows.length);
}

interface PendingRow {
  id: string;
  chain: string;
  committee_id: string | null;
  actor_user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

/** Runs one statement within the caller's transaction and returns its rows. */
export type RowQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * Chains up to `batchSize` entries that were inserted without their chain (bulk loads: imported
 * history, generated data sets, the migration that introduced the chain), oldest id first, after the
 * current heads — inside the caller's transaction (`query` must run on one connection in it). The
 * database lets an entry be chained once and nothing else about it change; writers of new entries wait
 * meanwhile (the heads are locked). Returns how many entries were chained.
 */
export async function chainPendingAuditBatch(query: RowQuery, batchSize = 5000): Promise<number> {
  await query('LOCK TABLE audit_chain_heads IN SHARE ROW EXCLUSIVE MODE', []);
  const rows = (await query(
    `SELECT e.id, ${chainOfEntrySql()} AS chain, e.committee_id, e.actor_user_id, e.entity, e.entity_id, e.action, e.before, e.after, e.at
     FROM audit_entries e WHERE e.chain IS NULL ORDER BY e.id LIMIT $1`,
    [batchSize],
  )) as PendingRow[];
  if (rows.length === 0) return 0;
  const chains = [...new Set(rows.map((row) => row.chain))];
  const heads = new Map<string, { seq: number; hash: string | null }>(
    ((await query('SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = ANY($1::varchar[])', [chains])) as Array<{ chain: string; seq: number; hash: string | null }>).map(
      (head) => [head.chain, { seq: head.seq, hash: head.hash }],
    ),
  );
  const values = rows.map((row) => {
    const head = heads.get(row.chain) ?? { seq: 0, hash: null };
    const content = {
      chain: row.chain,
      seq: head.seq + 1,
      prevHash: head.hash,
      committeeId: row.committee_id,
      actorUserId: row.actor_user_id,
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      before: row.before,
      after: row.after,
      at: row.at,
    };
    const hash = entryHash(content);
    heads.set(row.chain, { seq: content.seq, hash });
    return { id: row.id, chain: row.chain, seq: content.seq, prevHash: content.prevHash, hash };
  });
  await query(
    `UPDATE audit_entries e SET chain = v.chain, seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
     FROM unnest($1::bigint[], $2::varchar[], $3::int[], $4::char(64)[], $5::char(64)[]) AS v(id, chain, seq, prev_hash, hash) WHERE e.id = v.id`,
    [values.map((v) => v.id), values.map((v) => v.chain), values.map((v) => v.seq), values.map((v) => v.prevHash), values.map((v) => v.hash)],
  );
  const moved = chains.map((chain) => [chain, heads.get(chain) as { seq: number; hash: string | null }] as const);
  await query(
    `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT * FROM unnest($1::varchar[], $2::int[], $3::char(64)[])
     ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
    [moved.map(([chain]) => chain), moved.map(([, head]) => head.seq), moved.map(([, head]) => head.hash)],
  );
  return rows.length;
}

/** Chains every pending entry, one transaction per batch (see chainPendingAuditBatch). */
export async function chainPendingAuditEntries(database: DataSource | EntityManager, batchSize = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const chained = await database.transaction((manager: EntityManager) =>
      chainPendingAuditBatch((sql, params) => manager.query(sql, params) as Promise<unknown[]>, batchSize),
    );
    total += chained;
    if (chained < batchSize) return total;
  }
}
