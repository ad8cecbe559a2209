import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { CalendarChangesService } from '#app/handling';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** The working-day calendar as data, and reply deadlines worked out on it, with their explanation. */
describe('the working-day calendar and reply deadlines', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let admin: UserClient;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2025-11-10'));
    c = await t.committee();
    s = new Scenario(t, c);
    admin = await t.as(c.username('anyang-admin'));
  });
  afterAll(() => t.close());

  it('holds the national schedule, readable by everyone in the committee', async () => {
    const member = await t.as(c.username('yuanyuan'));
    const year = await member.get('/api/calendar?year=2026');
    expect(year.status).toBe(200);
    expect(year.body).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班', source: 'national' });
    expect(year.body).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'national' });
    expect(year.body).toHaveLength(33 + 6);
    const bad = await member.get('/api/calendar?year=twenty');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('moves a reply deadline that lands in 春节 to the next working day, and says why', async () => {
    const proposal = await s.filed('关于春节期限测试的提案');
    t.clock.set(chinaTime('2025-11-15'));
    const staff = await t.as(c.username('anyang-staff'));
    const assigned = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    expect(assigned.body.assignments[0].dueDate).toBe('2026-02-24');
    expect(assigned.body.assignments[0].dueExplanation).toEqual({
      rule: 'reply',
      start: '2025-11-15',
      amount: 3,
      unit: 'calendar_months',
      due: '2026-02-24',
      steps: ['2025-11-15 起算', '+3个月 → 2026-02-15', '2026-02-15..23 春节 非工作日，顺延至 2026-02-24'],
    });
  });

  it('lets the administrator add a local day off, audited, and moves the open deadlines it touches', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    expect((await staff.put('/api/admin/calendar/2026-03-16', { kind: 'holiday', name: '地方节日' })).status).toBe(403);
    const badDate = await admin.put('/api/admin/calendar/2026-02-30', { kind: 'holiday', name: '地方节日' });
    expect([badDate.status, badDate.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(badDate.body.message).toContain('date');
    const badKind = await admin.put('/api/admin/calendar/2026-03-16', { kind: 'vacation', name: '地方节日' });
    expect(badKind.body.message).toContain('kind');

    const proposal = await s.filed('关于地方节日期限测试的提案');
    t.clock.set(chinaTime('2025-12-16'));
    const assigned = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    expect(assigned.body.assignments[0].dueDate).toBe('2026-03-16');
    const plannedFor = async (due: string) =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
           WHERE d.assignment_id = $1 AND d.kind = 'reply' AND r.status = 'planned' AND r.due_date = $2`,
          [assigned.body.assignments[0].id, due],
        )
      )[0].n;
    expect(await plannedFor('2026-03-16')).toBe(5);

    const set = await admin.put('/api/admin/calendar/2026-03-16', { kind: 'holiday', name: '地方节日' });
    expect(set.body).toEqual({ day: { date: '2026-03-16', kind: 'holiday', name: '地方节日', source: 'committee' }, recomputed: 1 });
    const moved = await staff.get(`/api/assignments/${assigned.body.assignments[0].id}`);
    expect(moved.body.dueDate).toBe('2026-03-17');
    const reply = moved.body.deadlines.find((d: { kind: string }) => d.kind === 'reply');
    expect(reply.explanation.steps).toContain('2026-03-16 地方节日 非工作日，顺延至 2026-03-17');
    expect(reply.history.map((h: { kind: string; toDate: string }) => [h.kind, h.toDate])).toEqual([
      ['set', '2026-03-16'],
      ['recomputed', '2026-03-17'],
    ]);
    expect(await plannedFor('2026-03-16')).toBe(0);
    expect(await plannedFor('2026-03-17')).toBe(5);

    const renamed = await admin.put('/api/admin/calendar/2026-03-16', { kind: 'holiday', name: '地方纪念日' });
    expect(renamed.body).toMatchObject({ day: { name: '地方纪念日' }, recomputed: 0 });

    // Another committee's calendar is untouched.
    const neighbour = await t.committee();
    const theirs = await (await t.as(neighbour.username('yuanyuan'))).get('/api/calendar?year=2026');
    expect(theirs.body.map((d: { date: string }) => d.date)).not.toContain('2026-03-16');

    const removed = await admin.delete('/api/admin/calendar/2026-03-16');
    expect(removed.body).toEqual({ day: null, recomputed: 1 });
    expect((await staff.get(`/api/assignments/${assigned.body.assignments[0].id}`)).body.dueDate).toBe('2026-03-16');
    // Back on its first date, the deadline has its reminders again.
    expect(await plannedFor('2026-03-16')).toBe(5);
    expect(await plannedFor('2026-03-17')).toBe(0);
    expect((await admin.delete('/api/admin/calendar/2026-03-16')).status).toBe(404);
    const [{ n }] = await t.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_entries WHERE committee_id = $1 AND entity = 'calendar_day'",
      [c.committeeId],
    );
    expect(n).toBe(3);
  });

  it('takes a new national year from the operators, moving the open deadlines it changes in every committee', async () => {
    const proposal = await s.filed('关于2027年期限测试的提案');
    t.clock.set(chinaTime('2026-12-22'));
    const staff = await t.as(c.username('anyang-staff'));
    const assigned = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    expect(assigned.body.assignments[0].dueDate).toBe('2027-03-22');
    const deadlines = t.app.get(CalendarChangesService);
    // A stand-in for the 2027 notice (not published in this build's sources), restored afterwards.
    const moved = await deadlines.importNationalYear(2027, [{ date: '2027-03-22', kind: 'holiday', name: '测试假日' }], '测试通知');
    expect(moved.recomputed).toBeGreaterThanOrEqual(1);
    const after = await staff.get(`/api/assignments/${assigned.body.assignments[0].id}`);
    expect(after.body.dueDate).toBe('2027-03-23');
    expect((await staff.get('/api/calendar?year=2027')).body).toEqual([{ date: '2027-03-22', kind: 'holiday', name: '测试假日', source: 'national' }]);
    const [{ n }] = await t.dataSource.query("SELECT count(*)::int AS n FROM audit_entries WHERE action = 'calendar.national-year-replaced'");
    expect(n).toBeGreaterThanOrEqual(1);

    await deadlines.importNationalYear(2027, [], '测试结束');
    expect((await staff.get(`/api/assignments/${assigned.body.assignments[0].id}`)).body.dueDate).toBe('2027-03-22');
    // 2027 has no official schedule again: its statutory days, provisional.
    expect((await staff.get('/api/calendar?year=2027')).body.map((d: { source: string }) => d.source)).toEqual(Array(13).fill('provisional'));
  });
});
