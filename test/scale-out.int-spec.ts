import { Queue } from 'bullmq';
import { deleteRedisKeys, JOBS, QUEUES } from '#app/core';
import { DEMO_PASSWORD } from '#app/demo';
import { type Spawned, startApi, startWorker, stop, type TestCommittee, until } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Scale-out (#8): two API processes and two worker processes (the build in dist/) on one PostgreSQL and
 * one Redis prefix. Requests go round-robin, as a load balancer without sticky sessions sends them, and
 * both processes serve them; reminders planned through both APIs are delivered by both workers, each
 * exactly once, even with every job queued twice.
 */
describe('two API and two worker processes', () => {
  const basePrefix = process.env.REDIS_PREFIX as string;
  const prefix = `${basePrefix}-scale`;
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let queue: Queue;
  let apis: Array<Spawned & { url: string; instance: string }> = [];
  let workers: Array<Spawned & { instance: string }> = [];

  beforeAll(async () => {
    process.env.REDIS_PREFIX = prefix;
    t = await createTestApp(new Date());
    c = await t.committee();
    s = new Scenario(t, c);
    queue = new Queue(QUEUES.reminders, { connection: { url: process.env.REDIS_URL as string }, prefix });
    const env = { REDIS_PREFIX: prefix };
    apis = await Promise.all([startApi(env), startApi(env)]);
    workers = await Promise.all([startWorker(env), startWorker(env)]);
  }, 120_000);

  afterAll(async () => {
    const exits = await Promise.all([...apis, ...workers].map((p) => stop(p)));
    await queue?.close();
    await t?.close();
    await deleteRedisKeys(process.env.REDIS_URL as string, prefix);
    process.env.REDIS_PREFIX = basePrefix;
    // Graceful shutdown: on SIGTERM each process closes its server, queues and pool, then ends by that
    // signal (Nest's shutdown hooks), well before the SIGKILL that would follow after 10 s.
    expect(exits).toEqual(['SIGTERM', 'SIGTERM', 'SIGTERM', 'SIGTERM']);
  }, 60_000);

  /** Sends each request to the next API in turn; returns the answers with the instance that gave each. */
  let turn = 0;
  const roundRobin = async (path: string, init: RequestInit = {}): Promise<{ status: number; instance: string | null; body: unknown }> => {
    const api = apis[turn++ % apis.length];
    const response = await fetch(`${api.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    return { status: response.status, instance: response.headers.get('x-instance'), body: text ? JSON.parse(text) : null };
  };

  const login = async (username: string) => {
    const answer = await roundRobin('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: c.username(username), password: DEMO_PASSWORD }) });
    expect(answer.status).toBe(200);
    return answer.body as { accessToken: string; refreshToken: string };
  };

  it('serves requests on both APIs: a token from one works on the other, and so does its refresh token', async () => {
    expect(new Set(apis.map((api) => api.instance)).size).toBe(2);
    const tokens = await login('anyang-staff');
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await roundRobin('/api/proposals?limit=5', { headers: auth }));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    // Each API answered half of them, and said so.
    const byInstance = new Map<string, number>();
    for (const a of answers) byInstance.set(a.instance as string, (byInstance.get(a.instance as string) ?? 0) + 1);
    expect([...byInstance.keys()].sort()).toEqual(apis.map((api) => api.instance).sort());
    expect([...byInstance.values()]).toEqual([5, 5]);
    // Refresh tokens live in PostgreSQL: one issued by either API is honoured by the other, once.
    const refreshed = await roundRobin('/api/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) });
    const replayed = await roundRobin('/api/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) });
    expect(refreshed.instance).not.toBe(replayed.instance);
    expect([refreshed.status, replayed.status]).toEqual([200, 401]);
  });

  it('delivers every reminder planned through either API exactly once across both workers, with every job queued twice', async () => {
    const count = 30;
    const filed = [];
    for (let i = 0; i < count; i += 1) filed.push(await s.filed(`关于横向扩展测试${i}的提案`));
    const staff = await login('anyang-staff');
    const assignmentIds: string[] = [];
    const servedBy = new Set<string>();
    for (const proposal of filed) {
      const answer = await roundRobin(`/api/proposals/${proposal.id}/assignments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff.accessToken}` },
        body: JSON.stringify({ version: proposal.version, leadUnitId: c.unitIds.police }),
      });
      expect(answer.status).toBe(201);
      servedBy.add(answer.instance as string);
      assignmentIds.push((answer.body as { assignments: Array<{ id: string }> }).assignments[0].id);
    }
    expect(servedBy.size).toBe(2);

    // The reminders ahead of their deadline (overdue ones come only after the due date), each a delayed job.
    const reminders: Array<{ id: string; point: string }> = await t.dataSource.query(
      `SELECT r.id, r.point FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       WHERE d.assignment_id = ANY($1::uuid[]) AND r.status = 'planned' AND r.point NOT LIKE 'reply-overdue-%'`,
      [assignmentIds],
    );
    expect(reminders.length).toBeGreaterThanOrEqual(count * 3);
    // Their time comes: every job is made due now, and a second copy of each is queued as well (what a
    // rebuild racing the original, or a redelivery, amounts to), so both workers race for every reminder.
    for (const reminder of reminders) {
      const job = await queue.getJob(`reminder-${reminder.id}`);
      expect(await job?.getState()).toBe('delayed');
      await job?.promote();
    }
    await queue.addBulk(reminders.map((r) => ({ name: JOBS.reminder, data: { reminderId: r.id }, opts: { jobId: `again-reminder-${r.id}` } })));

    const ids = reminders.map((r) => r.id);
    const statuses = async () =>
      (await t.dataSource.query(`SELECT status, count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) GROUP BY status`, [ids])) as Array<{
        status: string;
        n: number;
      }>;
    await until(async () => (await statuses()).every((row) => row.status !== 'planned'), 'every reminder handled', 60_000);
    expect(await statuses()).toEqual([{ status: 'sent', n: reminders.length }]);
    const jobsDone = async () => (await queue.getJobs(['completed'], 0, -1)).filter((job) => job.name === JOBS.reminder && ids.includes(job.data.reminderId));
    await until(async () => (await jobsDone()).length === 2 * reminders.length, 'both copies of every job', 30_000);

    // Exactly once: of the two jobs of each reminder one sent it and the other found it sent already.
    const done = await jobsDone();
    const outcomes = new Map<string, string[]>();
    for (const job of done) outcomes.set(job.data.reminderId, [...(outcomes.get(job.data.reminderId) ?? []), job.returnvalue as string].sort());
    expect(new Set([...outcomes.values()].map((o) => o.join()))).toEqual(new Set(['sent,skipped']));
    // Both workers did part of the work.
    expect(new Set(done.map((job) => job.processedBy))).toEqual(new Set(workers.map((w) => w.instance)));
    // And each reminder reached its recipients once: the same number of notices for every reminder of a point.
    const notices: Array<{ point: string; counts: number[] }> = await t.dataSource.query(
      `SELECT r.point, array_agg((SELECT count(*)::int FROM notifications n WHERE n.dedupe_key = 'reminder-' || r.id)) AS counts
       FROM reminders r WHERE r.id = ANY($1::uuid[]) GROUP BY r.point`,
      [ids],
    );
    for (const { point, counts } of notices) {
      expect({ point, counts: new Set(counts).size }).toEqual({ point, counts: 1 });
      expect(counts[0]).toBeGreaterThan(0);
    }
    const [people]: Array<{ drafters: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS drafters FROM memberships WHERE unit_id = $1 AND role = 'drafter'`,
      [c.unitIds.police],
    );
    // Drafters get every reminder (leaders too from 7 days before): never twice.
    const thirtyDays = notices.find((n) => n.point === 'reply-30d');
    if (thirtyDays) expect(thirtyDays.counts[0]).toBe(people.drafters);
  }, 120_000);
});
