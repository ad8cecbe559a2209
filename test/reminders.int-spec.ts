import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, RESCHEDULE_REMINDERS_HORIZON_MS, reminderJobId } from '#app/core';
import { chinaTime } from '#app/demo';
import { ReminderDeliveryService, RemindersService } from '#app/reminders';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { type TestCommittee, until } from '#app/testing';
import { startInProcessWorker } from './helpers/worker.js';

interface ReminderRow {
  id: string;
  point: string;
  status: string;
  fire_at: Date;
}

/** Reminders are rows in PostgreSQL; BullMQ only wakes the worker. Real Redis, real worker. */
describe('reply-due reminders', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  /** The reply deadline's reminders of an assignment, in firing order. */
  const rowsOf = (assignmentId: string): Promise<ReminderRow[]> =>
    t.dataSource.query(
      `SELECT r.id, r.point, r.status, r.fire_at FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       WHERE d.assignment_id = $1 AND d.kind = 'reply' ORDER BY r.fire_at`,
      [assignmentId],
    );

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('plans 30, 15 and 7 days before, on the day and a week overdue, at 09:00 China time', async () => {
    const { assignment } = await s.accepted('2021-08-05');
    const rows = await rowsOf(assignment.id);
    expect(rows.map((row) => [row.point, row.status, row.fire_at.toISOString()])).toEqual([
      ['reply-30d', 'planned', '2021-10-06T01:00:00.000Z'],
      ['reply-15d', 'planned', '2021-10-21T01:00:00.000Z'],
      ['reply-7d', 'planned', '2021-10-29T01:00:00.000Z'],
      ['reply-0d', 'planned', '2021-11-05T01:00:00.000Z'],
      ['reply-overdue-7d', 'planned', '2021-11-12T01:00:00.000Z'],
    ]);
  });

  it('skips points already past when a deadline is set late', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const proposal = await s.filed('关于短期限测试的提案');
    t.clock.set(chinaTime('2021-08-05'));
    const staff = await s.actor('anyang-staff');
    const [assignment] = (await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police, replyDueDate: '2021-08-20' })).assignments;
    expect((await rowsOf(assignment.id)).map((row) => row.point)).toEqual(['reply-7d', 'reply-0d', 'reply-overdue-7d']);
  });

  it('are delivered by the worker when due, once per recipient, to the unit’s drafters and leader', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [due30] = await rowsOf(assignment.id);
    // Time reaches the 30-day point: the domain clock moves, and BullMQ promotes the delayed job.
    t.clock.set(new Date(due30.fire_at.getTime() + 1_000));
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    await (await queue.getJob(reminderJobId({ reminderId: due30.id })))?.promote();

    const worker = await startInProcessWorker(t.clock);
    try {
      await until(async () => ((await rowsOf(assignment.id))[0].status === 'sent' ? true : undefined), 'the 30-day reminder');
      const notices: Array<{ recipient_user_id: string; title: string }> = await t.dataSource.query(
        "SELECT recipient_user_id, title FROM notifications WHERE kind = 'reminder.reply' AND subject->>'id' = $1",
        [assignment.id],
      );
      // 30 days ahead the drafters are reminded; the leader joins from 7 days before (escalation ladder).
      expect(notices.map((n) => n.recipient_user_id).sort()).toEqual([c.userId('chending'), c.userId('wangpeng')].sort());
      expect(notices[0].title).toContain('将于2021-11-05到办复期限');
      expect((await rowsOf(assignment.id)).slice(1).map((row) => row.status)).toEqual(['planned', 'planned', 'planned', 'planned']);
    } finally {
      await worker.close();
    }

    // Delivered again (a retried job, a second worker): nothing more happens.
    expect(await t.app.get(ReminderDeliveryService).deliver(due30.id)).toBe('skipped');
    const [{ n }] = await t.dataSource.query("SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = $1", [`reminder-${due30.id}`]);
    expect(n).toBe(2);
  });

  it('once overdue, goes to the leader and committee staff every 7 days, and to the 督办 leader after 30 days', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment, proposal } = await s.accepted('2021-08-05');
    const staffClient = await t.as(c.username('anyang-staff'));
    const current = (await staffClient.get(`/api/proposals/${proposal.id}`)).body;
    const stranger = await t.committee();
    const foreign = await staffClient.put(`/api/proposals/${proposal.id}/supervisor`, { version: current.version, supervisorUserId: stranger.userId('anyang-admin') });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'SUPERVISOR_NOT_IN_COMMITTEE']);
    const supervised = await staffClient.put(`/api/proposals/${proposal.id}/supervisor`, { version: current.version, supervisorUserId: c.userId('anyang-admin') });
    expect(supervised.body.supervisorUserId).toBe(c.userId('anyang-admin'));
    const delivery = t.app.get(ReminderDeliveryService);
    const overdueRow = async (days: number) => (await rowsOf(assignment.id)).find((row) => row.point === `reply-overdue-${days}d`);
    for (const days of [7, 14, 21, 28, 35]) {
      const row = await overdueRow(days);
      expect({ days, planned: row?.status }).toEqual({ days, planned: 'planned' });
      t.clock.set(new Date((row as ReminderRow).fire_at.getTime() + 1_000));
      expect(await delivery.deliver((row as ReminderRow).id)).toBe('sent');
    }
    expect((await overdueRow(42))?.status).toBe('planned');
    const notices: Array<{ recipient_user_id: string; title: string; dedupe_key: string }> = await t.dataSource.query(
      "SELECT recipient_user_id, title, dedupe_key FROM notifications WHERE kind = 'reminder.reply-overdue' AND subject->>'id' = $1 ORDER BY created_at",
      [assignment.id],
    );
    const first = notices.filter((n) => n.title.includes('已超过办复期限7天'));
    expect(first.map((n) => n.recipient_user_id).sort()).toEqual(
      [c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji'), c.userId('anyang-staff')].sort(),
    );
    expect(first[0].title).not.toContain('督办');
    const late = notices.filter((n) => n.title.includes('已超过办复期限35天'));
    expect(late[0].title).toContain('列入督办');
    expect(late.map((n) => n.recipient_user_id)).toContain(c.userId('anyang-admin'));
    expect(notices.filter((n) => n.title.includes('已超过办复期限28天')).map((n) => n.recipient_user_id)).not.toContain(c.userId('anyang-admin'));
  });

  it('follow the session’s own plan: points and recipients are configurable', async () => {
    const admin = await t.as(c.username('anyang-admin'));
    const session = (await admin.get('/api/admin/sessions')).body.find((x: { id: string }) => x.id === c.sessionId);
    const bad = await admin.patch(`/api/admin/sessions/${c.sessionId}`, { version: session.version, reminderPlan: { reply: { recipients: ['mayor'] } } });
    expect(bad.body.message).toContain('reminderPlan.reply.recipients');
    const changed = await admin.patch(`/api/admin/sessions/${c.sessionId}`, {
      version: session.version,
      reminderPlan: { reply: { daysBefore: [10, 0], recipients: ['drafter', 'leader'] }, adjustment_window: { daysBefore: [] } },
    });
    expect(changed.body.reminderPlan.reply).toMatchObject({ daysBefore: [10, 0], recipients: ['drafter', 'leader'], overdueEveryDays: 7 });
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    expect((await rowsOf(assignment.id)).map((row) => row.point)).toEqual(['reply-10d', 'reply-0d', 'reply-overdue-7d']);
    const [first] = await rowsOf(assignment.id);
    t.clock.set(new Date(first.fire_at.getTime() + 1_000));
    expect(await t.app.get(ReminderDeliveryService).deliver(first.id)).toBe('sent');
    const recipients: Array<{ recipient_user_id: string }> = await t.dataSource.query('SELECT recipient_user_id FROM notifications WHERE dedupe_key = $1', [
      `reminder-${first.id}`,
    ]);
    expect(recipients.map((r) => r.recipient_user_id).sort()).toEqual([c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji')].sort());
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.assignment_id = $1 AND d.kind = 'adjustment_window'",
      [assignment.id],
    );
    expect(n).toBe(0);
    await admin.patch(`/api/admin/sessions/${c.sessionId}`, { version: changed.body.version, reminderPlan: { reply: { daysBefore: [30, 15, 7, 0], recipients: ['drafter'] }, adjustment_window: { daysBefore: [1] } } });
  });

  it('move with an approved extension and with a stopped clock, keeping the history', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const drafter = await t.as(c.username('chending'));
    const staff = await t.as(c.username('anyang-staff'));
    const early = await drafter.post(`/api/assignments/${assignment.id}/extensions`, { requestedDueDate: '2021-11-01', reason: '需要协调' });
    expect([early.status, early.body.code]).toEqual([400, 'EXTENSION_NOT_LATER']);
    const asked = await drafter.post(`/api/assignments/${assignment.id}/extensions`, { requestedDueDate: '2021-12-31', reason: '涉及多部门协调' });
    expect(asked.status).toBe(201);
    expect((await drafter.post(`/api/assignments/${assignment.id}/extensions`, { requestedDueDate: '2021-12-30', reason: '再次申请' })).body.code).toBe('EXTENSION_PENDING');
    expect((await drafter.post(`/api/extensions/${asked.body.id}/approve`, { version: 1 })).status).toBe(403);
    const approved = await staff.post(`/api/extensions/${asked.body.id}/approve`, { version: 1, grantedDueDate: '2021-12-15' });
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '批准延期至2021-12-15' });
    expect((await staff.post(`/api/extensions/${asked.body.id}/reject`, { version: 2, reason: '不同意' })).body.code).toBe('EXTENSION_DECIDED');
    let rows = await rowsOf(assignment.id);
    expect(rows.filter((row) => row.status === 'planned').map((row) => row.fire_at.toISOString().slice(0, 10))).toEqual([
      '2021-11-15',
      '2021-11-30',
      '2021-12-08',
      '2021-12-15',
      '2021-12-22',
    ]);

    t.clock.set(chinaTime('2021-11-20'));
    const stopped = await staff.post(`/api/assignments/${assignment.id}/clock-stop`, { reason: '等待委员补充材料' });
    expect(stopped.body.deadlines.find((d: { kind: string }) => d.kind === 'reply')).toMatchObject({ status: 'paused', pausedOn: '2021-11-20' });
    rows = await rowsOf(assignment.id);
    expect(rows.filter((row) => row.status === 'planned')).toHaveLength(0);
    expect((await staff.post(`/api/assignments/${assignment.id}/clock-stop`, { reason: '再停' })).body.code).toBe('DEADLINE_NOT_OPEN');

    t.clock.set(chinaTime('2021-11-30'));
    const resumed = await staff.post(`/api/assignments/${assignment.id}/clock-resume`, { reason: '材料已补齐' });
    const reply = resumed.body.deadlines.find((d: { kind: string }) => d.kind === 'reply');
    expect(reply).toMatchObject({ status: 'open', dueDate: '2021-12-27', pausedOn: null });
    expect(reply.history.map((h: { kind: string }) => h.kind)).toEqual(['set', 'extended', 'clock-stopped', 'clock-resumed']);
    expect(reply.explanation.steps.at(-1)).toBe('2021-11-20..2021-11-30 暂停计时10天（材料已补齐），2021-12-15 顺延至 2021-12-27');
    expect(resumed.body.dueDate).toBe('2021-12-27');
    rows = await rowsOf(assignment.id);
    expect(rows.filter((row) => row.status === 'planned').map((row) => row.point)).toEqual(['reply-15d', 'reply-7d', 'reply-0d', 'reply-overdue-7d']);
  });

  it('are sent by hand too (催办), to many assignments at once, all or none, and recorded', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const one = (await s.accepted('2021-08-05')).assignment;
    const two = (await s.accepted('2021-08-05')).assignment;
    const staff = await t.as(c.username('anyang-staff'));
    const missing = await staff.post('/api/assignments/urge', { assignmentIds: [one.id, '00000000-0000-4000-8000-000000000000'], message: '请抓紧办理' });
    expect([missing.status, missing.body.code]).toEqual([404, 'ASSIGNMENT_NOT_FOUND']);
    const before: Array<{ n: number }> = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'urge.manual' AND committee_id = $1", // other spec files share the database
      [c.committeeId],
    );
    expect(before[0].n).toBe(0);
    expect((await staff.post('/api/assignments/urge', { assignmentIds: [], message: '请抓紧办理' })).body.message).toContain('assignmentIds');
    const drafter = await t.as(c.username('chending'));
    expect((await drafter.post('/api/assignments/urge', { assignmentIds: [one.id], message: '请抓紧办理' })).status).toBe(403);

    const urged = await staff.post('/api/assignments/urge', { assignmentIds: [one.id, two.id], message: '请抓紧办理，按期答复' });
    expect(urged.body).toEqual({ urged: 2 });
    // Counted over the whole inbox: reminders the in-process worker delivers meanwhile may fill the first page.
    const inbox = (await drafter.get('/api/notifications?limit=100')).body.items.filter((n: { kind: string }) => n.kind === 'urge.manual');
    expect(inbox).toHaveLength(2);
    expect(inbox[0].title).toContain('请抓紧办理，按期答复');
    const trail = (await staff.get(`/api/audit/${one.id}`)).body.map((e: { action: string }) => e.action);
    expect(trail).toContain('assignment.urged');
  });

  it('delivered late (the worker was down), drop stale warnings and tell the real delay', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const rows = await rowsOf(assignment.id);
    const delivery = t.app.get(ReminderDeliveryService);
    t.clock.set(chinaTime('2021-11-25'));
    expect(await delivery.deliver(rows.find((row) => row.point === 'reply-7d')!.id)).toBe('cancelled');
    expect(await delivery.deliver(rows.find((row) => row.point === 'reply-overdue-7d')!.id)).toBe('sent');
    const [notice] = await t.dataSource.query("SELECT title FROM notifications WHERE dedupe_key = $1 LIMIT 1", [
      `reminder-${rows.find((row) => row.point === 'reply-overdue-7d')!.id}`,
    ]);
    expect(notice.title).toContain('已超过办复期限20天');
    const overdue = (await rowsOf(assignment.id)).filter((row) => row.point.startsWith('reply-overdue'));
    expect(overdue.map((row) => [row.point, row.status])).toEqual([
      ['reply-overdue-7d', 'sent'],
      ['reply-overdue-21d', 'planned'],
    ]);
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

  it('are restored by the repeating rebuild a day ahead of their time, not months ahead', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const rows = await rowsOf(assignment.id);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    for (const row of rows) await (await queue.getJob(reminderJobId({ reminderId: row.id })))?.remove();
    t.clock.set(new Date(rows[0].fire_at.getTime() - 12 * 3_600_000));
    await t.app.get(RemindersService).scheduleMissing({ withinMs: RESCHEDULE_REMINDERS_HORIZON_MS });
    const restored = await Promise.all(rows.map(async (row) => Boolean(await queue.getJob(reminderJobId({ reminderId: row.id })))));
    expect(restored).toEqual([true, false, false, false, false]);
  });

  it('are cancelled, not sent, when the deadline moved or the reply went out', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [first] = await rowsOf(assignment.id);
    await t.dataSource.query("UPDATE deadlines SET due_date = '2021-12-31' WHERE assignment_id = $1 AND kind = 'reply'", [assignment.id]);
    expect(await t.app.get(ReminderDeliveryService).deliver(first.id)).toBe('cancelled');
    expect((await rowsOf(assignment.id))[0].status).toBe('cancelled');

    const { reply } = await s.awaitingSignOff();
    const leader = await s.actor('guochengji');
    const signed = await s.replySignOff.signOff(leader, reply.id, { version: reply.version, disclosure: 'full' as never });
    await s.replyDispatch.dispatch(leader, signed.id, signed.version);
    const statuses = (await rowsOf(reply.assignmentId)).map((row) => row.status);
    expect(statuses).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});
