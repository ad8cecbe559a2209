import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import { ReminderDeliveryService } from '#app/reminders';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

interface ReminderRow {
  id: string;
  point: string;
  status: string;
  fire_at: Date;
  sent_at: Date | null;
  due_date: string;
}

/**
 * ReminderDeliveryService.deliver called directly (no worker, no HTTP) on the real database: what it
 * marks and whom it tells. (BullMQ's part is covered by test/reminders.int-spec.ts.)
 */
describe('ReminderDeliveryService on the real database', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let delivery: ReminderDeliveryService;

  const remindersOf = (assignmentId: string, kind = 'reply'): Promise<ReminderRow[]> =>
    t.dataSource.query(
      `SELECT r.id, r.point, r.status, r.fire_at, r.sent_at, to_char(r.due_date, 'YYYY-MM-DD') AS due_date
       FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.assignment_id = $1 AND d.kind = $2 ORDER BY r.fire_at, r.point`,
      [assignmentId, kind],
    );
  const reminderRow = async (id: string): Promise<ReminderRow> =>
    (await t.dataSource.query(`SELECT id, point, status, fire_at, sent_at, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM reminders WHERE id = $1`, [id]))[0];
  const noticesOf = (reminderId: string): Promise<Array<{ recipient_user_id: string; kind: string; title: string }>> =>
    t.dataSource.query(`SELECT recipient_user_id, kind, title FROM notifications WHERE dedupe_key = $1 ORDER BY recipient_user_id`, [`reminder-${reminderId}`]);
  const at = (fireAt: Date, plusMs = 1_000) => new Date(fireAt.getTime() + plusMs);
  const DAY = 24 * 60 * 60 * 1_000;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    delivery = t.app.get(ReminderDeliveryService);
  });
  afterAll(() => t.close());

  it('delivers a due reminder once, to the unit’s drafters, and marks it sent; redelivery (also concurrent) is a no-op', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [due30, due15] = await remindersOf(assignment.id);
    expect(due30.point).toBe('reply-30d');
    t.clock.set(at(due30.fire_at));

    expect(await delivery.deliver(due30.id)).toBe('sent');

    expect(await reminderRow(due30.id)).toMatchObject({ status: 'sent', sent_at: t.clock.now() });
    const notices = await noticesOf(due30.id);
    expect(notices.map((n) => n.recipient_user_id)).toEqual([c.userId('chending'), c.userId('wangpeng')].sort());
    for (const notice of notices) {
      expect(notice.kind).toBe('reminder.reply');
      expect(notice.title).toMatch(new RegExp(`将于${due30.due_date}到办复期限$`));
    }
    // The other points are untouched.
    expect((await reminderRow(due15.id)).status).toBe('planned');

    // Again, and twice at once: nothing more is written.
    t.clock.set(at(due30.fire_at, 60_000));
    expect(await delivery.deliver(due30.id)).toBe('skipped');
    expect(await Promise.all([delivery.deliver(due30.id), delivery.deliver(due30.id)])).toEqual(['skipped', 'skipped']);
    expect(await noticesOf(due30.id)).toEqual(notices);
    expect((await reminderRow(due30.id)).sent_at).toEqual(new Date(at(due30.fire_at).getTime()));
  });

  it('delivers two concurrent deliveries of a fresh reminder exactly once', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [due30] = await remindersOf(assignment.id);
    t.clock.set(at(due30.fire_at));
    const outcomes = await Promise.all([delivery.deliver(due30.id), delivery.deliver(due30.id), delivery.deliver(due30.id)]);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(2);
    expect(await noticesOf(due30.id)).toHaveLength(2);
  });

  it('adds the unit’s leader from 7 days before', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const due7 = (await remindersOf(assignment.id)).find((r) => r.point === 'reply-7d') as ReminderRow;
    t.clock.set(at(due7.fire_at));
    expect(await delivery.deliver(due7.id)).toBe('sent');
    expect((await noticesOf(due7.id)).map((n) => n.recipient_user_id)).toEqual([c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji')].sort());
  });

  it('skips (cancels) the reminder of a met deadline: the reply was sent, nobody is told', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.dispatched();
    const reminders = await remindersOf(assignment.id);
    const met: Array<{ status: string }> = await t.dataSource.query(`SELECT status FROM deadlines WHERE assignment_id = $1 AND kind = 'reply'`, [assignment.id]);
    expect(met).toEqual([{ status: 'met' }]);
    // The case a stale job meets: a reminder still planned on a met deadline (forced, whatever dispatch did to it).
    const [anyReminder] = reminders;
    await t.dataSource.query(`UPDATE reminders SET status = 'planned', sent_at = NULL WHERE id = $1`, [anyReminder.id]);
    t.clock.set(at(anyReminder.fire_at));
    expect(await delivery.deliver(anyReminder.id)).toBe('cancelled');
    expect((await reminderRow(anyReminder.id)).status).toBe('cancelled');
    expect(await noticesOf(anyReminder.id)).toEqual([]);
  });

  it('cancels a warning whose date has gone by (the worker was down) instead of sending it late', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { assignment } = await s.accepted('2021-08-05');
    const [due30] = await remindersOf(assignment.id);
    t.clock.set(new Date(new Date(`${due30.due_date}T01:00:00Z`).getTime() + DAY));
    expect(await delivery.deliver(due30.id)).toBe('cancelled');
    expect(await noticesOf(due30.id)).toEqual([]);
  });

  it('escalates when overdue: drafters, leader and staff are told, the next overdue point is planned; past 30 days the supervisor (督办) too', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const proposal = await s.filed('关于逾期催办的提案');
    t.clock.set(chinaTime('2021-08-05'));
    const staff = await s.actor('anyang-staff');
    const supervisor = await s.addUser('supervisor', '督办委员', Role.Member);
    const [assignment] = (
      await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police, key: true, supervisorUserId: supervisor })
    ).assignments;
    await s.handling.accept(await s.actor('chending'), assignment.id, assignment.version);
    const overdue7 = (await remindersOf(assignment.id)).find((r) => r.point === 'reply-overdue-7d') as ReminderRow;
    t.clock.set(at(overdue7.fire_at));

    expect(await delivery.deliver(overdue7.id)).toBe('sent');

    const staffIds = [c.userId('anyang-staff')];
    const notices = await noticesOf(overdue7.id);
    expect(notices.map((n) => n.recipient_user_id).sort()).toEqual([c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji'), ...staffIds].sort());
    for (const notice of notices) {
      expect(notice.kind).toBe('reminder.reply-overdue');
      expect(notice.title).toContain(`已超过办复期限7天（期限${overdue7.due_date}），请立即办复`);
      expect(notice.title).not.toContain('列入督办');
    }
    const next = (await remindersOf(assignment.id)).filter((r) => r.point.startsWith('reply-overdue-') && r.status === 'planned');
    expect(next.map((r) => r.point)).toEqual(['reply-overdue-14d']);

    // Delivered 31 days late (the worker was down): the supervisor is added and the title says 督办.
    const overdue14 = next[0];
    t.clock.set(new Date(new Date(`${overdue14.due_date}T01:00:00Z`).getTime() + 31 * DAY));
    expect(await delivery.deliver(overdue14.id)).toBe('sent');
    const late = await noticesOf(overdue14.id);
    expect(notices.map((n) => n.recipient_user_id)).not.toContain(supervisor);
    expect(late.map((n) => n.recipient_user_id).sort()).toEqual([...notices.map((n) => n.recipient_user_id), supervisor].sort());
    expect(late[0].title).toContain('已超过办复期限31天');
    expect(late[0].title).toContain('列入督办');
    // The next point ahead of now, not one per missed week.
    const after = (await remindersOf(assignment.id)).filter((r) => r.point.startsWith('reply-overdue-') && r.status === 'planned').map((r) => r.point);
    expect(after).toEqual(['reply-overdue-35d']);
  });

  it('answers an unknown reminder id with a no-op', async () => {
    expect(await delivery.deliver('00000000-0000-4000-8000-000000000000')).toBe('skipped');
  });
});
