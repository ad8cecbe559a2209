import pg from 'pg';
import { AuditEntry, AuditService, chainPendingAuditBatch, chainPendingAuditEntries, proposalChain } from '#app/audit';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { binary } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

interface Step {
  route: string;
  call: () => Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * The audit chain of one proposal: every state change over HTTP writes its entries into the proposal's
 * hash chain in the same transaction; the export verifies it, and notices a row changed or removed
 * behind the application's back; the database refuses to change or remove entries.
 */
describe('audit chain', () => {
  let t: TestApp;
  let c: TestCommittee;
  let staff: UserClient;
  let admin: UserClient;
  let proposalId: string;
  const written: Array<{ route: string; count: number; actions: string[] }> = [];

  const entriesOf = (id: string) => t.dataSource.getRepository(AuditEntry).find({ where: { chain: proposalChain(id) }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    const member = await t.as(c.username('yuanyuan'));
    const drafter = await t.as(c.username('chending'));
    const leader = await t.as(c.username('guochengji'));
    staff = await t.as(c.username('anyang-staff'));
    admin = await t.as(c.username('anyang-admin'));

    const created = await member.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365 });
    expect(created.status).toBe(201);
    proposalId = created.body.id as string;
    written.push({ route: 'POST /api/proposals', count: (await entriesOf(proposalId)).length, actions: [] });
    let version = created.body.version as number;
    const proposalStep = (route: string, client: UserClient, path: string, body: () => object, method: 'post' | 'patch' | 'put' = 'post'): Step => ({
      route,
      call: async () => {
        const response = await client[method](`/api/proposals/${proposalId}${path}`, body());
        if (typeof response.body.version === 'number' && response.body.id === proposalId) version = response.body.version as number;
        return response;
      },
    });
    let assignmentId = '';
    let reply: { id: string; version: number } = { id: '', version: 0 };
    const replyStep = (route: string, client: UserClient, path: string, body: () => object, method: 'post' | 'put' = 'post'): Step => ({
      route,
      call: async () => {
        const response = await client[method](`/api/replies/${reply.id}${path}`, body());
        reply = { id: reply.id, version: response.body.version as number };
        return response;
      },
    });
    const steps: Step[] = [
      proposalStep('PATCH /api/proposals/:id', member, '', () => ({ version, title: '关于严厉打击金融理财诈骗犯罪的提案' }), 'patch'),
      proposalStep('POST /api/proposals/:id/submit', member, '/submit', () => ({ version })),
      proposalStep('POST /api/proposals/:id/start-review', staff, '/start-review', () => ({ version })),
      proposalStep('POST /api/proposals/:id/file', staff, '/file', () => ({ version })),
      {
        route: 'POST /api/proposals/:id/assignments',
        call: async () => {
          t.clock.set(chinaTime('2021-08-05'));
          const response = await staff.post(`/api/proposals/${proposalId}/assignments`, { version, leadUnitId: c.unitIds.police });
          assignmentId = (response.body.assignments as Array<{ id: string }>)[0].id;
          return response;
        },
      },
      { route: 'POST /api/assignments/:id/accept', call: () => drafter.post(`/api/assignments/${assignmentId}/accept`, { version: 1 }) },
      { route: 'POST /api/assignments/:id/contact', call: () => drafter.post(`/api/assignments/${assignmentId}/contact`, { note: '2021-08-06 电话联系袁媛委员，听取意见' }) },
      {
        route: 'POST /api/assignments/:id/replies',
        call: async () => {
          const response = await drafter.post(`/api/assignments/${assignmentId}/replies`, { grade: 'A', body: '一、基本情况\n正文。' });
          reply = { id: response.body.id as string, version: response.body.version as number };
          return response;
        },
      },
      replyStep('PUT /api/replies/:id', drafter, '', () => ({ version: reply.version, contactUnitId: c.unitIds['police-economic'], contacts: ANYANG_CONTACTS }), 'put'),
      replyStep('POST /api/replies/:id/submit', drafter, '/submit', () => ({ version: reply.version })),
      replyStep('POST /api/replies/:id/sign-off', leader, '/sign-off', () => ({ version: reply.version, disclosure: 'full' })),
      replyStep('POST /api/replies/:id/dispatch', drafter, '/dispatch', () => ({ version: reply.version })),
      proposalStep('POST /api/proposals/:id/feedback', member, '/feedback', () => ({ satisfaction: 'satisfied', contacted: true, answered: true, comments: '答复认真' })),
      {
        route: 'POST /api/proposals/:id/close',
        call: async () => staff.post(`/api/proposals/${proposalId}/close`, { version: (await staff.get(`/api/proposals/${proposalId}`)).body.version }),
      },
    ];
    for (const step of steps) {
      const before = (await entriesOf(proposalId)).length;
      const response = await step.call();
      if (response.status >= 300) throw new Error(`${step.route}: ${response.status} ${JSON.stringify(response.body)}`);
      const after = await entriesOf(proposalId);
      written.push({ route: step.route, count: after.length - before, actions: after.slice(before).map((e) => e.action) });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('writes at least one entry into the proposal’s chain for every state change, in the same request', () => {
    expect(written.filter((w) => w.count < 1)).toEqual([]);
    expect(written.map((w) => w.route)).toHaveLength(15);
  });

  it('exports the chain with its hashes and a verification that passes, as JSON to view and to download', async () => {
    const response = await staff.get(`/api/proposals/${proposalId}/audit`);
    expect(response.status).toBe(200);
    const total = written.reduce((sum, w) => sum + w.count, 0);
    expect(response.body.entries).toHaveLength(total);
    expect(response.body.verification).toMatchObject({ valid: true, problems: [] });
    expect(response.body.head).toEqual({ seq: total, hash: response.body.entries[total - 1].hash });
    const entries = response.body.entries as Array<{ seq: number; prevHash: string | null; hash: string; action: string }>;
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(entries[0].prevHash).toBeNull();
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['proposal.created', 'assignment.created', 'reply.sign-off', 'reply.dispatch', 'feedback.submitted']));

    const download = await binary(admin.get(`/api/proposals/${proposalId}/audit.json`));
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="proposal-${proposalId}-audit.json"`);
    const saved = JSON.parse((download.body as Buffer).toString('utf8'));
    expect(saved.entries).toEqual(response.body.entries);
    expect(saved.verification.valid).toBe(true);
  });

  it('keeps one chain intact under concurrent writers (the head row is locked per chain)', async () => {
    const audit = t.app.get(AuditService);
    const before = (await entriesOf(proposalId)).length;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.dataSource.transaction((manager) =>
          audit.record(manager, { committeeId: c.committeeId, actorUserId: null, entity: 'proposal', entityId: proposalId, action: 'test.concurrent', after: { i }, at: t.clock.now() }),
        ),
      ),
    );
    const chain = await staff.get(`/api/proposals/${proposalId}/audit`);
    expect(chain.body.entries).toHaveLength(before + 12);
    expect(chain.body.verification.valid).toBe(true);
  });

  it('chains entries loaded in bulk (imported history) after the fact; until then the proposal’s chain is not proven', async () => {
    const before = (await entriesOf(proposalId)).length;
    await t.dataSource.query(
      `INSERT INTO audit_entries (committee_id, actor_user_id, entity, entity_id, action, after, at)
       SELECT $1, NULL, 'proposal', $2, 'history.imported', jsonb_build_object('n', n), $3 FROM generate_series(1, 3) AS n`,
      [c.committeeId, proposalId, t.clock.now()],
    );
    const pending = await staff.get(`/api/proposals/${proposalId}/audit`);
    expect(pending.body.verification.valid).toBe(false);
    expect(pending.body.verification.problems).toEqual([{ seq: null, problem: '3 entries of this record are not chained yet: run chainPendingAuditEntries' }]);
    expect(await chainPendingAuditEntries(t.dataSource)).toBeGreaterThanOrEqual(3);
    const chained = await staff.get(`/api/proposals/${proposalId}/audit`);
    expect(chained.body.verification).toMatchObject({ valid: true, problems: [] });
    expect(chained.body.entries).toHaveLength(before + 3);
    expect(chained.body.entries.slice(-3).map((e: { after: { n: number } }) => e.after.n)).toEqual([1, 2, 3]);
  });

  describe('in the database', () => {
    const role = `cppcc_app_${process.pid}`;
    let superuser: pg.Client;
    let app: pg.Client;

    beforeAll(async () => {
      superuser = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await superuser.connect();
      await superuser.query(`DROP ROLE IF EXISTS ${role}`);
      // The application's role in production: reads and writes rows, owns nothing, is no superuser.
      await superuser.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
      await superuser.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_entries, audit_chain_heads TO ${role}`);
      await superuser.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await superuser.query(`GRANT SELECT ON proposals, assignments, replies, feedback, consultations, follow_ups, deadlines, adjustment_requests, extension_requests TO ${role}`);
      const url = new URL(process.env.DATABASE_URL as string);
      url.username = role;
      app = new pg.Client({ connectionString: url.toString() });
      await app.connect();
    });
    afterAll(async () => {
      await app.end();
      await superuser.query(`DROP OWNED BY ${role}`); // its privileges (it owns nothing)
      await superuser.query(`DROP ROLE ${role}`);
      await superuser.end();
    });

