import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Disclosure } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

interface FigureView {
  key: string;
  kind: string;
  drill: string;
}

/**
 * 统计 over HTTP on proposals driven through the real services: the figures as of three dates, the
 * drill-down list of every figure as long as the figure, the per-unit lines, and who may read what.
 */
describe('committee statistics', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let leader: UserClient;
  let overdueDue: string;
  const ids: Record<string, string> = {};

  const at = (date: string, hour = 10) => t.clock.set(chinaTime(date, hour));

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    const staffActor = await s.actor('anyang-staff');
    // Submitted on the first day of the session: two filed, one merged into the second, one still under review.
    const answered = await s.filed('关于严厉打击金融理财诈骗的提案');
    const waiting = await s.filed('关于加强电动自行车充电管理的提案');
    const merged = await s.underReview('关于规范电动车充电设施的提案');
    await s.review.merge(staffActor, merged.id, merged.version, waiting.id, '同一事项，合并办理');
    const pending = await s.underReview('关于优化营商环境的提案');
    Object.assign(ids, { answered: answered.id, waiting: waiting.id, merged: merged.id, pending: pending.id });

    at('2021-03-10');
    const [lead, co] = (await s.assigning.assign(staffActor, answered.id, { version: answered.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] })).assignments;
    const [late] = (await s.assigning.assign(staffActor, waiting.id, { version: (await s.proposals.get(staffActor, waiting.id)).version, leadUnitId: c.unitIds.police })).assignments;
    Object.assign(ids, { leadAssignment: lead.id, coAssignment: co.id, lateAssignment: late.id });
    overdueDue = late.dueDate;

    const drafter = await s.actor('chending');
    await s.handling.accept(drafter, lead.id, lead.version);
    await s.handling.accept(drafter, late.id, late.version);
    at('2021-04-01');
    await s.handling.waiveCountersign(staffActor, co.id, co.version, '会办单位职能调整，免于会签');

    at('2021-05-10');
    const draft = await s.replyDrafting.createDraft(drafter, lead.id, { body: '一、基本情况\n正文。', grade: 'B', contactUnitId: c.unitIds['police-economic'], contacts: ANYANG_CONTACTS });
    const submitted = await s.replyReview.submit(drafter, draft.id, draft.version);
    const signed = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });
    await s.replyDispatch.dispatch(drafter, signed.id, signed.version);

    at('2021-05-20');
    const member = await t.as(c.username('yuanyuan'));
    expect((await member.post(`/api/proposals/${answered.id}/feedback`, { satisfaction: 'satisfied', contacted: true, answered: true })).status).toBe(201);

    at('2021-12-31');
    staff = await t.as(c.username('anyang-staff'));
    leader = await t.as(c.username('guochengji'));
  }, 120_000);

  afterAll(() => t.close());

  const figures = async (asOf: string) => {
    const response = await staff.get(`/api/statistics?sessionId=${c.sessionId}&asOf=${asOf}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

  it('counts what had happened by the end of each date, from the real rows', async () => {
    const early = await figures('2021-03-05');
    expect(early.summary).toMatchObject({ submitted: 4, filed: 2, merged: 1, assigned: 0, replied: 0, overdue: 0, feedbackForms: 0, filingRate: 0.5, replyRate: 0 });
    expect(early.units).toEqual([]);

    const beforeReply = await figures('2021-05-09');
    expect(beforeReply.summary).toMatchObject({ assigned: 2, replied: 0, onTime: 0, overdue: 0, graded: 0 });

    const asOf = '2021-07-15';
    expect(overdueDue < asOf).toBe(true);
    const later = await figures(asOf);
    expect(later.summary).toMatchObject({
      submitted: 4,
      filed: 2,
      merged: 1,
      assigned: 2,
      replied: 1,
      onTime: 1,
      late: 0,
      replyRate: 0.5,
      onTimeRate: 0.5,
      avgDaysToReply: days('2021-03-10', '2021-05-10'),
      overdue: 1,
      overdueMaxDays: days(overdueDue, asOf),
      graded: 1,
      gradeB: 1,
      gradeBShare: 1,
      feedbackForms: 1,
      satisfied: 1,
      satisfiedRate: 1,
      firstPassForms: 1,
      firstPassRate: 1,
      participants: 1,
      members: 1,
      participationRate: 1,
    });
    const [finance, police] = [later.units.find((u: { unitId: string }) => u.unitId === c.unitIds.finance), later.units.find((u: { unitId: string }) => u.unitId === c.unitIds.police)];
    expect(police.figures).toMatchObject({ lead: 2, co: 0, toReply: 2, replied: 1, onTime: 1, replyRate: 0.5, overdue: 1, overdueMaxDays: days(overdueDue, asOf), gradeB: 1, satisfied: 1 });
    // The waived co-unit was given the proposal, owes nothing since, and is never overdue.
    expect(finance.figures).toMatchObject({ co: 1, toReply: 0, replied: 0, overdue: 0, replyRate: null });

    const overdue = await staff.get(`/api/statistics/drill?figure=overdue&sessionId=${c.sessionId}&asOf=${asOf}`);
    expect(overdue.body.items).toEqual([
      expect.objectContaining({ proposalId: ids.waiting, unitName: '安阳市公安局', role: 'lead', dueDate: overdueDue, daysOverdue: days(overdueDue, asOf) }),
    ]);
  });

  it('lists, for every figure of the summary and of each unit line, exactly as many rows as the figure says', async () => {
    const stats = await figures('2021-12-31');
    const checked: string[] = [];
    for (const definition of stats.definitions.summary as FigureView[]) {
      const drill = await staff.get(`/api/statistics/drill?figure=${definition.key}&sessionId=${c.sessionId}&asOf=2021-12-31&limit=500`);
      expect([definition.key, drill.status]).toEqual([definition.key, 200]);
      expect([definition.key, drill.body.total, drill.body.items.length]).toEqual([definition.key, stats.summary[definition.drill], stats.summary[definition.drill]]);
      checked.push(definition.key);
    }
    for (const line of stats.units) {
      for (const definition of stats.definitions.unit as FigureView[]) {
        const drill = await staff.get(`/api/statistics/drill?figure=${definition.key}&unitId=${line.unitId}&sessionId=${c.sessionId}&asOf=2021-12-31&limit=500`);
        expect([definition.key, drill.body.total]).toEqual([definition.key, line.figures[definition.drill]]);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['filed', 'replied', 'onTime', 'overdue', 'satisfied', 'gradeB', 'rehandled', 'participants']));
    const merged = await staff.get(`/api/statistics/drill?figure=merged&sessionId=${c.sessionId}&asOf=2021-12-31`);
    expect(merged.body.items.map((i: { proposalId: string }) => i.proposalId)).toEqual([ids.merged]);
  }, 120_000); // some ninety drill-down requests

  it('pages a drill-down list and still gives its total past the last page', async () => {
    const first = await staff.get(`/api/statistics/drill?figure=submitted&sessionId=${c.sessionId}&asOf=2021-12-31&limit=3`);
    expect([first.body.total, first.body.items.length]).toEqual([4, 3]);
    const second = await staff.get(`/api/statistics/drill?figure=submitted&sessionId=${c.sessionId}&asOf=2021-12-31&limit=3&offset=3`);
    expect(second.body.items).toHaveLength(1);
    expect([...first.body.items, ...second.body.items].map((i: { proposalId: string }) => i.proposalId).sort()).toEqual([ids.answered, ids.waiting, ids.merged, ids.pending].sort());
    const past = await staff.get(`/api/statistics/drill?figure=submitted&sessionId=${c.sessionId}&asOf=2021-12-31&limit=3&offset=24`);
    expect([past.body.total, past.body.items]).toEqual([4, []]);
  });

  it('counts every session of the committee without sessionId, and defaults asOf to today', async () => {
    const all = await staff.get('/api/statistics');
    expect(all.status).toBe(200);
    expect([all.body.sessionId, all.body.asOf, all.body.summary.submitted]).toEqual([null, '2021-12-31', 4]);
  });

  it('names the bad field, hides another committee’s session, and refuses a date after today', async () => {
    for (const [query, field] of [
      ['asOf=2021-13-01', 'asOf'],
      ['asOf=2021-02-30', 'asOf'],
      ['asOf=2022-01-01', 'asOf'],
      ['sessionId=abc', 'sessionId'],
    ] as const) {
      const response = await staff.get(`/api/statistics?${query}`);
      expect([query, response.status, fieldsOf(response.body)]).toEqual([query, 400, [field]]);
    }
    const other = await t.committee();
    expect((await staff.get(`/api/statistics?sessionId=${other.sessionId}`)).status).toBe(404);
    const unknown = await staff.get('/api/statistics/drill?figure=nonsense');
    expect([unknown.status, fieldsOf(unknown.body)]).toEqual([400, ['figure']]);
    const notOfUnit = await staff.get(`/api/statistics/drill?figure=filed&unitId=${c.unitIds.police}`);
    expect([notOfUnit.status, fieldsOf(notOfUnit.body)]).toEqual([400, ['figure']]);
    const page = await staff.get('/api/statistics/drill?figure=filed&limit=0');
    expect([page.status, fieldsOf(page.body)]).toEqual([400, ['limit']]);
  });

  it('lets staff and administrators read everything, a unit leader only their units’ lines, and nobody else', async () => {
    expect((await (await t.as(c.username('anyang-admin'))).get('/api/statistics')).body.summary.filed).toBe(2);
    for (const name of ['yuanyuan', 'chending', 'anyang-swb']) {
      expect([name, (await (await t.as(c.username(name))).get('/api/statistics')).status]).toEqual([name, 403]);
    }
    const own = await leader.get(`/api/statistics?sessionId=${c.sessionId}`);
    expect(own.body.summary).toBeNull();
    expect(own.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([c.unitIds.police]);
    const drill = await leader.get(`/api/statistics/drill?figure=overdue&unitId=${c.unitIds.police}`);
    expect([drill.status, drill.body.total]).toEqual([200, 1]);
    expect((await leader.get(`/api/statistics/drill?figure=overdue&unitId=${c.unitIds.finance}`)).status).toBe(404);
    expect((await leader.get('/api/statistics/drill?figure=overdue')).status).toBe(403);
  });
  it('follows a re-handling ordered through the real service: counted from the order, the latest answer and form count, the first round’s for 首次', async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const { proposal, assignment } = await s.dispatched(); // grade B, sent on 2021-08-05
    const member = await t.as(c.username('yuanyuan'));
    t.clock.set(chinaTime('2021-08-09'));
    expect((await member.post(`/api/proposals/${proposal.id}/feedback`, { satisfaction: 'dissatisfied', contacted: true, answered: false })).status).toBe(201);
    t.clock.set(chinaTime('2021-08-12'));
    const version = (await staff.get(`/api/proposals/${proposal.id}`)).body.version;
    expect((await staff.post(`/api/proposals/${proposal.id}/rehandling`, { version, reason: '委员认为措施不具体，请重新办理' })).status).toBe(200);
    t.clock.set(chinaTime('2021-09-20'));
    const drafter = await s.actor('chending');
    const draft = await s.replyDrafting.createDraft(drafter, assignment.id, { body: '一、重新办理情况\n正文。', grade: 'A', contactUnitId: c.unitIds['police-economic'], contacts: ANYANG_CONTACTS });
    const submitted = await s.replyReview.submit(drafter, draft.id, draft.version);
    const signed = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });
    await s.replyDispatch.dispatch(drafter, signed.id, signed.version);
    t.clock.set(chinaTime('2021-09-25'));
    expect((await member.post(`/api/proposals/${proposal.id}/feedback`, { satisfaction: 'satisfied', contacted: true, answered: true })).status).toBe(201);
    t.clock.set(chinaTime('2021-12-31'));

    const listed = async (figure: string, asOf: string) =>
      ((await staff.get(`/api/statistics/drill?figure=${figure}&sessionId=${c.sessionId}&asOf=${asOf}&limit=500`)).body.items as Array<{ proposalId: string; grade: string | null; satisfaction: string | null }>)
        .filter((item) => item.proposalId === proposal.id)
        .map((item) => item.grade ?? item.satisfaction ?? item.proposalId);
    expect(await listed('rehandled', '2021-08-11')).toEqual([]);
    expect(await listed('rehandled', '2021-08-12')).toEqual([proposal.id]);
    expect(await listed('graded', '2021-09-19')).toEqual(['B']);
    expect(await listed('graded', '2021-12-31')).toEqual(['A']);
    expect(await listed('feedbackForms', '2021-09-24')).toEqual(['dissatisfied']);
    expect(await listed('feedbackForms', '2021-12-31')).toEqual(['satisfied']);
    expect(await listed('firstPassForms', '2021-12-31')).toEqual(['dissatisfied']);
    // 办复 and 按期 are the first round's: replied on time on 2021-08-05, still so while re-handled
    expect(await listed('replied', '2021-09-01')).toEqual([proposal.id]);
    expect(await listed('onTime', '2021-12-31')).toEqual([proposal.id]);
    // the re-handling deadline (three months from the order) is the one in force, so not overdue
    expect(await listed('overdue', '2021-09-19')).toEqual([]);
  }, 120_000);
});
