import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** Dates people read are in the committee's zone (TIME_ZONE); an extension asked while the clock is stopped. */
describe('dates in the committee’s zone, and extensions during a clock stop', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2026-12-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    staff = await t.as(c.username('anyang-staff'));
  });
  afterAll(() => t.close());

  it('announces a co-signing deadline of 07:30 China time on its own day, and refuses a late answer with that time', async () => {
    const member = await t.as(c.username('yuanyuan'));
    const lifangId = await s.addUser('lifang', '李芳', Role.Member);
    const lifang = await t.as(c.username('lifang'));
    const draft = await member.post('/api/proposals', {
      sessionId: c.sessionId,
      title: '关于早晨截止联名的提案',
      body: '一、情况分析\n联名截止在北京时间早晨。\n二、具体建议\n按北京时间写日期。',
    });
    // 2026-12-11 07:30 in Beijing is 2026-12-10 23:30 UTC.
    const opened = await member.post(`/api/proposals/${draft.body.id}/cosigning`, { version: 1, deadline: '2026-12-11T07:30:00+08:00', inviteeUserIds: [lifangId] });
    expect([opened.status, opened.body.cosignDeadline]).toEqual([200, '2026-12-10T23:30:00.000Z']);
    const invited = (await lifang.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'cosign.invited');
    expect(invited.title).toContain('请于2026-12-11 07:30前答复');
    expect(invited.title).not.toContain('2026-12-10');

    t.clock.set(new Date('2026-12-11T00:00:00+08:00'));
    expect((await lifang.get(`/api/proposals/${draft.body.id}`)).status).toBe(200);
    t.clock.set(new Date('2026-12-11T07:31:00+08:00'));
    const late = await lifang.post(`/api/proposals/${draft.body.id}/cosign`, { accept: true });
    expect([late.status, late.body.code]).toEqual([409, 'COSIGN_DEADLINE_PASSED']);
    expect(late.body.message).toContain('2026-12-11 07:30');
    expect(late.body.message).not.toContain('2026-12-10');
  });

  it('grants an extension asked while the clock is stopped: the paused deadline takes the granted date, and the stopped days are added on resume', async () => {
    t.clock.set(chinaTime('2026-12-01'));
    const proposal = await s.filed('关于暂停计时期间延期的提案');
    const assigned = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    const id = assigned.body.assignments[0].id;
    expect(assigned.body.assignments[0].dueDate).toBe('2027-03-01');
    expect((await staff.post(`/api/assignments/${id}/clock-stop`, { reason: '等待委员补充材料' })).status).toBe(200);

    const drafter = await t.as(c.username('chending'));
    const asked = await drafter.post(`/api/assignments/${id}/extensions`, { requestedDueDate: '2027-03-31', reason: '需跨部门调研' });
    expect(asked.status).toBe(201);
    const approved = await staff.post(`/api/extensions/${asked.body.id}/approve`, { version: asked.body.version });
    expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
    const paused = (await staff.get(`/api/assignments/${id}`)).body.deadlines.find((d: { kind: string }) => d.kind === 'reply');
    expect(paused).toMatchObject({ status: 'paused', dueDate: '2027-03-31', pausedOn: '2026-12-01' });
    expect(paused.explanation.steps.at(-1)).toBe('延期：2027-03-01 → 2027-03-31（需跨部门调研）；计时暂停中，恢复计时后按暂停天数顺延');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.assignment_id = $1 AND d.kind = 'reply' AND r.status = 'planned'`,
      [id],
    );
    expect(n).toBe(0);

    t.clock.set(chinaTime('2026-12-08'));
    const resumed = await staff.post(`/api/assignments/${id}/clock-resume`, { reason: '材料已补充' });
    expect(resumed.status).toBe(200);
    // Seven days stood: 2027-03-31 + 7 = 2027-04-07.
    expect(resumed.body.deadlines.find((d: { kind: string }) => d.kind === 'reply')).toMatchObject({ status: 'open', dueDate: '2027-04-07' });
  });
});
