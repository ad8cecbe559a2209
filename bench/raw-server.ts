/**
 * The baseline of `npm run bench` (issue #8): a bare `node:http` + `pg` server answering the read
 * endpoints the harness measures with the same SQL statements the product's services run — the same
 * tables, conditions, row scope (committee, unit), order, page and follow-up queries (proposers, merged
 * proposals, session names, highlights) — but with no framework, no authentication, no actor lookup,
 * no entity layer and no validation. What the API achieves is compared with it: the difference is the
 * cost of everything the product adds around its queries.
 *
 * Routes (ids as query parameters, since there is no token to take them from):
 *   GET /proposals/:id?committee=          one proposal with its proposers (ProposalsService.get)
 *   GET /proposals?committee=&status=      20 newest with a status, and the total (ProposalsService.list)
 *   GET /search?committee=&q=              the ranked first page of a full-text search with highlights
 *   GET /assignments?committee=&unit=      a unit's assignments by due date (HandlingService.list)
 *   GET /statistics?committee=&session=&asOf=   the summary and per-unit table (StatisticsService.statistics)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  type HighlightSource,
  highlights,
  parseSearchQuery,
  PROPOSAL_SEARCH_PARTS_ORDER,
  proposalSearchPartsSql,
  PROPOSAL_VIEW_EXTRAS_SQL,
} from '#app/proposals';
import { aggregateSql, figuresAt, type KeptDatabase, keptOrLive, transactionOver } from '#app/statistics';

/** Every column of `proposals` the entity layer reads (all but `search`, which is select: false). */
const PROPOSAL_COLUMNS = `p.id, p.version, p.created_at, p.updated_at, p.committee_id, p.session_id, p.number, p.kind, p.title, p.body, p.category,
  p.status, p.entered_by_user_id, p.submitted_at, p.filed_at, p.closed_at, p.deadline_rules, p.supervisor_user_id, p.analysis, p.suggestions,
  p.suggested_unit_ids, p.group_kind, p.group_name, p.cosign_deadline, p.merged_into_id, p.is_key, p.urgent`;

/** The staff row policy (visibleProposals for committee staff) with the committee as $1 and the user as $2. */
const STAFF_POLICY = `p.committee_id = $1 AND (p.status NOT IN ('draft', 'cosigning') OR p.entered_by_user_id IS NOT NULL
  OR EXISTS (SELECT 1 FROM proposers pr WHERE pr.proposal_id = p.id AND pr.user_id = $2))`;

type Row = Record<string, unknown>;

