import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * What the member's and the units' screens of the web app (#7) read beyond the first slice: members to
 * invite to co-sign, a member's proposals by a group of statuses, the requests about one assignment, the
 * 会签 gate as the lead unit sees it (and the co-units' opinions it may read), and "mark all read".
 */
describe('the API behind the member and unit screens', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let member: UserClient;
  let staff: UserClient;
  let policeDrafter: UserClient;
  let financeDrafter: UserClient;
  let zhangming: string;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    zhangming = await s.addUser('zhangming', '张明', Role.Member);
    await s.addUser('lihua', '李华', Role.Member);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    await s.addUser('sunli', '孙丽', Role.Leader, 'finance');
    member = await t.as(c.username('yuanyuan'));
    staff = await t.as(c.username('anyang-staff'));
    policeDrafter = await t.as(c.username('chending'));
    financeDrafter = await t.as(c.username('zhaolei'));
  });

  afterAll(() => t.close());

  it('lists the committee’s members by name for a proposer, with no private fields, and refuses units and bad input', async () => {
    const all = await member.get('/api/members?limit=100');
    expect(all.status).toBe(200);
    const names = all.body.items.map((m: { displayName: string }) => m.displayName);
    expect(names).toEqual(expect.arrayContaining(['袁媛', '张明', '李华']));
    expect(names).not.toContain('陈丁'); // a drafter is not a member
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['displayName', 'id']);
    const found = await member.get(`/api/members?q=${encodeURIComponent('张')}`);
    expect(found.body).toMatchObject({ total: 1, items: [{ id: zhangming, displayName: '张明' }] });
    // a wildcard typed by the user is a character, not a pattern
    expect((await member.get(`/api/members?q=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await policeDrafter.get('/api/members')).status).toBe(403);
    const tooLong = await member.get(`/api/members?q=${'长'.repeat(41)}`);
    expect([tooLong.status, fieldsOf(tooLong.body)]).toEqual([400, ['q']]);
  });

  it('filters a list of proposals by several statuses at once, and names a wrong one', async () => {
    const draft = (await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于状态分组的提案', body: '一、情况分析\n状态分组测试正文。' })).body;
    const submitted = (await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于已提交分组的提案', body: '一、情况分析\n已提交分组测试正文。' })).body;
    await member.post(`/api/proposals/${submitted.id}/submit`, { version: submitted.version });
    const underReview = await s.underReview('关于审查中分组的提案', '一、情况分析\n审查中分组测试正文。');
    const mine = `/api/proposals?proposerUserId=${c.userId('yuanyuan')}&limit=100`;
    const sent = (await member.get(`${mine}&statuses=submitted,under_review`)).body.items.map((p: { id: string }) => p.id);
    expect(sent.sort()).toEqual([submitted.id, underReview.id].sort());
    expect((await member.get(`${mine}&statuses=draft`)).body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
    const wrong = await member.get(`${mine}&statuses=draft,nonsense`);
    expect([wrong.status, fieldsOf(wrong.body)]).toEqual([400, ['statuses']]);
  });

  describe('an assignment with a co-unit', () => {
    let lead: { id: string; version: number };
    let co: { id: string; version: number };

    beforeAll(async () => {
      const proposal = await s.filed('关于会签视图的提案', '一、情况分析\n会签视图测试正文。');
      t.clock.set(chinaTime('2021-08-05'));
      const assigned = (await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] })).body;
      [lead, co] = assigned.assignments;
      lead = (await policeDrafter.post(`/api/assignments/${lead.id}/accept`, { version: lead.version })).body;
    });

    it('lists the extension and adjustment requests of one assignment only (an adjustment is asked before 签收)', async () => {
      const other = await s.accepted('2021-08-05');
      expect((await policeDrafter.post(`/api/assignments/${other.assignment.id}/extensions`, { requestedDueDate: '2021-12-31', reason: '另一件的延期' })).status).toBe(201);
      const asked = await policeDrafter.post(`/api/assignments/${lead.id}/extensions`, { requestedDueDate: '2021-12-20', reason: '需多部门协调' });
      expect(asked.status).toBe(201);
      const extensions = (await policeDrafter.get(`/api/extensions?assignmentId=${lead.id}`)).body;
      expect(extensions.items.map((e: { id: string }) => e.id)).toEqual([asked.body.id]);
      const adjust = await financeDrafter.post(`/api/assignments/${co.id}/adjustment-requests`, { reason: '本单位不涉及该事项的职责' });
      expect(adjust.status).toBe(201);
      expect((await financeDrafter.get(`/api/adjustment-requests?assignmentId=${co.id}`)).body.items.map((a: { id: string }) => a.id)).toEqual([adjust.body.id]);
      expect((await policeDrafter.get(`/api/adjustment-requests?assignmentId=${co.id}`)).body.total).toBe(0); // not the police's
      const bad = await policeDrafter.get('/api/extensions?assignmentId=nope');
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['assignmentId']]);
      // the co-unit keeps its assignment: the committee rejects the adjustment
      const rejected = await staff.post(`/api/adjustment-requests/${adjust.body.id}/reject`, { version: adjust.body.version, reason: '会办职责明确' });
      expect(rejected.status).toBe(200);
      const current = (await financeDrafter.get(`/api/assignments/${co.id}`)).body;
      co = (await financeDrafter.post(`/api/assignments/${co.id}/accept`, { version: current.version })).body;
      expect(co).toMatchObject({ status: 'accepted' });
    });

    it('shows the lead unit the 会签 gate: pending until the co-unit sends its opinion, which the lead unit may then read', async () => {
      const before = await policeDrafter.get(`/api/assignments/${lead.id}/countersign`);
      expect(before.body).toEqual({
        complete: false,
        units: [{ assignmentId: co.id, unitId: c.unitIds.finance, unitName: '安阳市金融工作局', state: 'pending', opinionReplyId: null, receivedAt: null }],
      });
      expect((await financeDrafter.get(`/api/assignments/${lead.id}/countersign`)).status).toBe(404); // not the finance bureau's assignment
      const financeLeader = await t.as(c.username('sunli'));
      let opinion = (await financeDrafter.post(`/api/assignments/${co.id}/replies`, { body: '一、会办意见\n同意主办单位意见。', contactUnitId: c.unitIds.finance, contacts: [{ name: '赵磊', phone: '5150001' }] })).body;
      opinion = (await financeDrafter.post(`/api/replies/${opinion.id}/submit`, { version: opinion.version })).body;
      expect((await policeDrafter.get(`/api/replies/${opinion.id}`)).status).toBe(404); // a draft stays the co-unit's
      opinion = (await financeLeader.post(`/api/replies/${opinion.id}/sign-off`, { version: opinion.version, disclosure: 'none', disclosureNote: '内部意见' })).body;
      opinion = (await financeDrafter.post(`/api/replies/${opinion.id}/dispatch`, { version: opinion.version })).body;
      const after = (await policeDrafter.get(`/api/assignments/${lead.id}/countersign`)).body;
      expect(after).toMatchObject({ complete: true, units: [{ state: 'received', opinionReplyId: opinion.id, receivedAt: opinion.dispatchedAt }] });
      const read = await policeDrafter.get(`/api/replies/${opinion.id}`);
      expect([read.status, read.body.kind, read.body.document.body]).toEqual([200, 'co_opinion', '一、会办意见\n同意主办单位意见。']);
      const [copy] = await t.dataSource.query('SELECT read_at FROM reply_copies WHERE reply_id = $1 AND unit_id = $2', [opinion.id, c.unitIds.police]);
      expect(copy.read_at).not.toBeNull();
      expect((await member.get(`/api/replies/${opinion.id}`)).status).toBe(404); // members never read a 会办意见
    });
  });

  it('marks every unread notice of the user read at once, and no one else’s', async () => {
    const unread = (await policeDrafter.get('/api/notifications?unread=true')).body.unread;
    expect(unread).toBeGreaterThan(0);
    const financeUnread = (await financeDrafter.get('/api/notifications?unread=true')).body.unread;
    const marked = await policeDrafter.post('/api/notifications/read-all');
    expect([marked.status, marked.body]).toEqual([200, { marked: unread }]);
    expect((await policeDrafter.get('/api/notifications?unread=true')).body).toMatchObject({ unread: 0, items: [] });
    expect((await financeDrafter.get('/api/notifications?unread=true')).body.unread).toBe(financeUnread);
    expect((await policeDrafter.post('/api/notifications/read-all')).body).toEqual({ marked: 0 });
  });
});
