import { ANYANG_PROPOSAL_365, DEMO_PASSWORD } from '#app/demo';
import { migrate } from '../scripts/db.js';
import { type PrivatePostgres, type PrivateRedis, startPrivatePostgres, startPrivateRedis } from './helpers/private-services.js';
import { type Spawned, startWorker, stop, type TestCommittee, until } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * Outages (#9) on a PostgreSQL and a Redis of this spec's own (the shared ones are never stopped):
 * Redis down while people work — the API keeps reading and writing, and every reminder is delivered once
 * when Redis comes back empty; PostgreSQL restarted under traffic — requests fail with a clear 503, never
 * hang or answer 500, and the same API process serves again once it is back.
 */
const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX };
const restoreEnv = () => Object.assign(process.env, saved);

// Databases of their own on a private server: the run's shared test database also has other specs'
// worker processes, whose rebuilds would pick up (and send) this spec's due reminders during the outage.
let postgres: PrivatePostgres;
beforeAll(async () => {
  postgres = await startPrivatePostgres();
}, 60_000);
afterAll(() => postgres?.destroy(), 30_000);

const freshDatabase = async (name: string): Promise<void> => {
  await postgres.create(name);
  await migrate(postgres.url(name));
  process.env.DATABASE_URL = postgres.url(name);
};

describe('Redis down', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let worker: Spawned;

  beforeAll(async () => {
    await freshDatabase('cppcc_outage_redis');
    redis = await startPrivateRedis();
    process.env.REDIS_URL = redis.url;
    process.env.REDIS_PREFIX = 'cppcc-outage';
    t = await createTestApp(new Date());
    c = await t.committee();
    s = new Scenario(t, c);
    worker = await startWorker({ REDIS_URL: redis.url, REDIS_PREFIX: 'cppcc-outage', LOG_LEVEL: 'info' });
  }, 60_000);

  afterAll(async () => {
    if (worker) await stop(worker);
    await t?.close();
    await redis?.stop();
    restoreEnv();
  }, 30_000);

  it('keeps serving reads and writes, and delivers every reminder once when Redis comes back empty', async () => {
    // Proposals filed 10 days ago, assigned while Redis is down with the reply due in 3 days: the
    // 7-days-before reminder of each is due as soon as anything can send it.
    const now = Date.now();
    t.clock.set(new Date(now - 10 * 86_400_000));
    const filed = [];
    for (let i = 0; i < 8; i += 1) filed.push(await s.filed(`关于Redis停机测试${i}的提案`));
    const inThreeDays = new Date(now + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const staff = await t.as(c.username('anyang-staff'));
    const member = await t.as(c.username('yuanyuan'));
    await redis.stop();

    // Health says so; the API does not.
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.checks).toEqual({ database: 'up', redis: 'down' });
    // Logins fail closed while the failed-login counts cannot be kept, saying so; signed-in people go on.
    const login = await t.http().post('/api/auth/login').send({ username: c.username('yuanyuan'), password: DEMO_PASSWORD });
    expect([login.status, login.body.code]).toEqual([503, 'LOGIN_UNAVAILABLE']);
    const assignmentIds: string[] = [];
    for (const proposal of filed) {
      const started = Date.now();
      const answer = await staff.post(`/api/proposals/${proposal.id}/assignments`, {
        version: proposal.version,
        leadUnitId: c.unitIds.police,
        replyDueDate: inThreeDays,
      });
      expect(answer.status).toBe(201);
      // Not a hang: the write commits, then waits at most 2 s for Redis (a bound, not a timing measure).
      expect(Date.now() - started).toBeLessThan(10_000);
      assignmentIds.push(answer.body.assignments[0].id);
    }
    const created = await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于Redis停机时起草的提案', body: ANYANG_PROPOSAL_365.body });
    expect(created.status).toBe(201);
    const read = await staff.get('/api/assignments?limit=50');
    expect(read.status).toBe(200);
    expect(read.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(assignmentIds));
    t.clock.set(new Date());

    // PostgreSQL has the plan; nothing could be sent yet.
    const rows = async () =>
      (await t.dataSource.query(
        `SELECT r.point, r.status, (SELECT count(*)::int FROM notifications n WHERE n.dedupe_key = 'reminder-' || r.id) AS notices
         FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
         WHERE d.assignment_id = ANY($1::uuid[]) AND r.point = 'reply-7d'`,
        [assignmentIds],
      )) as Array<{ point: string; status: string; notices: number }>;
    expect((await rows()).map((r) => r.status)).toEqual(assignmentIds.map(() => 'planned'));

    // Redis returns with nothing in it: the worker reconnects, rebuilds the jobs from PostgreSQL and
    // sends every due reminder once (drafters and the leader: 3 notices each).
    await redis.start();
    await until(async () => (await rows()).every((r) => r.status !== 'planned'), 'the reminders after Redis came back', 90_000).catch((error: Error) => {
      throw new Error(`${error.message}; the worker printed: ${worker.output().slice(-3000)}`);
    });
    expect((await rows()).map((r) => [r.status, r.notices])).toEqual(assignmentIds.map(() => ['sent', 3]));
    expect((await t.http().get('/api/health')).status).toBe(200);
  }, 150_000);
});