    it('refuses UPDATE, DELETE and TRUNCATE of entries, and moving a chain head back, to the application’s role', async () => {
      const chain = proposalChain(proposalId);
      const refused = async (sql: string) => (await app.query(sql, [chain]).then(() => 'done', (error: { message: string }) => error.message));
      expect(await refused(`UPDATE audit_entries SET action = 'forged' WHERE chain = $1`)).toMatch(/append-only: UPDATE is not allowed/);
      // Chained entries cannot be chained again (re-hashed) either; an unchained one only gains its chain.
      expect(await refused(`UPDATE audit_entries SET seq = seq + 1000 WHERE chain = $1`)).toMatch(/append-only: UPDATE is not allowed/);
      await app.query(`INSERT INTO audit_entries (committee_id, entity, entity_id, action, at) VALUES ($1, 'proposal', $2, 'bulk.loaded', now())`, [c.committeeId, proposalId]);
      expect(await app.query(`UPDATE audit_entries SET action = 'forged' WHERE chain IS NULL AND entity_id = $1`, [proposalId]).then(() => 'done', (error: { message: string }) => error.message)).toMatch(/append-only/);
      expect(await refused(`UPDATE audit_entries SET chain = $1 WHERE chain IS NULL`)).toMatch(/ck_audit_entries_chained/);
      await app.query('BEGIN');
      expect(await chainPendingAuditBatch(async (sql, params) => (await app.query(sql, params)).rows as unknown[])).toBe(1);
      await app.query('COMMIT');
      expect(await refused(`DELETE FROM audit_entries WHERE chain = $1`)).toMatch(/append-only: DELETE is not allowed/);
      expect(await app.query('TRUNCATE audit_entries').then(() => 'done', (error: { message: string }) => error.message)).toMatch(/append-only: TRUNCATE is not allowed/);
      expect(await refused(`UPDATE audit_chain_heads SET seq = seq - 1 WHERE chain = $1`)).toMatch(/only move forward/);
      expect(await refused(`UPDATE audit_chain_heads SET hash = repeat('0', 64) WHERE chain = $1`)).toMatch(/only move forward/);
      expect(await refused(`DELETE FROM audit_chain_heads WHERE chain = $1`)).toMatch(/only move forward/);
      // Nor can it set the triggers aside.
      expect(await app.query('ALTER TABLE audit_entries DISABLE TRIGGER ALL').then(() => 'done', (error: { message: string }) => error.message)).toMatch(/must be owner/);
      expect(await app.query('SET session_replication_role = replica').then(() => 'done', (error: { message: string }) => error.message)).toMatch(/permission denied/);
      expect((await staff.get(`/api/proposals/${proposalId}/audit`)).body.verification.valid).toBe(true);
    });

    it('shows a changed entry and a removed last entry in the verification (tampered by a superuser with the triggers off)', async () => {
      const entries = await entriesOf(proposalId);
      const victim = entries[2];
      const tamper = async (sql: string, params: unknown[]) => {
        await superuser.query('BEGIN');
        await superuser.query('SET LOCAL session_replication_role = replica');
        await superuser.query(sql, params);
        await superuser.query('COMMIT');
      };
      await tamper(`UPDATE audit_entries SET after = '{"status": "closed"}' WHERE id = $1`, [victim.id]);
      const changed = await staff.get(`/api/proposals/${proposalId}/audit`);
      expect(changed.body.verification.valid).toBe(false);
      expect(changed.body.verification.problems).toEqual([{ seq: victim.seq, problem: 'its content does not match its hash: the entry was changed' }]);

      await tamper('DELETE FROM audit_entries WHERE id = $1', [entries[entries.length - 1].id]);
      const shortened = await staff.get(`/api/proposals/${proposalId}/audit`);
      expect(shortened.body.verification.problems.map((p: { problem: string }) => p.problem)).toEqual([
        'its content does not match its hash: the entry was changed',
        expect.stringContaining(`the chain head records ${entries.length} entries`),
      ]);
    });
  });
});
