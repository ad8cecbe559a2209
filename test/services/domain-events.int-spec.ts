import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { defineEvent, deleteRedisKeys, DomainEvents, DRAIN_EVENTS_EVERY_MS, publish, QUEUES, type ReminderJob, reminderJobId, takePublished } from '#app/core';
import { chinaTime } from '#app/demo';
import { NotificationsService } from '#app/notifications';
import { ProposalsChangedEvent } from '#app/proposals';
import { RemindersPlannedEvent } from '#app/reminders';
import { startWorker, stop, type TestCommittee, until } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Kinds of event only this spec reacts to (after commit; in the transaction), so what their reactions see is this spec's alone. */
const ProbedEvent = defineEvent<{ probe: string }>('test.probed');
const ProbedInTransactionEvent = defineEvent<{ probe: string; fail?: boolean }>('test.probed-in-transaction');

interface OutboxRow {
  id: string;
  type: string;
  attempts: number;
  last_error: string | null;
  processed: boolean;
  due: boolean;
}

/** The outbox (`domain_events`) on the real database: after commit in the API process, and the worker's drain. */
describe('domain events and their outbox', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let events: DomainEvents;
  /** The probes each run of the probe reaction saw, and which should throw (once each). */
  const seen: string[] = [];
  const failOnce = new Set<string>();

  const outboxOf = async (probe: string): Promise<OutboxRow[]> =>
    t.dataSource.query(
      `SELECT id, type, attempts, last_error, processed_at IS NOT NULL AS processed, next_attempt_at <= clock_timestamp() AS due
       FROM domain_events WHERE payload->>'probe' = $1 ORDER BY occurred_at`,
      [probe],
    );
  /** As if the grace or the backoff had passed. */
  const makeDue = (ids: string[]) => t.dataSource.query(`UPDATE domain_events SET next_attempt_at = clock_timestamp() - interval '1 second' WHERE id = ANY($1)`, [ids]);
  /** Publishes in a transaction that commits, but whose process "crashes" before its reactions run. */
  const commitWithoutReacting = async (work: (manager: import('typeorm').EntityManager) => Promise<void>): Promise<void> => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await work(runner.manager);
      takePublished(runner); // what a crash loses: the process's memory of what it published
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };

  const jobOf = async (reminderId: string) => (await t.app.get<Queue>(getQueueToken(QUEUES.reminders)).getJob(reminderJobId({ reminderId }))) ?? undefined;
  /** A reminder row planned by an assignment, its job removed (as if never added). */
  const plannedReminder = async (title: string): Promise<{ id: string; fireAt: string }> => {
    const proposal = await s.filed(title);
    await s.assigning.assign(await s.actor('anyang-staff'), proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police });
    const [reminder]: Array<{ id: string; fire_at: Date }> = await t.dataSource.query(
      `SELECT r.id, r.fire_at FROM reminders r JOIN deadlines d ON d.id = r.deadline_id JOIN assignments a ON a.id = d.assignment_id WHERE a.proposal_id = $1 ORDER BY r.fire_at LIMIT 1`,
      [proposal.id],
    );
    await (await jobOf(reminder.id))?.remove();
    return { id: reminder.id, fireAt: reminder.fire_at.toISOString() };
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    events = t.app.get(DomainEvents);
    events.on(ProbedEvent, 'test.probe', async ({ payload }) => {
      seen.push(payload.probe);
      if (failOnce.delete(payload.probe)) throw new Error(`probe ${payload.probe} failed on purpose`);
    });
    events.on(
      ProbedInTransactionEvent,
      'test.probe-in-transaction',
      async ({ payload }, manager) => {
        seen.push(payload.probe);
        await manager.query(`UPDATE committees SET name = name WHERE id = $1`, [c.committeeId]);
        if (payload.fail) throw new Error(`probe ${payload.probe} failed in the transaction`);
      },
      { inTransaction: true },
    );
  });
  afterAll(() => t.close());

  it('reacts right after commit, before the transaction call returns, and marks the event processed', async () => {
    await t.dataSource.transaction((manager) => publish(manager, ProbedEvent, c.committeeId, { probe: 'committed' }));

    expect(seen.filter((p) => p === 'committed')).toHaveLength(1);
    expect(await outboxOf('committed')).toEqual([expect.objectContaining({ type: 'test.probed', attempts: 1, processed: true, last_error: null })]);
  });

  it('an event rolled back with its transaction is never reacted to, not even by the drain', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        await publish(manager, ProbedEvent, c.committeeId, { probe: 'rolled-back' });
        throw new Error('the write fails after publishing');
      }),
    ).rejects.toThrow('the write fails after publishing');

    expect(await outboxOf('rolled-back')).toEqual([]);
    await events.drain();
    expect(seen).not.toContain('rolled-back');
  });

  it('refuses to publish outside a transaction: the event would not commit with a write', async () => {
    await expect(publish(t.dataSource.manager, ProbedEvent, c.committeeId, { probe: 'outside' })).rejects.toThrow('published outside a transaction');
    expect(await outboxOf('outside')).toEqual([]);
  });

  it('a reaction that throws leaves the event unprocessed with its attempt and error counted, not due until the backoff; the drain completes it', async () => {
    failOnce.add('flaky');
    // The write itself succeeds: its reactions run after commit and cannot undo it.
    await t.dataSource.transaction((manager) => publish(manager, ProbedEvent, c.committeeId, { probe: 'flaky' }));

    const [failed] = await outboxOf('flaky');
    expect(failed).toMatchObject({ attempts: 1, processed: false, due: false, last_error: 'probe flaky failed on purpose' });
    await events.drain();
    expect(seen.filter((p) => p === 'flaky')).toHaveLength(1); // backing off: not taken yet

    await makeDue([failed.id]);
    expect(await events.drain()).toBeGreaterThanOrEqual(1);

    expect(seen.filter((p) => p === 'flaky')).toHaveLength(2);
    expect(await outboxOf('flaky')).toEqual([expect.objectContaining({ attempts: 2, processed: true, last_error: null })]);
  });

  it('a reaction failing in the drain too is counted again and stays for later', async () => {
    failOnce.add('twice');
    await t.dataSource.transaction((manager) => publish(manager, ProbedEvent, c.committeeId, { probe: 'twice' }));
    const [row] = await outboxOf('twice');
    failOnce.add('twice');
    await makeDue([row.id]);

    await events.drain();

    expect(await outboxOf('twice')).toEqual([expect.objectContaining({ attempts: 2, processed: false, due: false, last_error: 'probe twice failed on purpose' })]);
  });

  it('a committed event whose reactions never ran (the process crashed after commit) is processed by the drain once its grace is over', async () => {
    await commitWithoutReacting((manager) => publish(manager, ProbedEvent, c.committeeId, { probe: 'crashed' }));

    const [row] = await outboxOf('crashed');
    expect(row).toMatchObject({ attempts: 0, processed: false, due: false });
    await events.drain();
    expect(seen).not.toContain('crashed'); // the publisher's grace: it may still be reacting

    await makeDue([row.id]);
    await events.drain();

    expect(seen.filter((p) => p === 'crashed')).toHaveLength(1);
    expect(await outboxOf('crashed')).toEqual([expect.objectContaining({ attempts: 1, processed: true })]);
  });

  it('an in-transaction reaction runs before COMMIT, in the transaction: its writes commit with the write, and the event is processed with it', async () => {
    const xminOf = async (): Promise<string> => (await t.dataSource.query(`SELECT xmin::text AS xmin FROM committees WHERE id = $1`, [c.committeeId]))[0].xmin;
    let xminInside = '';
    await t.dataSource.transaction(async (manager) => {
      await publish(manager, ProbedInTransactionEvent, c.committeeId, { probe: 'inside' });
      xminInside = (await manager.query(`SELECT txid_current()::text AS xid`))[0].xid;
    });

    expect(seen.filter((p) => p === 'inside')).toHaveLength(1);
    expect(await xminOf()).toBe(String(Number(xminInside) % 2 ** 32)); // the committee row was last written by the publishing transaction
    expect(await outboxOf('inside')).toEqual([expect.objectContaining({ attempts: 1, processed: true, last_error: null })]);
  });

  it('an in-transaction reaction that throws fails the write: nothing of it commits, not even the event', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE committees SET region = '失败的写入' WHERE id = $1`, [c.committeeId]);
        await publish(manager, ProbedInTransactionEvent, c.committeeId, { probe: 'failing-inside', fail: true });
      }),
    ).rejects.toThrow('probe failing-inside failed in the transaction');

    expect(await t.dataSource.query(`SELECT region FROM committees WHERE id = $1`, [c.committeeId])).not.toEqual([{ region: '失败的写入' }]);
    expect(await outboxOf('failing-inside')).toEqual([]);
  });

  it('a proposal changed by a write gets its search document in the same transaction', async () => {
    const proposal = await s.filed('关于老旧小区加装电梯的提案');
    const rowOf = async (): Promise<{ search: string; xmin: string }> =>
      (await t.dataSource.query(`SELECT search::text AS search, xmin::text AS xmin FROM proposals WHERE id = $1`, [proposal.id]))[0];

    await t.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE proposals SET title = '关于社区养老服务站建设的提案' WHERE id = $1`, [proposal.id]);
      await publish(manager, ProposalsChangedEvent, c.committeeId, { proposalIds: [proposal.id], change: 'edited' });
    });

    const after = await rowOf();
    expect(after.search).toContain('养老');
    expect(after.search).not.toContain('电梯');
    const [event]: Array<{ xmin: string; processed: boolean }> = await t.dataSource.query(
      `SELECT xmin::text AS xmin, processed_at IS NOT NULL AS processed FROM domain_events WHERE payload->'proposalIds' ? $1 ORDER BY occurred_at DESC LIMIT 1`,
      [proposal.id],
    );
    expect(event).toEqual({ xmin: after.xmin, processed: true });
  });

  it('a reminder planned by a write whose process crashed after commit gets its job from the drain', async () => {
    const reminder = await plannedReminder('关于治理河道污染的提案');
    await commitWithoutReacting((manager) => publish(manager, RemindersPlannedEvent, c.committeeId, { reminders: [{ id: reminder.id, fireAt: reminder.fireAt }] }));
    expect(await jobOf(reminder.id)).toBeUndefined();
    const [row]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM domain_events WHERE payload->'reminders' @> $1::jsonb AND processed_at IS NULL`, [
      JSON.stringify([{ id: reminder.id }]),
    ]);

    await makeDue([row.id]);
    await events.drain();

    expect((await jobOf(reminder.id))?.data).toEqual({ reminderId: reminder.id });
  });

  it('reactions are idempotent: a reminder scheduled twice is one job, a search document refreshed twice is the same', async () => {
    const proposal = await s.filed('关于规范停车收费的提案');
    const staff = await s.actor('anyang-staff');
    await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police });
    const [reminder]: Array<{ id: string; fire_at: Date }> = await t.dataSource.query(
      `SELECT r.id, r.fire_at FROM reminders r JOIN deadlines d ON d.id = r.deadline_id JOIN assignments a ON a.id = d.assignment_id WHERE a.proposal_id = $1 ORDER BY r.fire_at LIMIT 1`,
      [proposal.id],
    );
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    await (await queue.getJob(reminderJobId({ reminderId: reminder.id })))?.remove();
    const searchOf = async (): Promise<string> => (await t.dataSource.query(`SELECT search::text AS search FROM proposals WHERE id = $1`, [proposal.id]))[0].search;
    const searched = await searchOf();

    await t.dataSource.transaction(async (manager) => {
      await publish(manager, RemindersPlannedEvent, c.committeeId, { reminders: [{ id: reminder.id, fireAt: reminder.fire_at.toISOString() }] });
      await publish(manager, ProposalsChangedEvent, c.committeeId, { proposalIds: [proposal.id], change: 'assigned' });
    });
    const ids: string[] = (
      await t.dataSource.query(`SELECT id FROM domain_events WHERE (payload->'proposalIds' ? $1 AND payload->>'change' = 'assigned') OR payload->'reminders' @> $2::jsonb`, [
        proposal.id,
        JSON.stringify([{ id: reminder.id }]),
      ])
    ).map((row: { id: string }) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // Delivered again (at least once): taken back by the drain as if the first run's mark had been lost.
    await t.dataSource.query(`UPDATE domain_events SET processed_at = NULL WHERE id = ANY($1)`, [ids]);
    await makeDue(ids);
    await events.drain();

    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM domain_events WHERE id = ANY($1) AND processed_at IS NULL`, [ids])).toEqual([{ n: 0 }]);
    const jobs = (await queue.getJobs(['delayed', 'waiting'], 0, -1)).filter((job) => job.data?.reminderId === reminder.id);
    expect(jobs.map((job) => job.id)).toEqual([reminderJobId({ reminderId: reminder.id })]);
    expect(await searchOf()).toBe(searched);
  });

  it('the worker process drains what a crashed API left: at its start, then on its schedule', async () => {
    const crashedPlan = async (title: string): Promise<{ eventId: string; reminderId: string }> => {
      const reminder = await plannedReminder(title);
      await commitWithoutReacting((manager) => publish(manager, RemindersPlannedEvent, c.committeeId, { reminders: [{ id: reminder.id, fireAt: reminder.fireAt }] }));
      const [row]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM domain_events WHERE payload->'reminders' @> $1::jsonb AND processed_at IS NULL`, [
        JSON.stringify([{ id: reminder.id }]),
      ]);
      await makeDue([row.id]);
      return { eventId: row.id, reminderId: reminder.id };
    };
    const processed = (eventId: string) => async () =>
      (await t.dataSource.query(`SELECT processed_at IS NOT NULL AS done FROM domain_events WHERE id = $1`, [eventId]))[0].done === true;

    const before = await crashedPlan('关于建设口袋公园的提案');
    // A Redis prefix of its own, so the worker takes no job of the other specs of this run.
    const prefix = `${process.env.REDIS_PREFIX as string}-events`;
    const queue = new Queue<ReminderJob>(QUEUES.reminders, { connection: { url: process.env.REDIS_URL as string }, prefix });
    const worker = await startWorker({ REDIS_PREFIX: prefix });
    try {
      await until(processed(before.eventId), 'the worker to drain the outbox as it starts', 30_000);
      expect((await queue.getJob(reminderJobId({ reminderId: before.reminderId })))?.data).toEqual({ reminderId: before.reminderId });

      const later = await crashedPlan('关于增设充电桩的提案');
      await until(processed(later.eventId), 'the drain scheduler to take the event', DRAIN_EVENTS_EVERY_MS * 3);
      expect((await queue.getJob(reminderJobId({ reminderId: later.reminderId })))?.data).toEqual({ reminderId: later.reminderId });
    } finally {
      expect(await stop(worker)).toBe('SIGTERM');
      await queue.close();
      await deleteRedisKeys(process.env.REDIS_URL as string, prefix);
    }
  }, 120_000);

  it('the inbox is deduplicated per (key, recipient): a notice written twice is one row per recipient', async () => {
    const notifications = t.app.get(NotificationsService);
    const recipients = [c.userId('anyang-staff'), c.userId('chending')];
    const notice = {
      committeeId: c.committeeId,
      kind: 'test.notice',
      title: '测试通知',
      subject: { entity: 'proposal', id: c.committeeId },
      dedupeKey: `test.notice-${c.committeeId}`,
      recipientUserIds: recipients,
      at: t.clock.now(),
    };
    for (let run = 0; run < 2; run++) await t.dataSource.transaction((manager) => notifications.notify(manager, notice));

    const rows = await t.dataSource.query(`SELECT recipient_user_id FROM notifications WHERE dedupe_key = $1`, [notice.dedupeKey]);
    expect(rows.map((row: { recipient_user_id: string }) => row.recipient_user_id).sort()).toEqual([...recipients].sort());
  });
});