describe('PostgreSQL restarted during traffic', () => {
  let t: TestApp;
  let c: TestCommittee;

  beforeAll(async () => {
    await freshDatabase('cppcc_outage');
    t = await createTestApp(new Date());
    c = await t.committee();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    restoreEnv();
  }, 30_000);

  it('answers 503 DATABASE_UNAVAILABLE while it is down, never a hang or a 500, and recovers without a restart', async () => {
    const member: UserClient = await t.as(c.username('yuanyuan'));
    const answers: Array<{ phase: string; status: number; code?: string; message?: string; title?: string }> = [];
    let phase = 'before';
    let stopTraffic = false;
    let n = 0;
    // Two clients, each writing a draft and reading the list, one request after the other.
    const client = async () => {
      while (!stopTraffic) {
        const title = `关于数据库重启测试${(n += 1)}的提案`;
        const write = await member.post('/api/proposals', { sessionId: c.sessionId, title, body: ANYANG_PROPOSAL_365.body });
        answers.push({ phase, status: write.status, code: write.body.code, message: write.body.message, title });
        const read = await member.get('/api/proposals?limit=5');
        answers.push({ phase, status: read.status, code: read.body.code, message: read.body.message });
      }
    };
    const traffic = Promise.all([client(), client()]);
    await until(async () => answers.filter((a) => a.status < 300).length >= 6, 'traffic before the restart', 30_000);
    phase = 'down';
    postgres.stop();
    await until(async () => answers.filter((a) => a.phase === 'down' && a.status === 503).length >= 4, 'answers while PostgreSQL is down', 30_000);
    postgres.start();
    phase = 'after';
    await until(async () => answers.filter((a) => a.phase === 'after' && a.status < 300).length >= 6, 'traffic after the restart', 60_000);
    stopTraffic = true;
    await traffic;

    // Every answer was a success or a clear 503; none was a 500.
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status))).toEqual([]);
    expect([...new Set(answers.map((a) => a.status))].sort()).toEqual([200, 201, 503]);
    expect(new Set(answers.filter((a) => a.status === 503).map((a) => a.code))).toEqual(new Set(['DATABASE_UNAVAILABLE']));
    // Nothing half-written: every draft that was confirmed exists once, with its audit entry.
    const confirmed = answers.filter((a) => a.status === 201).map((a) => a.title as string);
    const stored: Array<{ title: string; audits: number }> = await t.dataSource.query(
      `SELECT p.title, (SELECT count(*)::int FROM audit_entries e WHERE e.entity_id = p.id) AS audits
       FROM proposals p WHERE p.title LIKE '关于数据库重启测试%'`,
    );
    expect(stored.map((row) => row.title)).toEqual(expect.arrayContaining(confirmed));
    expect(new Set(stored.map((row) => row.title)).size).toBe(stored.length);
    expect(stored.filter((row) => row.audits === 0)).toEqual([]);
    // The health check is green again, in the same process.
    expect((await t.http().get('/api/health')).status).toBe(200);
  }, 120_000);
});
