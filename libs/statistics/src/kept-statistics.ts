import type { DataSource } from 'typeorm';
import { keptRefreshSql } from './statistics-sql.js';

/** Runs one statement and returns its rows (a TypeORM data source's or manager's `query`, a pg client's). */
export type KeptQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** Runs `work` in a transaction of its own, with the statements it runs. */
export type KeptTransaction = <T>(work: (query: KeptQuery) => Promise<T>) => Promise<T>;

/** Where the kept statistics are read and written: statements outside a transaction, and transactions. */
export interface KeptDatabase {
  query: KeptQuery;
  inTransaction: KeptTransaction;
}

/** One connection's statements as a transaction: BEGIN, the work, COMMIT — ROLLBACK when the work throws. */
export const transactionOver =
  (query: KeptQuery): KeptTransaction =>
  async (work) => {
    await query('BEGIN', []);
    try {
      const result = await work(query);
      await query('COMMIT', []);
      return result;
    } catch (error) {
      await query('ROLLBACK', []);
      throw error;
    }
  };

/** {@link KeptDatabase} on a TypeORM data source. */
export const keptDatabaseOn = (dataSource: DataSource): KeptDatabase => ({
  query: (sql, params) => dataSource.query(sql, params),
  inTransaction: (work) => dataSource.transaction((manager) => work((sql, params) => manager.query(sql, params))),
});

/** Proposals recomputed per statement. */
const BATCH = 2000;

interface Mark {
  proposal_id: string;
  seq: string;
}

/**
 * Brings the kept statistics (ADR 14) of one committee up to date in the caller's transaction (`query`
 * runs in it): recomputes the fact rows of every proposal marked since (the triggers mark them in each
 * writer's transaction), clears those marks and returns how many proposals it recomputed.
 *
 * - Refreshes of one committee take turns (a transaction-scoped advisory lock), so an older snapshot's
 *   rows never overwrite a newer one's. Readers that find nothing marked take no lock at all.
 * - A mark is cleared only if no writer marked the proposal again since it was read (`seq`), and never
 *   waits for one (SKIP LOCKED): a writer still in progress keeps its mark and its change is picked up by
 *   the next refresh. Writers therefore never wait on a refresh, except to re-mark a proposal whose mark
 *   is being cleared.
 * - Every change committed before the refresh began is in the kept rows it leaves.
 */
export async function refreshKeptStatistics(query: KeptQuery, committeeId: string, timeZone: string): Promise<number> {
  const anything = (await query('SELECT 1 FROM statistics_dirty WHERE committee_id = $1 LIMIT 1', [committeeId])) as unknown[];
  if (anything.length === 0) return 0;
  await query('SET LOCAL jit = off', []);
  await query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`statistics:${committeeId}`]);
  const marks = (await query('SELECT proposal_id, seq FROM statistics_dirty WHERE committee_id = $1 ORDER BY proposal_id', [committeeId])) as Mark[];
  for (let i = 0; i < marks.length; i += BATCH) {
    const batch = marks.slice(i, i + BATCH);
    const ids = batch.map((mark) => mark.proposal_id);
    await query(
      `WITH gone_a AS (DELETE FROM statistics_assignments WHERE proposal_id = ANY($1::uuid[])),
            gone_g AS (DELETE FROM statistics_answers WHERE proposal_id = ANY($1::uuid[])),
            gone_f AS (DELETE FROM statistics_forms WHERE proposal_id = ANY($1::uuid[]))
       DELETE FROM statistics_proposals WHERE proposal_id = ANY($1::uuid[])`,
      [ids],
    );
    const { text, values } = keptRefreshSql(ids, timeZone);
    await query(text, values);
    await query(
      `DELETE FROM statistics_dirty WHERE proposal_id IN (
         SELECT d.proposal_id FROM statistics_dirty d JOIN unnest($1::uuid[], $2::bigint[]) AS m(proposal_id, seq) ON m.proposal_id = d.proposal_id AND m.seq = d.seq
         FOR UPDATE OF d SKIP LOCKED)`,
      [ids, batch.map((mark) => mark.seq)],
    );
  }
  return marks.length;
}

/**
 * Brings every committee's kept statistics up to date, one committee per transaction (after a bulk load,
 * or the migration that marked every proposal). Returns how many proposals were recomputed.
 */
export async function refreshAllKeptStatistics(
  inTransaction: KeptTransaction,
  timeZone: string,
  onCommittee?: (done: number, of: number, proposals: number) => void,
): Promise<number> {
  const committees = (await inTransaction((query) => query('SELECT DISTINCT committee_id FROM statistics_dirty ORDER BY committee_id', []))) as Array<{
    committee_id: string;
  }>;
  let proposals = 0;
  for (const [index, { committee_id }] of committees.entries()) {
    proposals += await inTransaction((query) => refreshKeptStatistics(query, committee_id, timeZone));
    onCommittee?.(index + 1, committees.length, proposals);
  }
  return proposals;
}

/**
 * Whether the kept statistics of a committee stand for `asOf`: true when none of its facts carries a
 * timestamp after the end of that day (in `timeZone`), so that counting as of that day counts them all —
 * always so for today, unless data was written with future times (imports, a test clock). Also says
 * whether anything of the committee is marked (then the answer holds only after a refresh).
 */
export async function keptStatisticsState(query: KeptQuery, committeeId: string, asOf: string, timeZone: string): Promise<{ marked: boolean; stands: boolean }> {
  const [row] = (await query(
    `SELECT EXISTS (SELECT 1 FROM statistics_dirty WHERE committee_id = $1) AS marked,
            (SELECT COALESCE(max(latest_at) < (($2::date + 1)::timestamp AT TIME ZONE $3), true) FROM statistics_proposals WHERE committee_id = $1) AS stands`,
    [committeeId, asOf, timeZone],
  )) as Array<{ marked: boolean; stands: boolean }>;
  return row;
}

/**
 * Where a scope's fact rows come from (ADR 14): `kept` when the committee's kept statistics, brought up
 * to date first if anything is marked, stand for `asOf`; else `live`. Nothing marked (the usual case)
 * costs one statement and no transaction.
 */
export async function keptOrLive(database: KeptDatabase, committeeId: string, asOf: string, timeZone: string): Promise<'kept' | 'live'> {
  let state = await keptStatisticsState(database.query, committeeId, asOf, timeZone);
  if (state.marked) {
    state = await database.inTransaction(async (query) => {
      await refreshKeptStatistics(query, committeeId, timeZone);
      return keptStatisticsState(query, committeeId, asOf, timeZone);
    });
  }
  return state.stands ? 'kept' : 'live';
}
