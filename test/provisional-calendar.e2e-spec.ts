import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { CALENDAR_CHECK_EVERY_MS, CALENDAR_CHECK_SCHEDULER, QUEUES } from '#app/core';
import { chinaTime } from '#app/demo';
import { CalendarChangesService } from '#app/handling';
import { ScheduleWarningService } from '#app/reminders';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';
import { startInProcessWorker } from './helpers/worker.js';

/**
 * A stand-in for the 2027 notice (not published in this build's sources), in the published form; its
 * weekdays are 2027's. The database is the run's, so the spec restores 2027 (no rows: provisional) at the end.
 */
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月14日（周日）上班。`;

interface DeadlineRow {
  kind: string;
  dueDate: string;
  provisional: boolean;
  explanation: { steps: string[]; provisional?: boolean };
}

/** Years without a loaded State Council schedule: provisional days off, marked deadlines, loading the notice. */
describe('provisional calendars and loading the State Council notice', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let admin: UserClient;
  let staff: UserClient;
  let drafter: UserClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2026-10-15'));
    c = await t.committee();
    s = new Scenario(t, c);
    admin = await t.as(c.username('anyang-admin'));
    staff = await t.as(c.username('anyang-staff'));
    drafter = await t.as(c.username('chending'));
  });
  afterAll(async () => {
    await t.app.get(CalendarChangesService).importNationalYear(2027, [], '测试结束');
    await t.close();
  });

  const deadlinesOf = async (assignmentId: string): Promise<Record<string, DeadlineRow>> => {
    const view = await staff.get(`/api/assignments/${assignmentId}`);
    return Object.fromEntries((view.body.deadlines as DeadlineRow[]).map((d) => [d.kind, d]));
  };

  it('says nothing before 1 November; from then on warns admins and staff, the worker tells the admins once, and the health check reports it', async () => {
    expect((await admin.get('/api/calendar/status')).body).toMatchObject({ year: 2027, loaded: false, warning: false, message: null });
    const quiet = await t.http().get('/api/health');
    expect([quiet.status, quiet.body.calendar]).toEqual([200, { year: 2027, loaded: false, status: 'ok', provisionalYears: [2027] }]);

    t.clock.set(chinaTime('2026-11-01'));
    const status = await staff.get('/api/calendar/status');
    expect(status.body).toMatchObject({ year: 2027, loaded: false, warning: true, provisionalYears: [2027] });
    expect(status.body.message).toContain('2027年节假日安排尚未载入');
    // reading the status writes nothing; the worker's calendar check (at its start, then on its schedule)
    // tells the admins, once however often it runs, whether or not anybody signs in
    expect((await admin.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)).not.toContain('calendar.schedule-missing');
    const worker = await startInProcessWorker(t.clock);
    try {
      expect(await worker.get(ScheduleWarningService).warnAdmins()).toBe(0);
      const scheduler = await worker.get<Queue>(getQueueToken(QUEUES.reminders)).getJobScheduler(CALENDAR_CHECK_SCHEDULER);
      expect(scheduler?.every).toBe(CALENDAR_CHECK_EVERY_MS);
    } finally {
      await worker.close();
    }
    const inbox = await admin.get('/api/notifications');
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'calendar.schedule-missing')).toHaveLength(1);
    expect((await staff.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)).not.toContain('calendar.schedule-missing');
    const health = await t.http().get('/api/health');
    expect([health.status, health.body.status, health.body.calendar.status]).toEqual([200, 'ok', 'warn']);
  });

  it('counts 2027 on its statutory days, provisional, and marks the deadlines that reach into it', async () => {
    const year = await drafter.get('/api/calendar?year=2027');
    expect(year.body).toHaveLength(13);
    expect(year.body).toContainEqual({ date: '2027-02-05', kind: 'holiday', name: '春节', source: 'provisional' });
    expect(year.body).toContainEqual({ date: '2027-04-05', kind: 'holiday', name: '清明节', source: 'provisional' });

    const proposal = await s.filed('关于跨年期限测试的提案');
    t.clock.set(chinaTime('2027-02-01'));
    const assigned = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    expect(assigned.status).toBe(201);
    const assignment = assigned.body.assignments[0];
    expect([assignment.dueDate, assignment.provisional]).toEqual(['2027-05-03', true]);
    const deadlines = await deadlinesOf(assignment.id);
    // 5 working days from Monday 1 February skip 除夕 and 正月初一 to 初三 (5–8 February, a weekend among them).
    expect(deadlines.adjustment_window).toMatchObject({ dueDate: '2027-02-10', provisional: true });
    expect(deadlines.adjustment_window.explanation.steps).toEqual([
      '2027-02-01 起算',
      '+5个工作日 → 2027-02-10',
      '跳过 2027-02-05..08 春节',
      '按法定节假日暂定，2027年放假安排公布后重算',
    ]);
    expect(deadlines.first_contact).toMatchObject({ dueDate: '2027-02-24', provisional: true });
    ids.assignment = assignment.id;

    // A second one whose clock is stopped before the schedule is loaded.
    const waiting = await s.filed('关于暂停计时跨年期限的提案');
    const other = await staff.post(`/api/proposals/${waiting.id}/assignments`, { version: waiting.version, leadUnitId: c.unitIds.finance });
    ids.paused = other.body.assignments[0].id;
    expect((await staff.post(`/api/assignments/${ids.paused}/clock-stop`, { reason: '等待委员补充材料' })).status).toBe(200);
  });

  it('shows what a pasted notice would load and writes nothing; refuses a sentence it cannot read', async () => {
    expect((await staff.post('/api/admin/calendar/notice/preview', { text: NOTICE_2027 })).status).toBe(403);
    const preview = await admin.post('/api/admin/calendar/notice/preview', { text: NOTICE_2027 });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ year: 2027, source: '国办发明电〔2026〕99号' });
    expect(preview.body.holidays[1]).toEqual({
      name: '春节',
      daysOff: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      workdays: ['2027-02-14'],
    });
    expect((await admin.get('/api/calendar?year=2027')).body[0].source).toBe('provisional');

    const garbled = await admin.post('/api/admin/calendar/notice', { text: NOTICE_2027.replace('2月14日（周日）上班', '2月14日（周日）视情况上班') });
    expect([garbled.status, garbled.body.code, garbled.body.details]).toEqual([400, 'NOTICE_UNREADABLE', { sentence: '2月14日(周日)视情况上班' }]);
    expect(garbled.body.message).toContain('2月14日(周日)视情况上班');
    const tooShort = await admin.post('/api/admin/calendar/notice', { text: '通知' });
    expect([tooShort.status, tooShort.body.message.includes('text')]).toEqual([400, true]);
    expect((await admin.get('/api/calendar?year=2027')).body.every((d: { source: string }) => d.source === 'provisional')).toBe(true);
    expect((await deadlinesOf(ids.assignment)).adjustment_window.dueDate).toBe('2027-02-10');
  });

  it('loads the notice: recomputes the open deadlines with their reminders, clears the marks and tells the unit old → new and why', async () => {
    const plannedFor = async (due: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
           WHERE d.assignment_id = $1 AND d.kind = 'adjustment_window' AND r.status = 'planned' AND r.due_date = $2`,
          [ids.assignment, due],
        )
      )[0].n;
    expect(await plannedFor('2027-02-10')).toBeGreaterThan(0);

    const loaded = await admin.post('/api/admin/calendar/notice', { text: NOTICE_2027 });
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ year: 2027, source: '国办发明电〔2026〕99号' });
    expect(loaded.body.recomputed).toBeGreaterThanOrEqual(2);
    expect(loaded.body.confirmed).toBeGreaterThanOrEqual(1);

    const deadlines = await deadlinesOf(ids.assignment);
    // 2 to 4 February, the 调休 Sunday 14 February, Monday 15 February.
    expect(deadlines.adjustment_window).toMatchObject({ dueDate: '2027-02-15', provisional: false });
    expect(deadlines.adjustment_window.explanation.steps).not.toContain('按法定节假日暂定，2027年放假安排公布后重算');
    expect(deadlines.adjustment_window.explanation.steps).toContain('2027-02-14 春节调休上班，计为工作日');
    expect(deadlines.first_contact).toMatchObject({ dueDate: '2027-03-01', provisional: false });
    expect(deadlines.reply).toMatchObject({ dueDate: '2027-05-03', provisional: false });
    expect(await plannedFor('2027-02-10')).toBe(0);
    expect(await plannedFor('2027-02-15')).toBeGreaterThan(0);

    const told = (await drafter.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'deadline.recomputed');
    expect(told.map((n: { title: string }) => n.title)).toContainEqual(
      expect.stringMatching(/提案《关于跨年期限测试的提案》的申请调整期限由2027-02-10调整为2027-02-15（2027年节假日安排已载入（国办发明电〔2026〕99号））$/),
    );
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE entity = 'deadline' AND committee_id = $1 AND action IN ('deadline.recomputed', 'deadline.confirmed')`,
      [c.committeeId],
    );
    // Both assignments' adjustment windows and first contacts moved; the open reply stood and was confirmed (the paused one waits).
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['deadline.confirmed', ...Array(4).fill('deadline.recomputed')]);
    expect((await admin.get('/api/calendar?year=2027')).body).toContainEqual({ date: '2027-02-14', kind: 'workday', name: '春节调休上班', source: 'national' });
    expect((await admin.get('/api/calendar/status')).body).toMatchObject({ year: 2028, loaded: false, warning: false });
  });

  it('decides the mark afresh when a clock stopped before the load runs again', async () => {
    expect((await deadlinesOf(ids.paused)).reply).toMatchObject({ dueDate: '2027-05-03', provisional: true });
    t.clock.set(chinaTime('2027-02-03'));
    const resumed = await staff.post(`/api/assignments/${ids.paused}/clock-resume`, { reason: '材料已补充' });
    expect(resumed.status).toBe(200);
    const reply = (await deadlinesOf(ids.paused)).reply;
    expect(reply).toMatchObject({ dueDate: '2027-05-05', provisional: false });
    expect(reply.explanation.steps.at(-1)).toBe('2027-02-01..2027-02-03 暂停计时2天（材料已补充），2027-05-03 顺延至 2027-05-05');
  });
});
