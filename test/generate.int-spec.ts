import pg from 'pg';
import { termHashes } from '#app/proposals';
import { BinaryRows, copyRows } from '../bench/generate/binary-copy.js';
import { checkDataset, generateDataset, generatedUsername, type GenerateResult } from '../bench/generate/index.js';
import { migrate } from '../scripts/db.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The bench data generator (bench/generate) at small scale, in a database of its own, read back through the API. */
describe('the data generator', () => {
  const name = `cppcc_gen_${Date.now()}_${process.pid}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  let db: pg.Client;
  let result: GenerateResult;
  let t: TestApp;

  const foreignKeys = async (client: pg.ClientBase) =>
    (
      await client.query<{ key: string }>(
        `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS key FROM pg_constraint
         WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1`,
      )
    ).rows.map((row) => row.key);

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await migrate(url);
    result = await generateDataset(url, { committees: 3, proposals: 2000, seed: 7 });
    db = new pg.Client({ connectionString: url });
    await db.connect();
    // The API of this test reads the generated database (the environment is this test file's own).
    process.env.DATABASE_URL = url;
    t = await createTestApp(new Date('2026-09-15T10:00:00Z'));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('writes binary COPY rows PostgreSQL reads back exactly, every kind of field across buffer block boundaries', async () => {
    // Fixed-size fields first, in 1-byte blocks: each of them then starts a new block (as fields do at 4 MB).
    const columns = ['i', 'b', 'ts', 'd', 'u', 'n', 't', 'j', 'ia', 'ua', 'va'];
    await db.query(
      'CREATE TEMP TABLE copy_round_trip (i int, b bool, ts timestamptz, d date, u uuid, n int, t text, j jsonb, ia int[], ua uuid[], va varchar(20)[])',
    );
    const expected = Array.from({ length: 60 }, (_, k) => ({
      u: `0000${String(k).padStart(4, '0')}-1111-4222-8333-${String(k).padStart(12, '0')}`,
      t: `第${k}号提案：关于\t“tab”\n和换行${'字'.repeat(k)}`,
      j: { rule: 'reply', k, steps: [`${k} 起算`] },
      i: k * 1_000_003 - 30_000_000,
      b: k % 2 === 0,
      ts: Date.UTC(2026, 8, 15, 10, k) + k,
      d: 20_000 + k,
      ia: Array.from({ length: k % 7 }, (_, x) => (x - 3) * 2_147_483),
      ua: k % 3 === 0 ? [] : [`aaaaaaaa-bbbb-4ccc-8ddd-${String(k).padStart(12, '0')}`],
      va: k % 4 === 0 ? [] : ['治安', `关键词${k}`],
    }));
    const rows = new BinaryRows('copy_round_trip', columns, 1);
    for (const e of expected) rows.row().int(e.i).bool(e.b).timestamp(e.ts).date(e.d).uuid(e.u).null().text(e.t).jsonb(JSON.stringify(e.j)).intArray(e.ia).uuidArray(e.ua).varcharArray(e.va);
    expect(await copyRows(db, 'copy_round_trip', columns, rows.take())).toBe(expected.length);
    const { rows: stored } = await db.query(
      `SELECT u::text AS u, t, j, i, b, (extract(epoch FROM ts) * 1000)::bigint::text AS ts, (d - date '1970-01-01') AS d, ia, ua::text[] AS ua, va::text[] AS va, n
       FROM copy_round_trip ORDER BY i`,
    );
    expect(stored).toEqual(expected.map((e) => ({ ...e, ts: String(e.ts), n: null })));
  });

  it('fills every table the product has, keeping its invariants', async () => {
    expect(result.rows.committees).toBe(3);
    expect(result.rows.proposals).toBe(2000);
    for (const table of ['users', 'units', 'cppcc_sessions', 'proposers', 'review_decisions', 'assignments', 'deadlines', 'replies', 'reply_versions', 'reply_copies', 'feedback', 'follow_ups', 'audit_entries', 'number_series']) {
      expect([table, result.rows[table as keyof GenerateResult['rows']]]).toEqual([table, expect.any(Number)]);
      expect(result.rows[table as keyof GenerateResult['rows']]).toBeGreaterThan(0);
    }
    const broken = (await checkDataset(db)).filter((check) => check.violations > 0);
    expect(broken).toEqual([]);
  });

  it('has the realistic mix: mostly closed, some in handling and overdue, some not filed, answers graded A/B/C', async () => {
    const { rows } = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM proposals GROUP BY status');
    const share = Object.fromEntries(rows.map((row) => [row.status, row.n / 2000]));
    expect(share.closed).toBeGreaterThan(0.6);
    for (const status of ['replied', 'in_handling', 'merged', 'to_opinion', 'not_filed', 'withdrawn']) expect([status, share[status] > 0]).toEqual([status, true]);
    const [late] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deadlines WHERE kind = 'reply' AND status = 'open' AND due_date < '2026-09-15'")).rows;
    expect(late.n).toBeGreaterThan(0);
    const grades = (await db.query<{ grade: string }>("SELECT DISTINCT grade FROM replies WHERE kind = 'answer' AND status = 'dispatched' ORDER BY 1")).rows.map((r) => r.grade);
    expect(grades).toEqual(expect.arrayContaining(['A', 'B', 'C']));
    const [lengths] = (await db.query<{ min: number; max: number }>('SELECT min(length(body))::int AS min, max(length(body))::int AS max FROM proposals')).rows;
    expect(lengths.min).toBeGreaterThanOrEqual(500);
    expect(lengths.max).toBeLessThanOrEqual(2000);
  });

  it('stores the terms the product computes (termHashes of title and body) and bodies in the product’s composed form', async () => {
    const { rows } = await db.query<{ title: string; body: string; analysis: string | null; suggestions: string | null; title_terms: number[]; body_terms: number[] }>(
      'SELECT title, body, analysis, suggestions, title_terms, body_terms FROM proposals ORDER BY id LIMIT 200',
    );
    for (const row of rows) {
      expect(row.title_terms).toEqual(termHashes(row.title));
      expect(row.body_terms).toEqual(termHashes(row.body));
      if (row.analysis !== null) expect(row.body).toBe(`一、情况分析\n${row.analysis}\n二、具体建议\n${row.suggestions}`);
    }
  });

  it('keeps the schema the migrations made: the same foreign keys, the append-only audit trigger', async () => {
    const product = new pg.Client({ connectionString: Object.assign(new URL(ADMIN_URL), { pathname: `/${process.env.TEST_DATABASE_NAME}` }).toString() });
    await product.connect();
    try {
      const expected = await foreignKeys(product);
      expect(expected.length).toBeGreaterThan(40);
      expect(await foreignKeys(db)).toEqual(expected);
    } finally {
      await product.end();
    }
    await expect(db.query("DELETE FROM audit_entries WHERE action = 'dataset.generated'")).rejects.toThrow(/append-only/);
  });

  it('is read by the API: committee staff list the proposals and open one with its reply; the proposer sees the reply too', async () => {
    const staff = await t.as(generatedUsername(1, 'staff1'));
    const list = await staff.get('/api/proposals?status=closed&sort=number&limit=5');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(100);
    const first = list.body.items[0];
    const [stored] = (await db.query('SELECT number, title FROM proposals WHERE id = $1', [first.id])).rows;
    expect(first).toMatchObject({ number: stored.number, title: stored.title, status: 'closed' });

    const opened = await staff.get(`/api/proposals/${first.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.proposers[0].role).toBe('lead');
    const replies = await staff.get(`/api/replies?proposalId=${first.id}`);
    expect(replies.status).toBe(200);
    const answer = replies.body.items.find((r: { kind: string }) => r.kind === 'answer' || r.kind === 'separate_answer');
    expect(answer).toMatchObject({ status: 'dispatched', grade: expect.stringMatching(/^[A-D]$/) });
    expect(answer.document.docNumber).toMatch(/〔\d{4}〕\d+号$/);
    expect(answer.document.title).toContain(`第${stored.number}号提案的答复`);
    expect(answer.text).toContain(answer.document.opening);

    const [lead] = (await db.query(
      `SELECT u.username FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = $1 AND pr.role = 'lead'`,
      [first.id],
    )).rows;
    const member = await t.as(lead.username);
    const theirs = await member.get(`/api/replies/${answer.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.document.docNumber).toBe(answer.document.docNumber);
    // Findable by full-text search (ADR 11): the generator writes the search documents the product computes.
    const word = (stored.title as string).replace(/^关于/, '').slice(0, 4);
    const found = await staff.get(`/api/proposals?q=${encodeURIComponent(word)}&status=closed&limit=100`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThan(0);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(first.id);
    const replyFound = await staff.get(`/api/replies?proposalId=${first.id}&q=${encodeURIComponent('答复')}`);
    expect(replyFound.status).toBe(200);
    expect(replyFound.body.items.map((r: { id: string }) => r.id)).toContain(answer.id);
    const other = await t.as(generatedUsername(2, 'staff1'));
    expect((await other.get(`/api/proposals/${first.id}`)).status).toBe(404);
  });
});
