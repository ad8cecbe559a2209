import type { ChildProcess } from 'node:child_process';
import { deleteRedisKeys } from '#app/core';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { spawnBuilt, type TestCommittee, until } from '#app/testing';

/**
 * Reminders under faults, with real worker processes (the build in dist/) on real Redis and PostgreSQL:
 * Redis losing everything, two workers at once, a worker killed with SIGKILL mid-batch. Whatever
 * happens, every due reminder is delivered, and exactly once.
 */
describe('reminders under faults', () => {
  const basePrefix = process.env.REDIS_PREFIX as string;
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let prefix: string;
  const workers: ChildProcess[] = [];
  let run = 0;

  const startWorker = (): ChildProcess => {
    const worker = spawnBuilt('worker', { REDIS_PREFIX: prefix }).child;
    workers.push(worker);
    return worker;
  };

  const stopAll = async (): Promise<void> => {
    for (const worker of workers.splice(0)) {
      if (worker.exitCode === null && worker.signalCode === null) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.kill('SIGKILL');
        await exited;
      }
    }
  };

  /** Reminders of this test's assignments whose time has come (planned while the clock stood 10 days back). */
  const dueRows = async (ids: string[]): Promise<Array<{ id: string; point: string; status: string; recipients: number }>> =>
    t.dataSource.query(
      `SELECT r.id, r.point, r.status,
              (SELECT count(*)::int FROM notifications n WHERE n.dedupe_key = 'reminder-' || r.id) AS recipients
       FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       WHERE d.assignment_id = ANY($1::uuid[]) AND r.fire_at <= now()`,
      [ids],
    );
  const allHandled = async (ids: string[]) => (await dueRows(ids)).every((row) => row.status !== 'planned');

  /**
   * Assignments made 10 days ago with the reply due in 3 days: the 7-days-before reminder is due now; the
   * adjustment window's has come too, but that window has closed, so it is dropped rather than sent.
   */
  const dueSoonAssignments = async (count: number): Promise<string[]> => {
    const now = Date.now();
    const inThreeDays = new Date(now + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      t.clock.set(new Date(now - 10 * 86_400_000));
      const proposal = await s.filed(`关于故障测试${run}-${i}的提案`);
      const [assignment] = (
        await s.assigning.assign(await s.actor('anyang-staff'), proposal.id, {
          version: proposal.version,
          leadUnitId: c.unitIds.police,
          replyDueDate: inThreeDays,
        })
      ).assignments;
      ids.push(assignment.id);
    }
    t.clock.set(new Date());
    return ids;
  };

  /** Every due reply reminder sent, each to exactly its recipients (drafters and the leader, 7 days before). */
  const expectExactlyOnce = async (ids: string[]): Promise<void> => {
    const rows = await dueRows(ids);
    const reply = rows.filter((row) => row.point === 'reply-7d');
    expect(reply).toHaveLength(ids.length);
    expect(reply.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(new Set(reply.map((row) => row.recipients))).toEqual(new Set([3]));
    const windowClosed = rows.filter((row) => row.point === 'adjustment_window-1d');
    expect(windowClosed.map((row) => [row.status, row.recipients])).toEqual(ids.map(() => ['cancelled', 0]));
  };

  const wipeRedis = () => deleteRedisKeys(process.env.REDIS_URL as string, prefix);

  beforeEach(async () => {
    run += 1;
    prefix = `${basePrefix}-faults${run}`;
    // The app under test schedules into this test's own prefix, which the worker processes share.
    process.env.REDIS_PREFIX = prefix;
    t = await createTestApp(new Date());
    c = await t.committee();
    s = new Scenario(t, c);
  });

  afterEach(async () => {
    await stopAll();
    await t.close();
    await wipeRedis();
    process.env.REDIS_PREFIX = basePrefix;
  });

  it('rebuilds lost jobs from PostgreSQL when Redis has lost everything', async () => {
    const ids = await dueSoonAssignments(30);
    await wipeRedis();
    startWorker();
    await until(() => allHandled(ids), 'every due reminder', 60_000);
    await expectExactlyOnce(ids);
  }, 90_000);

  it('delivers each reminder once with two workers at once', async () => {
    const ids = await dueSoonAssignments(60);
    await wipeRedis();
    startWorker();
    startWorker();
    await until(() => allHandled(ids), 'every due reminder', 60_000);
    await expectExactlyOnce(ids);
  }, 90_000);

  it('recovers a batch from a worker killed with SIGKILL mid-way, without doubles', async () => {
    const ids = await dueSoonAssignments(150);
    await wipeRedis();
    const first = startWorker();
    const sentCount = async () =>
      (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
         WHERE d.assignment_id = ANY($1::uuid[]) AND r.status = 'sent'`,
        [ids],
      ))[0].n as number;
    await until(async () => (await sentCount()) > 0, 'the first deliveries', 60_000, 20);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const sentBeforeKill = await sentCount();
    expect(sentBeforeKill).toBeGreaterThan(0);
    expect(sentBeforeKill).toBeLessThan(ids.length);
    startWorker();
    // Jobs the killed worker held are taken over once their lock expires (BullMQ's stalled-job check).
    await until(() => allHandled(ids), 'every due reminder after the restart', 100_000);
    await expectExactlyOnce(ids);
  }, 150_000);
});
