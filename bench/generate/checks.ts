/**
 * Consistency checks of a generated database: the product's invariants, each as a query counting the
 * rows that break it (0 means it holds). Run after every generation; the spec asserts them too.
 */
import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import { refreshProposalSearch } from '#app/proposals';
import { refreshReplySearch } from '#app/replies';

export interface CheckResult {
  name: string;
  violations: number;
  ms: number;
}

const ANSWERS = "('answer', 'separate_answer')";
const NUMBERED = "('filed', 'assigned', 'in_handling', 'replied', 'closed', 'rehandling')";

export const CHECKS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'proposal numbers are unique within their session',
    sql: 'SELECT count(*) FROM (SELECT 1 FROM proposals WHERE number IS NOT NULL GROUP BY session_id, number HAVING count(*) > 1) d',
  },
  {
    name: 'proposal numbers run 1…n without gaps, and the session series stands at n',
    sql: `SELECT count(*) FROM (SELECT session_id, committee_id, count(number) AS n, coalesce(max(number), 0) AS top FROM proposals GROUP BY 1, 2) s
          LEFT JOIN number_series ns ON ns.committee_id = s.committee_id AND ns.series = 'proposal-' || s.session_id
          WHERE s.n <> s.top OR coalesce(ns.last_value, 0) <> s.top`,
  },
  {
    name: 'a proposal has a number exactly when it was filed',
    sql: `SELECT count(*) FROM proposals WHERE (number IS NOT NULL) <> (status IN ${NUMBERED}) OR (number IS NOT NULL) <> (filed_at IS NOT NULL)`,
  },
  {
    name: 'every proposal has one lead proposer',
    sql: `SELECT count(*) FROM proposals p WHERE (SELECT count(*) FROM proposers pr WHERE pr.proposal_id = p.id AND pr.role = 'lead') <> 1`,
  },
  {
    name: 'merged proposals point at a filed proposal of the same session',
    sql: `SELECT count(*) FROM proposals p LEFT JOIN proposals t ON t.id = p.merged_into_id
          WHERE (p.status = 'merged') <> (p.merged_into_id IS NOT NULL) OR (p.merged_into_id IS NOT NULL AND (t.session_id <> p.session_id OR t.number IS NULL))`,
  },
  {
    name: 'every decided proposal has its review decision',
    sql: `SELECT count(*) FROM proposals p WHERE p.status IN ('filed', 'merged', 'to_opinion', 'not_filed', 'withdrawn', 'assigned', 'in_handling', 'replied', 'closed', 'rehandling')
          AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.proposal_id = p.id)`,
  },
  {
    name: 'every replied or closed proposal has a dispatched answer',
    sql: `SELECT count(*) FROM proposals p WHERE p.status IN ('replied', 'closed')
          AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.proposal_id = p.id AND r.kind IN ${ANSWERS} AND r.status = 'dispatched')`,
  },
  {
    name: 'assigned proposals have a lead unit or two or more 分办 units at work',
    sql: `SELECT count(*) FROM proposals p WHERE p.status IN ('assigned', 'in_handling', 'replied', 'closed', 'rehandling') AND NOT (
            (SELECT count(*) FROM assignments a WHERE a.proposal_id = p.id AND a.role = 'lead' AND a.status <> 'reassigned') = 1
            OR (SELECT count(*) FROM assignments a WHERE a.proposal_id = p.id AND a.role = 'separate' AND a.status <> 'reassigned') >= 2)`,
  },
  {
    name: 'closed proposals have no assignment still open',
    sql: `SELECT count(*) FROM proposals p JOIN assignments a ON a.proposal_id = p.id WHERE p.status = 'closed' AND a.status IN ('assigned', 'accepted')`,
  },
  {
    name: 'dispatched replies carry number, signer, date, due date and were signed before dispatch',
    sql: `SELECT count(*) FROM replies WHERE status = 'dispatched' AND (doc_number IS NULL OR signer_user_id IS NULL OR reply_date IS NULL
          OR due_date IS NULL OR signed_at > dispatched_at OR created_at > signed_at)`,
  },
  {
    name: 'document numbers are unique in a committee and their series stand at the count (per unit, kind, year)',
    sql: `SELECT count(*) FROM (
            SELECT committee_id, 'doc-' || unit_id || '-' || kind || '-' || extract(year FROM reply_date)::int AS series, count(*) AS n, count(DISTINCT doc_number) AS distinct_numbers
            FROM replies WHERE doc_number IS NOT NULL GROUP BY 1, 2) s
          LEFT JOIN number_series ns ON ns.committee_id = s.committee_id AND ns.series = s.series
          WHERE ns.last_value IS DISTINCT FROM s.n OR s.distinct_numbers <> s.n`,
  },
  {
    name: 'the signer wrote no version of the reply',
    sql: 'SELECT count(*) FROM replies r WHERE r.signer_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM reply_versions v WHERE v.reply_id = r.id AND v.author_user_id = r.signer_user_id)',
  },
  {
    name: 'the lead answer was signed only after every co-unit’s opinion was sent or waived (会签)',
    sql: `SELECT count(*) FROM replies r JOIN assignments co ON co.proposal_id = r.proposal_id AND co.role = 'co' AND co.status <> 'reassigned'
          WHERE r.kind = 'answer' AND r.round = 1 AND r.signed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM replies o WHERE o.assignment_id = co.id AND o.kind = 'co_opinion' AND o.dispatched_at < r.signed_at)
          AND NOT (co.waived_at IS NOT NULL AND co.waived_at < r.signed_at)`,
  },
  {
    name: 'feedback only on dispatched answers, after dispatch, by a proposer',
    sql: `SELECT count(*) FROM feedback f JOIN replies r ON r.id = f.reply_id
          WHERE r.status <> 'dispatched' OR r.kind NOT IN ${ANSWERS} OR f.created_at < r.dispatched_at OR r.proposal_id <> f.proposal_id
          OR NOT EXISTS (SELECT 1 FROM proposers pr WHERE pr.proposal_id = f.proposal_id AND pr.user_id = f.proposer_user_id)`,
  },
  {
    name: 'replied assignments have a dispatched reply of their round',
    sql: `SELECT count(*) FROM assignments a WHERE a.status IN ('replied', 'closed') AND a.waived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.assignment_id = a.id AND r.round = a.round AND r.status = 'dispatched')`,
  },
  {
    name: 'open deadlines belong to work still open (reply, opinion, adjustment window)',
    sql: `SELECT count(*) FROM deadlines d JOIN assignments a ON a.id = d.assignment_id
          WHERE d.status = 'open' AND d.kind IN ('reply', 'co_opinion', 'adjustment_window') AND a.status NOT IN ('assigned', 'accepted')`,
  },
  {
    name: 'deadlines agree with their explanation (start and due date)',
    sql: `SELECT count(*) FROM deadlines d WHERE to_char(d.due_date, 'YYYY-MM-DD') <> d.explanation->>'due' OR to_char(d.start_date, 'YYYY-MM-DD') <> d.explanation->>'start'`,
  },
  {
    name: 'a follow-up for every dispatched answer graded other than A, and for no other reply',
    sql: `SELECT (SELECT count(*) FROM follow_ups fu JOIN replies r ON r.id = fu.reply_id
                  WHERE r.status <> 'dispatched' OR r.kind NOT IN ${ANSWERS} OR fu.first_grade = 'A' OR fu.first_grade <> r.grade)
               + (SELECT count(*) FROM replies r WHERE r.status = 'dispatched' AND r.kind IN ${ANSWERS} AND r.grade <> 'A'
                  AND NOT EXISTS (SELECT 1 FROM follow_ups fu WHERE fu.reply_id = r.id))`,
  },
  {
    name: 'members rate the current answer within its feedback window (later forms are recorded by staff)',
    sql: `SELECT count(*) FROM feedback f JOIN replies r ON r.id = f.reply_id
          JOIN assignments a ON a.id = r.assignment_id AND a.round = r.round
          JOIN deadlines d ON d.assignment_id = a.id AND d.kind = 'feedback'
          WHERE f.recorded_by_user_id = f.proposer_user_id AND (f.created_at AT TIME ZONE 'Asia/Shanghai')::date > d.due_date`,
  },
  {
    name: 'a proposal still 不满意 after re-handling was met face to face (当面协商) before it was closed',
    sql: `SELECT count(*) FROM proposals p JOIN replies r ON r.proposal_id = p.id AND r.round = 2 AND r.status = 'dispatched'
          WHERE p.status = 'closed' AND EXISTS (SELECT 1 FROM feedback f WHERE f.reply_id = r.id AND f.satisfaction = 'dissatisfied')
          AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.assignment_id = r.assignment_id AND c.created_at >= r.dispatched_at AND c.created_at <= p.closed_at)`,
  },
  {
    name: 're-handled assignments (round 2) have a proposal re-handled or answered again',
    sql: `SELECT count(*) FROM assignments a JOIN proposals p ON p.id = a.proposal_id
          WHERE a.round = 2 AND NOT (p.status IN ('rehandling', 'replied', 'closed'))`,
  },
  {
    name: 'times run forward: submitted ≤ filed ≤ closed, assigned ≤ accepted ≤ replied',
    sql: `SELECT (SELECT count(*) FROM proposals WHERE submitted_at > filed_at OR filed_at > closed_at OR created_at > submitted_at)
               + (SELECT count(*) FROM assignments WHERE assigned_at > accepted_at OR accepted_at > replied_at)`,
  },
];

