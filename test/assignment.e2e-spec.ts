import { chinaTime, HISTORY_PROPOSALS, importProposalHistory } from '#app/demo';
import { AssignmentRole, NEIGHBOURS, recommendUnits } from '#app/handling';
import { ImportsService } from '#app/imports';
import { orgServicesOf, Role } from '#app/org';
import { termHashes, proposalSimilarity } from '#app/proposals';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * Assignment (交办) over HTTP: lead with co-units (会办) through to the co-unit opinion, 分办 to the last
 * reply, key and urgent flags, the bulk 交办会 (all or nothing), the adjustment loop (申请调整), and unit
 * recommendation.
 */
describe('assignment: co-units, 分办, bulk, adjustment, recommendation', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let policeDrafter: UserClient;
  let policeLeader: UserClient;
  let financeDrafter: UserClient;
  let financeLeader: UserClient;
  const users: Record<string, string> = {};

  const proposalOf = async (id: string) => (await staff.get(`/api/proposals/${id}`)).body;
  const kindsIn = async (client: UserClient) => (await client.get('/api/notifications?limit=100')).body.items.map((n: { kind: string; title: string }) => n);

  /** Drafts, submits, signs off and dispatches the reply of an accepted assignment of the given unit. */
  const answer = async (assignmentId: string, drafter: UserClient, leader: UserClient, contactUnitId: string, grade: string | null = 'B') => {
    const content = { body: '一、办理情况\n正文。', contactUnitId, contacts: [{ name: '联系人', phone: '5150000' }], ...(grade ? { grade } : {}) };
    let reply = (await drafter.post(`/api/assignments/${assignmentId}/replies`, content)).body;
    expect(reply.status).toBe('drafting');
    reply = (await drafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version })).body;
    reply = (await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' })).body;
    const dispatched = await drafter.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version });
    expect(dispatched.status).toBe(200);
    return dispatched.body;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    users.zhaolei = await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    users.sunli = await s.addUser('sunli', '孙丽', Role.Leader, 'finance');
    users.supervisor = await s.addUser('wangjun', '王军', Role.Staff);
    staff = await t.as(c.username('anyang-staff'));
    policeDrafter = await t.as(c.username('chending'));
    policeLeader = await t.as(c.username('guochengji'));
    financeDrafter = await t.as(c.username('zhaolei'));
    financeLeader = await t.as(c.username('sunli'));
    t.clock.set(chinaTime('2021-08-05'));
  });

  afterAll(() => t.close());

  it('refuses unit combinations that break the rules, naming the field, and assigns nothing', async () => {
    const proposal = await s.filed('关于组合测试的提案');
    const path = `/api/proposals/${proposal.id}/assignments`;
    const v = proposal.version;
    const cases: Array<[object, string]> = [
      [{ version: v }, 'leadUnitId'],
      [{ version: v, leadUnitId: c.unitIds.police, separateUnitIds: [c.unitIds.finance, c.unitIds['police-economic']] }, 'separateUnitIds'],
      [{ version: v, separateUnitIds: [c.unitIds.police] }, 'separateUnitIds'],
      [{ version: v, separateUnitIds: [c.unitIds.police, c.unitIds.finance], coUnitIds: [c.unitIds['police-economic']] }, 'coUnitIds'],
      [{ version: v, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.police] }, 'coUnitIds[0]'],
      [{ version: v, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds['office-party']] }, 'coUnitIds[0]'],
      [{ version: v, leadUnitId: c.unitIds.police, supervisorUserId: c.committeeId }, 'supervisorUserId'],
    ];
    for (const [body, field] of cases) {
      const response = await staff.post(path, body);
      expect([response.status, fieldsOf(response.body)]).toEqual([400, [field]]);
    }
    const byUnit = await policeDrafter.post(path, { version: v, leadUnitId: c.unitIds.finance });
    expect(byUnit.status).toBe(403);
    expect((await staff.get(`/api/assignments?proposalId=${proposal.id}`)).body.total).toBe(0);
    expect((await proposalOf(proposal.id)).status).toBe('filed');
  });

  describe('a lead unit with a co-unit (主办 + 会办), flagged key and urgent', () => {
    let proposalId: string;
    let lead: { id: string; version: number };
    let co: { id: string; version: number };
    let leadReply: { id: string; version: number };

    it('gives each unit its role and its own deadlines, and tells each unit', async () => {
      const proposal = await s.filed('关于建立涉诈资金快速止付机制的提案');
      proposalId = proposal.id;
      const response = await staff.post(`/api/proposals/${proposal.id}/assignments`, {
        version: proposal.version,
        leadUnitId: c.unitIds.police,
        coUnitIds: [c.unitIds.finance],
        key: true,
        urgent: true,
        supervisorUserId: users.supervisor,
      });
      expect(response.status).toBe(201);
      const [leadView, coView] = response.body.assignments;
      expect(leadView).toMatchObject({ role: 'lead', unitName: '安阳市公安局', dueKind: 'reply', dueDate: '2021-11-05', key: true, urgent: true });
      expect(coView).toMatchObject({ role: 'co', unitName: '安阳市金融工作局', dueKind: 'co_opinion', dueDate: '2021-09-06', key: true, urgent: true });
      [lead, co] = [leadView, coView];
      expect(await proposalOf(proposal.id)).toMatchObject({ status: 'assigned', key: true, urgent: true, supervisorUserId: users.supervisor });
      const coDeadlines = (await financeDrafter.get(`/api/assignments/${co.id}`)).body.deadlines.map((d: { kind: string }) => d.kind);
      expect(coDeadlines.sort()).toEqual(['adjustment_window', 'co_opinion']);
      const told = (await kindsIn(financeDrafter)).find((n: { kind: string }) => n.kind === 'assignment.created');
      expect(told.title).toMatch(/^【重点提案】【加急】第\d+号提案.*交由安阳市金融工作局会办，请于2021-09-06前向主办单位提出会办意见$/);
      expect((await staff.get('/api/assignments?key=true&role=co')).body.items.map((a: { id: string }) => a.id)).toEqual([co.id]);
      expect((await staff.get('/api/proposals?key=true&urgent=true')).body.items.map((p: { id: string }) => p.id)).toEqual([proposalId]);
      expect((await staff.get('/api/assignments?key=maybe')).status).toBe(400);
    });

    it('keeps the proposal assigned when only the co-unit accepts; the lead unit’s acceptance puts it in handling', async () => {
      co = (await financeDrafter.post(`/api/assignments/${co.id}/accept`, { version: co.version })).body;
      expect((await proposalOf(proposalId)).status).toBe('assigned');
      lead = (await policeDrafter.post(`/api/assignments/${lead.id}/accept`, { version: lead.version })).body;
      expect((await proposalOf(proposalId)).status).toBe('in_handling');
    });

    it('urges and extends a co-unit on its own deadline, the co-unit opinion', async () => {
      const urged = await staff.post('/api/assignments/urge', { assignmentIds: [lead.id, co.id], message: '请抓紧办理' });
      expect([urged.status, urged.body]).toEqual([200, { urged: 2 }]);
      const urge = (await kindsIn(financeDrafter)).find((n: { kind: string }) => n.kind === 'urge.manual');
      expect(urge.title).toContain('会办意见期限2021-09-06');
      const asked = await financeDrafter.post(`/api/assignments/${co.id}/extensions`, { requestedDueDate: '2021-09-20', reason: '需征求多个科室意见' });
      expect(asked.status).toBe(201);
      const granted = await staff.post(`/api/extensions/${asked.body.id}/approve`, { version: asked.body.version });
      expect(granted.status).toBe(200);
      const after = (await staff.get(`/api/assignments/${co.id}`)).body;
      expect([after.dueKind, after.dueDate]).toEqual(['co_opinion', '2021-09-20']);
      expect((await staff.get(`/api/assignments/${lead.id}`)).body.dueDate).toBe('2021-11-05');
      const page = await staff.get('/api/extensions?status=approved&limit=1&sort=createdAt');
      expect(page.body).toMatchObject({ total: 1, limit: 1, offset: 0, items: [{ id: asked.body.id, status: 'approved' }] });
      expect((await financeDrafter.get('/api/extensions')).body.items.map((e: { id: string }) => e.id)).toEqual([asked.body.id]);
      expect((await policeDrafter.get('/api/extensions')).body.total).toBe(0);
      expect((await staff.get('/api/extensions?sort=newest')).status).toBe(400);
      co = after;
    });

    it('holds the lead unit’s answer back from sign-off while the co-unit’s opinion is missing', async () => {
      const draft = (await policeDrafter.post(`/api/assignments/${lead.id}/replies`, { body: '一、办理情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: [{ name: '陈丁', phone: '5156739' }] })).body;
      const held = await policeDrafter.post(`/api/replies/${draft.id}/submit`, { version: draft.version });
      expect([held.status, held.body.code, held.body.details.units]).toEqual([409, 'COUNTERSIGN_MISSING', ['安阳市金融工作局']]);
      expect(held.body.message).toContain('waive');
      expect((await policeDrafter.get(`/api/replies/${draft.id}`)).body.status).toBe('drafting');
      leadReply = draft;
    });

    it('sends the co-unit opinion (会办意见) to the lead unit, not to the member, meeting its deadline', async () => {
      const opinion = await answer(co.id, financeDrafter, financeLeader, c.unitIds.finance, null); // a 会办意见 has no 办理结果
      expect(opinion).toMatchObject({ kind: 'co_opinion', status: 'dispatched', copyUnitIds: [] });
      expect(opinion.document).toMatchObject({ title: expect.stringMatching(/^关于对.*第\d+号提案的会办意见$/), addressee: '安阳市公安局：' });
      expect(opinion.document.docNumber).toMatch(/^安金〔2021〕1号$/);
      expect((await kindsIn(policeDrafter)).map((n: { kind: string }) => n.kind)).toContain('co-opinion.received');
      const member = await t.as(c.username('yuanyuan'));
      expect((await kindsIn(member)).map((n: { kind: string }) => n.kind)).not.toContain('reply.received');
      expect((await proposalOf(proposalId)).status).toBe('in_handling');
      const coAfter = (await staff.get(`/api/assignments/${co.id}`)).body;
      expect(coAfter).toMatchObject({ status: 'replied', dueStatus: 'met' });
      const answerByCo = await financeDrafter.post(`/api/assignments/${co.id}/replies`, { body: '再来一份' });
      expect([answerByCo.status, answerByCo.body.code]).toEqual([409, 'ASSIGNMENT_NOT_ACCEPTED']);
    });

    it('lets the lead unit’s answer go to sign-off once the opinion is in', async () => {
      const submitted = await policeDrafter.post(`/api/replies/${leadReply.id}/submit`, { version: leadReply.version });
      expect([submitted.status, submitted.body.status]).toEqual([200, 'awaiting_signoff']);
      leadReply = submitted.body;
    });

    it('copies the sent answer to the co-unit, who may read it (and is recorded as having read it)', async () => {
      expect((await financeDrafter.get(`/api/replies/${leadReply.id}`)).status).toBe(404);
      const signed = (await policeLeader.post(`/api/replies/${leadReply.id}/sign-off`, { version: leadReply.version, disclosure: 'full' })).body;
      expect((await policeDrafter.post(`/api/replies/${leadReply.id}/dispatch`, { version: signed.version })).status).toBe(200);
      const copied = (await kindsIn(financeDrafter)).find((n: { kind: string; title: string }) => n.kind === 'reply.copied');
      expect(copied.title).toContain('答复');
      const read = await financeDrafter.get(`/api/replies/${leadReply.id}`);
      expect([read.status, read.body.kind]).toEqual([200, 'answer']);
      const [copy] = await t.dataSource.query('SELECT read_at FROM reply_copies WHERE reply_id = $1 AND unit_id = $2', [leadReply.id, c.unitIds.finance]);
      expect(copy.read_at).not.toBeNull();
      expect((await financeDrafter.put(`/api/replies/${leadReply.id}`, { version: signed.version + 1, body: '改' })).status).toBe(403);
    });
  });

  it('lets the committee waive a co-unit’s opinion (免于会签): the co-unit’s assignment ends, the lead answer goes on', async () => {
    const proposal = await s.filed('关于会签豁免测试的提案');
    const [lead, co] = (
      await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] })
    ).body.assignments;
    await policeDrafter.post(`/api/assignments/${lead.id}/accept`, { version: lead.version });
    const draft = (await policeDrafter.post(`/api/assignments/${lead.id}/replies`, { body: '一、办理情况\n正文。', grade: 'B', contactUnitId: c.unitIds.police, contacts: [{ name: '陈丁', phone: '5156739' }] })).body;
    expect((await policeDrafter.post(`/api/replies/${draft.id}/submit`, { version: draft.version })).body.code).toBe('COUNTERSIGN_MISSING');
    expect((await policeDrafter.post(`/api/assignments/${co.id}/waive-countersign`, { version: co.version, reason: '与本单位职责无关' })).status).toBe(403);
    const notCo = await staff.post(`/api/assignments/${lead.id}/waive-countersign`, { version: 2, reason: '与本单位职责无关' });
    expect([notCo.status, notCo.body.code]).toEqual([409, 'NOT_A_CO_UNIT']);
    const noReason = await staff.post(`/api/assignments/${co.id}/waive-countersign`, { version: co.version });
    expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['reason']]);
    const waived = await staff.post(`/api/assignments/${co.id}/waive-countersign`, { version: co.version, reason: '金融工作局已书面说明无补充意见' });
    expect(waived.status).toBe(200);
    expect(waived.body.status).toBe('closed');
    expect(waived.body.deadlines.every((d: { status: string }) => d.status === 'cancelled')).toBe(true);
    expect((await kindsIn(financeDrafter)).map((n: { kind: string }) => n.kind)).toContain('assignment.countersign-waived');
    const submitted = await policeDrafter.post(`/api/replies/${draft.id}/submit`, { version: draft.version });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'awaiting_signoff']);
    const trail = (await staff.get(`/api/audit/${co.id}`)).body.map((e: { action: string }) => e.action);
    expect(trail).toContain('assignment.waive');
  });

  it('分办: each unit answers separately; the proposal is replied with the last answer, rated answer by answer', async () => {
    const proposal = await s.filed('关于加强金融消费者权益保护的提案');
    const response = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, separateUnitIds: [c.unitIds.police, c.unitIds.finance] });
    expect(response.status).toBe(201);
    const [police, finance] = response.body.assignments;
    expect([police.role, finance.role, police.dueKind, finance.dueKind]).toEqual(['separate', 'separate', 'reply', 'reply']);
    await policeDrafter.post(`/api/assignments/${police.id}/accept`, { version: police.version });
    expect((await proposalOf(proposal.id)).status).toBe('in_handling');
    await financeDrafter.post(`/api/assignments/${finance.id}/accept`, { version: finance.version });
    const first = await answer(police.id, policeDrafter, policeLeader, c.unitIds.police);
    expect(first).toMatchObject({ kind: 'separate_answer', document: { addressee: '尊敬的袁媛委员：' } });
    expect((await proposalOf(proposal.id)).status).toBe('in_handling');
    await answer(finance.id, financeDrafter, financeLeader, c.unitIds.finance);
    expect((await proposalOf(proposal.id)).status).toBe('replied');
    const member = await t.as(c.username('yuanyuan'));
    const ratings = [];
    for (let i = 0; i < 3; i += 1) {
      ratings.push(await member.post(`/api/proposals/${proposal.id}/feedback`, { satisfaction: 'satisfied', contacted: true, answered: true }));
    }
    expect(ratings.map((r) => r.status)).toEqual([201, 201, 409]);
    expect(new Set(ratings.slice(0, 2).map((r) => r.body.replyId)).size).toBe(2);
  });

  describe('the bulk 交办会', () => {
    it('assigns nothing when one item is refused, and names the item', async () => {
      const a = await s.filed('关于交办会测试甲的提案');
      const b = await s.filed('关于交办会测试乙的提案');
      const notFiled = await s.underReview('关于交办会测试丙的提案');
      const items = [a, b, notFiled].map((p) => ({ proposalId: p.id, version: p.version, leadUnitId: c.unitIds.police }));
      const refused = await staff.post('/api/assignments/bulk', { items });
      expect([refused.status, refused.body.code, refused.body.details.item]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION', 2]);
      expect(refused.body.message).toMatch(/^items\[2\]: /);
      const badUnit = await staff.post('/api/assignments/bulk', { items: [{ ...items[0] }, { ...items[1], leadUnitId: c.unitIds['office-party'] }] });
      expect([badUnit.status, fieldsOf(badUnit.body)]).toEqual([400, ['items[1].leadUnitId']]);
      const twice = await staff.post('/api/assignments/bulk', { items: [items[0], items[0]] });
      expect([twice.status, fieldsOf(twice.body)]).toEqual([400, ['items']]);
      for (const p of [a, b]) expect((await proposalOf(p.id)).status).toBe('filed');
      expect((await staff.get(`/api/assignments?proposalId=${a.id}`)).body.total).toBe(0);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = ANY($1::uuid[]) AND action = 'proposal.assign'`, [[a.id, b.id]]);
      expect(n).toBe(0);

      const done = await staff.post('/api/assignments/bulk', { items: [items[0], { ...items[1], leadUnitId: c.unitIds.finance, coUnitIds: [c.unitIds.police] }] });
      expect(done.status).toBe(201);
      expect(done.body.map((r: { proposalId: string; assignments: Array<{ role: string }> }) => [r.proposalId, r.assignments.map((x) => x.role)])).toEqual([
        [a.id, ['lead']],
        [b.id, ['lead', 'co']],
      ]);
      expect((await staff.get('/api/assignments/bulk')).status).toBe(400);
    });
  });

  describe('adjustment (申请调整)', () => {
    it('reassigns a lead unit when the committee approves: old deadlines cancelled, the new unit starts afresh', async () => {
      t.clock.set(chinaTime('2021-08-05'));
      const proposal = await s.filed('关于规范民间借贷的提案');
      const [assigned] = (await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police })).body.assignments;
      t.clock.set(chinaTime('2021-08-09'));
      const bad = await policeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '短' });
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['reason']]);
      const asked = await policeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '民间借贷监管属金融工作局职责', suggestedUnitIds: [c.unitIds.finance] });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ status: 'pending', unitName: '安阳市公安局', suggestedUnitIds: [c.unitIds.finance] });
      expect((await kindsIn(staff)).map((n: { kind: string }) => n.kind)).toContain('adjustment.requested');
      const twice = await policeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '再申请一次调整' });
      expect([twice.status, twice.body.code]).toEqual([409, 'ADJUSTMENT_PENDING']);
      const accept = await policeDrafter.post(`/api/assignments/${assigned.id}/accept`, { version: assigned.version });
      expect([accept.status, accept.body.code]).toEqual([409, 'ADJUSTMENT_PENDING']);
      const byUnit = await policeLeader.post(`/api/adjustment-requests/${asked.body.id}/approve`, { version: 1, newUnitId: c.unitIds.finance });
      expect(byUnit.status).toBe(403);
      const noUnit = await staff.post(`/api/adjustment-requests/${asked.body.id}/approve`, { version: 1 });
      expect([noUnit.status, fieldsOf(noUnit.body)]).toEqual([400, ['newUnitId']]);
      expect((await financeDrafter.get(`/api/adjustment-requests/${asked.body.id}`)).status).toBe(404);

      const approved = await staff.post(`/api/adjustment-requests/${asked.body.id}/approve`, { version: 1, newUnitId: c.unitIds.finance, note: '同意调整' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '同意调整' });
      const old = (await policeDrafter.get(`/api/assignments/${assigned.id}`)).body;
      expect(old.status).toBe('reassigned');
      expect(old.deadlines.every((d: { status: string }) => d.status === 'cancelled')).toBe(true);
      const [{ planned }] = await t.dataSource.query(
        `SELECT count(*)::int AS planned FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.assignment_id = $1 AND r.status = 'planned'`,
        [assigned.id],
      );
      expect(planned).toBe(0);
      const fresh = (await financeDrafter.get(`/api/assignments/${approved.body.newAssignmentId}`)).body;
      expect(fresh).toMatchObject({ role: 'lead', status: 'assigned', unitName: '安阳市金融工作局', dueDate: '2021-11-09' });
      expect((await kindsIn(policeDrafter)).find((n: { kind: string }) => n.kind === 'adjustment.decided').title).toContain('改由安阳市金融工作局办理');
      const again = await staff.post(`/api/adjustment-requests/${asked.body.id}/reject`, { version: 2, reason: '重复' });
      expect([again.status, again.body.code]).toEqual([409, 'ADJUSTMENT_DECIDED']);
    });

    it('keeps the assignment with the unit when rejected; drops a co-unit without a replacement', async () => {
      t.clock.set(chinaTime('2021-08-05'));
      const proposal = await s.filed('关于推进普惠金融发展的提案');
      const [lead, co] = (
        await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.finance, coUnitIds: [c.unitIds.police] })
      ).body.assignments;
      const askLead = await financeDrafter.post(`/api/assignments/${lead.id}/adjustment-requests`, { reason: '涉及多个部门职责' });
      const rejected = await staff.post(`/api/adjustment-requests/${askLead.body.id}/reject`, { version: 1, reason: '金融工作局牵头更合适' });
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '金融工作局牵头更合适' });
      const accepted = await financeDrafter.post(`/api/assignments/${lead.id}/accept`, { version: lead.version });
      expect(accepted.status).toBe(200);

      t.clock.set(chinaTime('2021-08-06'));
      const askCo = await policeDrafter.post(`/api/assignments/${co.id}/adjustment-requests`, { reason: '本单位与该提案无直接关联' });
      const dropped = await staff.post(`/api/adjustment-requests/${askCo.body.id}/approve`, { version: 1 });
      expect(dropped.body).toMatchObject({ status: 'approved', newAssignmentId: null });
      const active = (await staff.get(`/api/assignments?proposalId=${proposal.id}`)).body.items.filter((a: { status: string }) => a.status !== 'reassigned');
      expect(active.map((a: { unitName: string; role: string }) => [a.unitName, a.role])).toEqual([['安阳市金融工作局', 'lead']]);
      const pending = (await staff.get('/api/adjustment-requests?status=pending')).body;
      expect(pending.items.map((r: { id: string }) => r.id)).not.toContain(askCo.body.id);
      const times = async (sort: string) => (await staff.get(`/api/adjustment-requests?sort=${sort}`)).body.items.map((r: { requestedAt: string }) => r.requestedAt);
      const oldestFirst = await times('requestedAt');
      expect(oldestFirst.length).toBeGreaterThanOrEqual(3);
      expect(oldestFirst).toEqual([...oldestFirst].sort());
      expect(await times('-requestedAt')).toEqual([...oldestFirst].reverse());
    });

    it('accepts no request after the window, nor once accepted', async () => {
      t.clock.set(chinaTime('2021-08-05'));
      const proposal = await s.filed('关于窗口期测试的提案');
      const [assigned] = (await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police })).body.assignments;
      t.clock.set(chinaTime('2021-08-13'));
      const late = await policeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '不属于本单位职责' });
      expect([late.status, late.body.code]).toEqual([409, 'ADJUSTMENT_WINDOW_CLOSED']);
      await policeDrafter.post(`/api/assignments/${assigned.id}/accept`, { version: assigned.version });
      const accepted = await policeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '不属于本单位职责' });
      expect([accepted.status, accepted.body.code]).toEqual([409, 'ADJUSTMENT_NOT_OPEN']);
      const stranger = await financeDrafter.post(`/api/assignments/${assigned.id}/adjustment-requests`, { reason: '不属于本单位职责' });
      expect(stranger.status).toBe(404);
      t.clock.set(chinaTime('2021-08-05'));
    });
  });

  describe('unit recommendation', () => {
    it('ranks units from similar past assignments and remits, with reasons, exactly as the evaluated ranking does', async () => {
      const admin = { userId: c.userId('anyang-admin'), committeeId: c.committeeId };
      const history = HISTORY_PROPOSALS.slice(0, 120);
      const imported = await importProposalHistory({ imports: t.app.get(ImportsService), dataSource: t.dataSource, org: orgServicesOf(t.app) }, admin, [c.userId('yuanyuan')], {
        name: `政协十三届安阳市委员会三次会议-${c.tag}`,
        term: 13,
        meeting: 3,
        year: 2020,
        plenaryStart: '2020-05-11',
        plenaryEnd: '2020-05-14',
      }, history);
      const title = '关于加强中小学生近视防控的提案';
      const body = '一、情况分析\n我市中小学生近视率逐年上升，课业负担和电子产品使用是主要原因。\n二、具体建议\n（一）保证学生每天户外活动时间；（二）定期开展视力筛查。';
      const proposal = await s.filed(title, body);
      const response = await staff.get(`/api/proposals/${proposal.id}/recommended-units`);
      expect(response.status).toBe(200);
      expect(response.body.lead[0]).toMatchObject({ unitName: expect.any(String), reasons: expect.arrayContaining([expect.stringMatching(/^(相似提案|职责关键词)/)]) });

      // The service's SQL neighbours and the pure ranking agree with the evaluated (in-memory) computation.
      const terms = { titleTerms: termHashes(title), bodyTerms: termHashes(body) };
      const neighbours = history
        .map((p, i) => ({ p, i, score: proposalSimilarity(terms, { titleTerms: termHashes(p.title), bodyTerms: termHashes(p.body) }) }))
        .filter(({ score }) => score >= NEIGHBOURS.minScore)
        .sort((x, y) => y.score - x.score)
        .slice(0, NEIGHBOURS.limit);
      expect(response.body.neighbours.map((n: { id: string }) => n.id)).toEqual(neighbours.map(({ i }) => imported.proposalIds[i]));
      const units = (await staff.get('/api/units?kind=handling')).body.map((u: { id: string; name: string; remitKeywords: string[] }) => ({ id: u.id, name: u.name, remitKeywords: u.remitKeywords }));
      const expected = recommendUnits(
        { title, body },
        neighbours.map(({ p, i, score }) => ({
          number: i + 1,
          title: p.title,
          similarity: Math.round(score * 100) / 100,
          units: [{ unitId: imported.unitIds[p.lead], role: AssignmentRole.Lead }, ...p.co.map((key) => ({ unitId: imported.unitIds[key], role: AssignmentRole.Co }))],
        })),
        units,
      );
      expect(response.body.lead.map((u: { unitId: string }) => u.unitId)).toEqual(expected.lead.map((u) => u.unitId));
      expect(response.body.co.map((u: { unitId: string }) => u.unitId)).toEqual(expected.co.map((u) => u.unitId));
      expect(response.body.lead[0].unitId).toBe(imported.unitIds.education);
      expect((await policeDrafter.get(`/api/proposals/${proposal.id}/recommended-units`)).status).toBe(403);
    });
  });
});
