import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { Clock, QUEUES, reminderJobId } from '#app/core';
import { chinaTime } from '#app/demo';
import { ReminderDeliveryService, RemindersService } from '#app/reminders';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const quiet = (): void => undefined;
/** The worker shares this process with the API under test; its expected warnings are not news. */
const SILENT = { log: quiet, error: quiet, warn: quiet, debug: quiet, verbose: quiet, fatal: quiet };

interface ReminderRow {
  id: string;
  point: string;
  status: string;
  fire_at: Date;
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reminders are rows in PostgreSQL; BullMQ only wakes the worker. Real Redis, real worker. */
describe('reply-due reminders', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  const rowsOf = (assignmentId: string): Promise<ReminderRow[]> =>
    t.dataSource.query('SELECT id, point, status, fire_at FROM reminders WHERE assignment_id = $1 ORDER BY fire_at', [assignmentId]);

  beforeAll(async () => {
    // API and worker share this process, so TypeORM warns about two default data sources: expected here.
    Logger.overrideLogger(false);
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('plans 30, 15 and 7 days before and on the day, at 09:00 China time', async () => {
    const { assignment } = await s.accepted('2021-08-05');
    const rows = await rowsOf(assignment.id);
    expect(rows.map((row) => [row.point, row.status, row.fire_at.toISOString()])).toEqual([
      ['reply-due-30d', 'planned', '2021-10-06T01:00:00.000Z'],
      ['reply-due-15d', 'planned', '2021-10-21T01:00:00.000Z'],
      ['reply-due-7d', 'planned', '2021-10-29T01:00:00.000Z'],
      ['reply-due-0d', 'planned', '2021-11-05T01:00:00.000Z'],
    ]);
  });

  it('are delivered by the worker when due, once per recipient, to the unit’s drafters and leader', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [due30] = await rowsOf(assignment.id);
    // Time reaches the 30-day point: the domain clock moves, and BullMQ promotes the delayed job.
    t.clock.set(new Date(due30.fire_at.getTime() + 1_000));
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    await (await queue.getJob(reminderJobId({ reminderId: due30.id })))?.promote();

    // Imported here, after the logger is silenced: declaring its modules registers a second default data source.
    const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
    const worker: TestingModule = await Test.createTestingModule({ imports: [WorkerModule] })
      .setLogger(SILENT)
      .overrideProvider(Clock)
      .useValue(t.clock)
      .compile();
    await worker.init();
    try {
      await until(async () => ((await rowsOf(assignment.id))[0].status === 'sent' ? true : undefined), 'the 30-day reminder');
      const notices: Array<{ recipient_user_id: string; title: string }> = await t.dataSource.query(
        "SELECT recipient_user_id, title FROM notifications WHERE kind = 'reminder.reply-due' AND subject->>'id' = $1",
        [assignment.id],
      );
      expect(notices.map((n) => n.recipient_user_id).sort()).toEqual(
        [c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji')].sort(),
      );
      expect(notices[0].title).toContain('将于2021-11-05到办复期限');
      expect((await rowsOf(assignment.id)).slice(1).map((row) => row.status)).toEqual(['planned', 'planned', 'planned']);
    } finally {
      await worker.close();
    }

    // Delivered again (a retried job, a second worker): nothing more happens.
    expect(await t.app.get(ReminderDeliveryService).deliver(due30.id)).toBe('skipped');
    const [{ n }] = await t.dataSource.query("SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = $1", [`reminder-${due30.id}`]);
    expect(n).toBe(3);
  });

  it('are put back in the queue from PostgreSQL when Redis has lost them', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const rows = await rowsOf(assignment.id);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    for (const row of rows) await (await queue.getJob(reminderJobId({ reminderId: row.id })))?.remove();
    expect(await queue.getJob(reminderJobId({ reminderId: rows[0].id }))).toBeUndefined();
    await t.app.get(RemindersService).scheduleMissing();
    for (const row of rows) expect((await queue.getJob(reminderJobId({ reminderId: row.id })))?.data).toEqual({ reminderId: row.id });
  });

  it('are cancelled, not sent, when the deadline moved or the reply went out', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [first] = await rowsOf(assignment.id);
    await t.dataSource.query("UPDATE assignments SET reply_due_date = '2021-12-31' WHERE id = $1", [assignment.id]);
    expect(await t.app.get(ReminderDeliveryService).deliver(first.id)).toBe('cancelled');
    expect((await rowsOf(assignment.id))[0].status).toBe('cancelled');

    const { reply } = await s.awaitingSignOff();
    const leader = await s.actor('guochengji');
    const signed = await s.replies.signOff(leader, reply.id, { version: reply.version, disclosure: 'full' as never });
    await s.replies.dispatch(leader, signed.id, signed.version);
    const statuses = (await rowsOf(reply.assignmentId)).map((row) => row.status);
    expect(statuses).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});