/** Runs every check; each result counts the rows that break the rule. */
export async function checkDataset(client: pg.ClientBase): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    const started = Date.now();
    const { rows } = await client.query(check.sql);
    const value = Object.values(rows[0])[0];
    results.push({ name: check.name, violations: Number(value), ms: Date.now() - started });
  }
  results.push(await checkSearchDocuments(client, 'proposals', refreshProposalSearch));
  results.push(await checkSearchDocuments(client, 'replies', refreshReplySearch));
  return results;
}

/** Rows of each table the search check recomputes. */
const SEARCH_SAMPLE = 500;

/**
 * The search documents the generator wrote are the product's (ADR 11): a sample of rows, spread over
 * the table's pages, recomputed by the product's own refresh function in a transaction that is rolled
 * back, counting those whose vector differs.
 */
async function checkSearchDocuments(
  client: pg.ClientBase,
  table: 'proposals' | 'replies',
  refresh: (manager: EntityManager, ids: readonly string[]) => Promise<void>,
): Promise<CheckResult> {
  const started = Date.now();
  const { rows: estimate } = await client.query<{ n: number }>(`SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE oid = '${table}'::regclass`);
  const percent = Math.min(100, (100 * 4 * SEARCH_SAMPLE) / estimate[0].n);
  const manager = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
  await client.query('BEGIN');
  try {
    const { rows: sample } = await client.query<{ id: string; search: string }>(
      `SELECT id, search::text AS search FROM ${table} TABLESAMPLE SYSTEM (${percent}) REPEATABLE (7) LIMIT ${SEARCH_SAMPLE}`,
    );
    await refresh(manager, sample.map((row) => row.id));
    const { rows: now } = await client.query<{ id: string; search: string }>(`SELECT id, search::text AS search FROM ${table} WHERE id = ANY($1::uuid[])`, [sample.map((row) => row.id)]);
    const was = new Map(sample.map((row) => [row.id, row.search]));
    const differing = now.filter((row) => row.search !== was.get(row.id) || row.search === '').length;
    return { name: `${table}.search is what the product computes (${sample.length} sampled, recomputed)`, violations: differing + (sample.length === 0 ? 1 : 0), ms: Date.now() - started };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Figures of the dataset as the committee would report them, to see the distributions are what was meant. */
export async function summarizeDataset(client: pg.ClientBase): Promise<Array<[string, string]>> {
  const one = async (sql: string) => Object.values((await client.query(sql)).rows[0] ?? {})[0] as string;
  const shares = async (sql: string) =>
    (await client.query<{ k: string; n: string; share: string }>(sql)).rows.map((row) => `${row.k} ${row.share}%`).join(', ');
  return [
    ['proposals by status', await shares(`SELECT status AS k, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share FROM proposals GROUP BY 1 ORDER BY 2 DESC`)],
    ['集体提案 / 重点 / 加急 (of filed)', await one(`SELECT round(100.0 * count(*) FILTER (WHERE group_kind IS NOT NULL) / count(*), 1) || '% / ' || round(100.0 * count(*) FILTER (WHERE is_key) / count(*), 1) || '% / ' || round(100.0 * count(*) FILTER (WHERE urgent) / count(*), 1) || '%' FROM proposals WHERE number IS NOT NULL`)],
    ['body length (chars): min / median / max', await one(`SELECT min(length(body)) || ' / ' || percentile_disc(0.5) WITHIN GROUP (ORDER BY length(body)) || ' / ' || max(length(body)) FROM proposals`)],
    ['answers by grade', await shares(`SELECT grade AS k, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share FROM replies WHERE status = 'dispatched' AND kind IN ${ANSWERS} GROUP BY 1 ORDER BY 1`)],
    ['answers dispatched on time (按期)', await one(`SELECT round(100.0 * count(*) FILTER (WHERE (dispatched_at AT TIME ZONE 'Asia/Shanghai')::date <= due_date) / count(*), 1) || '%' FROM replies WHERE status = 'dispatched' AND kind IN ${ANSWERS}`)],
    ['feedback satisfaction', await shares(`SELECT satisfaction AS k, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share FROM feedback GROUP BY 1 ORDER BY 2 DESC`)],
    ['paper feedback forms', await one(`SELECT round(100.0 * count(*) FILTER (WHERE recorded_by_user_id <> proposer_user_id) / count(*), 1) || '%' FROM feedback`)],
    ['assignments by role', await shares(`SELECT role AS k, count(*) AS n, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share FROM assignments GROUP BY 1 ORDER BY 2 DESC`)],
    ['reassigned / re-handled (round 2) assignments', await one(`SELECT count(*) FILTER (WHERE status = 'reassigned') || ' / ' || count(*) FILTER (WHERE round = 2) FROM assignments`)],
    ['open reply deadlines overdue at the dataset date', await one(`SELECT count(*) FILTER (WHERE d.due_date < (SELECT (max(at) AT TIME ZONE 'Asia/Shanghai')::date FROM audit_entries WHERE action = 'dataset.generated')) || ' of ' || count(*) FROM deadlines d WHERE d.kind = 'reply' AND d.status = 'open'`)],
  ];
}