export interface RawServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the baseline on a free port of 127.0.0.1 with a pool as large as the API's. */
export async function startRawServer(databaseUrl: string, poolSize = 10): Promise<RawServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const query = async (text: string, values: unknown[] = []): Promise<Row[]> => (await pool.query(text, values)).rows;
  /** The kept statistics on the pool: a transaction holds one pooled connection. */
  const kept: KeptDatabase = {
    query,
    inTransaction: async (work) => {
      const client = await pool.connect();
      try {
        return await transactionOver(async (sql, values) => (await client.query(sql, values)).rows as unknown[])(work);
      } finally {
        client.release();
      }
    },
  };

  /** What ProposalsService.toViews adds to the rows (session names, proposers, merged proposals): its own statement. */
  const views = async (rows: Row[]) => {
    if (rows.length === 0) return [];
    const extras = await query(PROPOSAL_VIEW_EXTRAS_SQL, [rows.map((row) => row.id), rows.map((row) => row.session_id)]);
    return rows.map((row) => {
      const extra = extras.find((e) => e.id === row.id);
      return { ...row, sessionName: extra?.session_name ?? '', mergedFrom: extra?.merged_from ?? [], proposers: extra?.proposers ?? [] };
    });
  };

  const routes: Record<string, (params: URLSearchParams, id: string | undefined) => Promise<unknown>> = {
    async proposals(params, id) {
      const committee = params.get('committee');
      const user = params.get('user') ?? '00000000-0000-4000-8000-000000000000';
      if (id) {
        const rows = await query(`SELECT ${PROPOSAL_COLUMNS} FROM proposals p WHERE p.id = $3 AND ${STAFF_POLICY}`, [committee, user, id]);
        if (rows.length === 0) return null;
        return (await views(rows))[0];
      }
      const status = params.get('status') ?? 'closed';
      const where = `${STAFF_POLICY} AND p.status = $3`;
      const [rows, [{ total }]] = await Promise.all([
        query(`SELECT ${PROPOSAL_COLUMNS} FROM proposals p WHERE ${where} ORDER BY p.created_at DESC NULLS FIRST, p.id ASC LIMIT 20`, [committee, user, status]),
        query(`SELECT count(DISTINCT p.id) AS total FROM proposals p WHERE ${where}`, [committee, user, status]),
      ]);
      return { items: await views(rows), total: Number(total), limit: 20, offset: 0 };
    },

    async search(params) {
      const committee = params.get('committee');
      const user = params.get('user') ?? '00000000-0000-4000-8000-000000000000';
      const search = parseSearchQuery(params.get('q') ?? '');
      const rows = await query(
        `SELECT ${PROPOSAL_COLUMNS}, p.search @@ $4::tsquery AS title_hit, ts_rank_cd('{0.1,0.2,0.4,1}'::float4[], p.search, $3::tsquery, 1) AS rank,
                count(*) OVER () AS total
           FROM proposals p WHERE ${STAFF_POLICY} AND p.search @@ $3::tsquery
          ORDER BY title_hit DESC, rank DESC, p.created_at DESC, p.id ASC LIMIT 20`,
        [committee, user, search.tsquery(), search.tsquery('A')],
      );
      const items = await views(rows.map(({ title_hit: _h, rank: _r, total: _t, ...row }) => row));
      const parts = rows.length === 0 ? [] : await query(`SELECT proposal_id, part, text FROM (${proposalSearchPartsSql()}) parts ORDER BY ${PROPOSAL_SEARCH_PARTS_ORDER}`, [rows.map((r) => r.id)]);
      for (const item of items as Row[]) {
        const texts = (kind: string) => parts.filter((part) => part.proposal_id === item.id && part.part === kind).map((part) => part.text as string);
        const sources: HighlightSource[] = [
          { field: 'title', texts: [item.title as string] },
          { field: 'body', texts: [item.body as string] },
          { field: 'reply', texts: texts('reply') },
          { field: 'unit', texts: texts('unit') },
          { field: 'member', texts: texts('member') },
        ];
        item.highlights = highlights(sources, search);
      }
      return { items, total: rows.length > 0 ? Number(rows[0].total) : 0, limit: 20, offset: 0 };
    },

    async assignments(params) {
      const where = 'a.committee_id = $1 AND a.unit_id = ANY($2::uuid[]) AND a.status = $3';
      const from = `FROM assignments a INNER JOIN proposals p ON p.id = a.proposal_id INNER JOIN units u ON u.id = a.unit_id
        LEFT JOIN deadlines d ON d.assignment_id = a.id AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)`;
      const values = [params.get('committee'), [params.get('unit')], params.get('status') ?? 'accepted'];
      const [[{ total }], rows] = await Promise.all([
        query(`SELECT count(DISTINCT a.id) AS total ${from} WHERE ${where}`, values),
        query(
          `SELECT a.id, a.proposal_id, p.number AS proposal_number, p.title AS proposal_title, p.is_key AS key, p.urgent, a.unit_id, u.name AS unit_name,
                  a.role, a.status, a.round, d.kind AS due_kind, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.explanation AS due_explanation,
                  d.status AS due_status, a.assigned_at, a.accepted_at, a.replied_at, a.version
           ${from} WHERE ${where} ORDER BY d.due_date ASC NULLS LAST, a.id ASC LIMIT 20`,
          values,
        ),
      ]);
      return { items: rows, total: Number(total), limit: 20, offset: 0 };
    },

    async statistics(params) {
      const committee = params.get('committee') as string;
      const session = params.get('session') as string;
      const asOf = params.get('asOf') as string;
      const [[committeeRow], sessions, grades, facts] = await Promise.all([
        query('SELECT id, name FROM committees WHERE id = $1', [committee]),
        query('SELECT id, name, year FROM cppcc_sessions WHERE committee_id = $1 AND id = ANY($2::uuid[]) ORDER BY year, name', [committee, [session]]),
        query("SELECT code FROM code_entries WHERE committee_id = $1 AND code_table = 'reply-grade' ORDER BY sort_order", [committee]),
        keptOrLive(kept, committee, asOf, 'Asia/Shanghai'), // the service's kept-statistics step (ADR 14)
      ]);
      const codes = grades.length > 0 ? grades.map((g) => g.code as string) : ['A', 'B', 'C'];
      // Kept rows are read without a transaction, live ones with JIT off, as the service does.
      const scope = { committeeId: committee, sessionIds: [session], asOf, timeZone: 'Asia/Shanghai', facts };
      const fact = async (level: 'summary' | 'unit') => {
        const { text, values } = aggregateSql(scope, level, figuresAt(level, codes));
        if (facts === 'kept') return (await query(text, values))[0];
        return kept.inTransaction(async (inTransaction) => {
          await inTransaction('SET LOCAL jit = off', []);
          return (await inTransaction(text, values))[0] as Row;
        });
      };
      const [summary, units] = await Promise.all([fact('summary'), fact('unit')]);
      const unitIds = Object.keys((units.sa as Row | null) ?? {});
      const names = await query('SELECT id, name FROM units WHERE id = ANY($1::uuid[])', [unitIds]);
      return { committee: committeeRow, sessions, summary, units: names.map((n) => ({ ...n, figures: Object.fromEntries(Object.entries(units).map(([k, v]) => [k, (v as Row | null)?.[n.id as string] ?? null])) })) };
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://raw');
    const [, route, id] = url.pathname.split('/');
    const handler = routes[route];
    if (!handler || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    handler(url.searchParams, id).then(
      (body) => {
        if (body === null) {
          res.writeHead(404).end();
          return;
        }
        const json = JSON.stringify(body);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

// Run on its own (bench/run.ts starts it as a child process, so that it has a core's event loop of its
// own like the API): prints its URL on the first line of stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startRawServer(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cppcc', Number(process.env.DATABASE_POOL_SIZE ?? 10)).then(
    (server) => {
      console.log(server.url);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
