import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * Intake over HTTP: drafting (parts, category from the code table, suggested units, 集体提案), editing,
 * proxy entry (代录), co-signing (联名) with its deadline, similar proposals, and withdrawal (撤案) —
 * each refusal a clear 4xx that changes nothing.
 */
describe('intake: drafting, co-signing, similar proposals, withdrawal', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let member: UserClient;
  let lifang: UserClient;
  let zhaoyang: UserClient;
  let staff: UserClient;
  let drafter: UserClient;
  const ids: Record<string, string> = {};

  const expectError = (response: { status: number; body: { code?: string; details?: { fields?: Array<{ field: string }> } } }, status: number, field?: string) => {
    expect(response.status).toBe(status);
    if (field) expect(response.body.details?.fields?.map((f) => f.field)).toContain(field);
  };
  const countRows = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    ids.lifang = await s.addUser('lifang', '李芳', Role.Member);
    ids.zhaoyang = await s.addUser('zhaoyang', '赵阳', Role.Member);
    member = await t.as(c.username('yuanyuan'));
    lifang = await t.as(c.username('lifang'));
    zhaoyang = await t.as(c.username('zhaoyang'));
    staff = await t.as(c.username('anyang-staff'));
    drafter = await t.as(c.username('chending'));
  });

  afterAll(() => t.close());

  it('drafts from 情况分析 and 具体建议, with a category of the committee and suggested units', async () => {
    const response = await member.post('/api/proposals', {
      sessionId: c.sessionId,
      title: '关于加强校园周边交通安全管理的提案',
      analysis: '部分学校门口上下学时段车辆乱停、人车混行，存在安全隐患。',
      suggestions: '（一）设置护学岗；（二）划定临时停车区；（三）加强交通安全教育。',
      category: '交通',
      suggestedUnitIds: [c.unitIds.police],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'draft',
      category: '交通',
      suggestedUnitIds: [c.unitIds.police],
      analysis: '部分学校门口上下学时段车辆乱停、人车混行，存在安全隐患。',
      group: null,
    });
    expect(response.body.body).toBe(
      '一、情况分析\n部分学校门口上下学时段车辆乱停、人车混行，存在安全隐患。\n二、具体建议\n（一）设置护学岗；（二）划定临时停车区；（三）加强交通安全教育。',
    );
    ids.school = response.body.id;
  });

  it('refuses bad content by field and stores nothing', async () => {
    const base = { sessionId: c.sessionId, title: '关于某事项的提案' };
    expectError(await member.post('/api/proposals', { ...base, body: '正文内容足够长了吧。', category: '体育' }), 400, 'category');
    expectError(await member.post('/api/proposals', base), 400, 'body');
    expectError(await member.post('/api/proposals', { ...base, body: '正文内容足够长了吧。', analysis: '分析内容。' }), 400, 'body');
    expectError(await member.post('/api/proposals', { ...base, analysis: '分析内容够长。' }), 400, 'suggestions');
    expectError(await member.post('/api/proposals', { ...base, body: '正文内容足够长了吧。', suggestedUnitIds: [c.unitIds['office-party']] }), 400, 'suggestedUnitIds');
    expectError(await member.post('/api/proposals', { ...base, body: '正文内容足够长了吧。', group: { kind: 'club', name: '某俱乐部' } }), 400, 'group.kind');
    const bad = await member.get('/api/code-tables/categories');
    expectError(bad, 400, 'table');
    expect(await countRows(`SELECT count(*)::int AS n FROM proposals WHERE title = '关于某事项的提案'`, [])).toBe(0);
    const categories = await member.get('/api/code-tables/category');
    expect(categories.body.map((entry: { code: string }) => entry.code)).toContain('交通');
  });

  it('lets only the lead proposer edit a draft, at the version read; staff cannot even see a member’s draft', async () => {
    const edited = await member.patch(`/api/proposals/${ids.school}`, { version: 1, title: '关于加强中小学校园周边交通安全管理的提案' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: '关于加强中小学校园周边交通安全管理的提案', category: '交通' });
    expect(edited.body.analysis).toBe('部分学校门口上下学时段车辆乱停、人车混行，存在安全隐患。');
    expectError(await member.patch(`/api/proposals/${ids.school}`, { version: 1, category: '教育' }), 409);
    expectError(await lifang.patch(`/api/proposals/${ids.school}`, { version: 2, category: '教育' }), 404);
    expectError(await staff.patch(`/api/proposals/${ids.school}`, { version: 2, category: '教育' }), 404);
    expectError(await drafter.patch(`/api/proposals/${ids.school}`, { version: 2, category: '教育' }), 403);
    expect((await member.get(`/api/proposals/${ids.school}`)).body).toMatchObject({ version: 2, category: '交通' });
  });

  it('records proxy entry (代录) by staff, who may then edit and submit it for the member', async () => {
    const entered = await staff.post('/api/proposals', {
      sessionId: c.sessionId,
      title: '关于规范校外培训机构收费的提案',
      body: '一、情况分析\n部分校外培训机构预收费用过高，退费难。\n二、具体建议\n建立预收费资金监管制度。',
      onBehalfOfUserId: c.userId('yuanyuan'),
    });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ enteredByUserId: c.userId('anyang-staff'), proposers: [{ userId: c.userId('yuanyuan'), role: 'lead' }] });
    const edited = await staff.patch(`/api/proposals/${entered.body.id}`, { version: 1, category: '教育' });
    expect(edited.status).toBe(200);
    expect((await member.get(`/api/proposals/${entered.body.id}`)).body.category).toBe('教育');
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_entries WHERE entity_id = $1 AND action = 'proposal.created'`, [entered.body.id]);
    expect(audit.after).toMatchObject({ proxy: true, proposerId: c.userId('yuanyuan') });
    expectError(await staff.post('/api/proposals', { sessionId: c.sessionId, title: '关于代录测试的提案', body: '正文内容足够长了吧。', onBehalfOfUserId: c.userId('chending') }), 400);
  });

  it('takes a collective proposal (集体提案) in the name of a party, findable as such', async () => {
    const response = await member.post('/api/proposals', {
      sessionId: c.sessionId,
      title: '关于促进民营经济高质量发展的提案',
      body: '一、情况分析\n民营企业融资难、融资贵问题仍然突出。\n二、具体建议\n完善融资担保体系。',
      group: { kind: 'party', name: '民盟安阳市委' },
    });
    expect(response.status).toBe(201);
    expect(response.body.group).toEqual({ kind: 'party', name: '民盟安阳市委' });
    const collective = await member.get('/api/proposals?collective=true');
    expect(collective.body.items.map((p: { id: string }) => p.id)).toEqual([response.body.id]);
    const own = await member.get('/api/proposals?collective=false&sort=title');
    expect(own.body.items.map((p: { id: string }) => p.id)).not.toContain(response.body.id);
  });

  describe('co-signing (联名)', () => {
    beforeAll(async () => {
      const draft = await member.post('/api/proposals', {
        sessionId: c.sessionId,
        title: '关于严厉打击电信网络诈骗的提案',
        body: '一、情况分析\n电信网络诈骗案件多发，群众损失严重。\n二、具体建议\n加强部门协作，开展反诈宣传。',
      });
      ids.fraud = draft.body.id;
    });

    it('opens with a deadline and invitations to members only; invitees see the draft', async () => {
      const deadline = '2021-03-01T18:00:00+08:00';
      expectError(await member.post(`/api/proposals/${ids.fraud}/cosigning`, { version: 1, deadline: '2021-02-01T00:00:00+08:00', inviteeUserIds: [ids.lifang] }), 400, 'deadline');
      expectError(await member.post(`/api/proposals/${ids.fraud}/cosigning`, { version: 1, deadline, inviteeUserIds: [c.userId('chending')] }), 400, 'inviteeUserIds[0]');
      expectError(await member.post(`/api/proposals/${ids.fraud}/cosigning`, { version: 1, deadline, inviteeUserIds: [c.userId('yuanyuan')] }), 400, 'inviteeUserIds[0]');
      expect((await member.get(`/api/proposals/${ids.fraud}`)).body.status).toBe('draft');
      expectError(await lifang.get(`/api/proposals/${ids.fraud}`), 404);

      const opened = await member.post(`/api/proposals/${ids.fraud}/cosigning`, { version: 1, deadline, inviteeUserIds: [ids.lifang, ids.zhaoyang] });
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ status: 'cosigning', cosignDeadline: '2021-03-01T10:00:00.000Z' });
      expect((await lifang.get(`/api/proposals/${ids.fraud}`)).body.title).toBe('关于严厉打击电信网络诈骗的提案');
      const inbox = await lifang.get('/api/notifications');
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('cosign.invited');
      const mine = await lifang.get('/api/cosign-invitations?status=invited');
      expect(mine.body).toMatchObject({ total: 1, items: [{ proposalId: ids.fraud, status: 'invited' }] });
      expectError(await member.post(`/api/proposals/${ids.fraud}/cosign-invitations`, { inviteeUserIds: [ids.lifang] }), 400, 'inviteeUserIds[0]');
    });

    it('counts acceptances before the deadline; a co-signed text is frozen', async () => {
      const accepted = await lifang.post(`/api/proposals/${ids.fraud}/cosign`, { accept: true });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', userId: ids.lifang });
      const proposal = (await member.get(`/api/proposals/${ids.fraud}`)).body;
      expect(proposal.proposers.map((p: { userId: string; role: string }) => [p.userId, p.role])).toEqual([
        [c.userId('yuanyuan'), 'lead'],
        [ids.lifang, 'co_signer'],
      ]);
      expect((await member.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)).toContain('cosign.accepted');
      expectError(await member.patch(`/api/proposals/${ids.fraud}`, { version: proposal.version, title: '关于打击电信诈骗的提案' }), 409);
      const category = await member.patch(`/api/proposals/${ids.fraud}`, { version: proposal.version, category: '政法' });
      expect(category.status).toBe(200);
      expectError(await drafter.post(`/api/proposals/${ids.fraud}/cosign`, { accept: true }), 403);
      expectError(await staff.post(`/api/proposals/${ids.fraud}/cosign`, { accept: true }), 403);
    });

    it('does not count an answer after the deadline, and freezes the list at submission', async () => {
      t.clock.set(chinaTime('2021-03-02'));
      const late = await zhaoyang.post(`/api/proposals/${ids.fraud}/cosign`, { accept: true });
      expect([late.status, late.body.code]).toEqual([409, 'COSIGN_DEADLINE_PASSED']);
      const before = (await member.get(`/api/proposals/${ids.fraud}`)).body;
      const submitted = await member.post(`/api/proposals/${ids.fraud}/submit`, { version: before.version });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', kind: 'interim' });
      expect(submitted.body.proposers).toHaveLength(2);
      const invitations = (await member.get(`/api/proposals/${ids.fraud}/cosign-invitations`)).body;
      expect(invitations.map((i: { userId: string; status: string }) => [i.userId, i.status]).sort()).toEqual(
        [
          [ids.lifang, 'accepted'],
          [ids.zhaoyang, 'lapsed'],
        ].sort(),
      );
      const closed = await lifang.post(`/api/proposals/${ids.fraud}/cosign`, { accept: false });
      expect([closed.status, closed.body.code]).toEqual([409, 'COSIGNING_CLOSED']);
      expect((await member.get(`/api/proposals/${ids.fraud}`)).body.proposers).toHaveLength(2);
      t.clock.set(chinaTime('2021-02-27'));
    });
  });

  describe('similar proposals', () => {
    beforeAll(async () => {
      const filed = await s.filed('关于加强反诈宣传防范电信网络诈骗的提案', '一、情况分析\n电信网络诈骗手段翻新，老年人受骗多。\n二、具体建议\n开展反诈宣传进社区。');
      ids.filedFraud = filed.id;
      const other = await s.filed('关于加快老旧小区改造的提案', '一、情况分析\n老旧小区设施老化。\n二、具体建议\n加快改造进度。');
      ids.filedHousing = other.id;
    });

    it('shows staff earlier proposals that look alike, with a similarity figure, best first', async () => {
      const similar = await staff.get(`/api/proposals/${ids.fraud}/similar`);
      expect(similar.status).toBe(200);
      const found = similar.body.map((p: { id: string }) => p.id);
      expect(found[0]).toBe(ids.filedFraud);
      expect(found).not.toContain(ids.filedHousing);
      expect(found).not.toContain(ids.fraud);
      expect(similar.body[0].similarity).toBeGreaterThan(0.2);
      expect(similar.body[0].similarity).toBeLessThanOrEqual(1);
      expect(similar.body[0]).toMatchObject({ title: '关于加强反诈宣传防范电信网络诈骗的提案', sessionName: c.spec.session.name });
    });

    it('checks a text while drafting; members see only filed proposals of others', async () => {
      const check = await lifang.post('/api/proposals/similar', { sessionId: c.sessionId, title: '关于防范电信诈骗的建议', body: '老年人受骗多，建议加强反诈宣传。' });
      expect(check.status).toBe(200);
      expect(check.body.map((p: { id: string }) => p.id)).toContain(ids.filedFraud);
      expect(check.body.every((p: { number: number | null }) => p.number !== null)).toBe(true);
      expectError(await lifang.post('/api/proposals/similar', { sessionId: c.committeeId, title: '关于防范电信诈骗的建议' }), 400, 'sessionId');
      expectError(await staff.get(`/api/proposals/${ids.fraud}/similar?limit=500`), 400, 'limit');
    });
  });

  describe('withdrawal (撤案)', () => {
    it('is the lead proposer’s, with a reason the proposers are told, and only before filing', async () => {
      const proposal = (await member.get(`/api/proposals/${ids.fraud}`)).body;
      expectError(await lifang.post(`/api/proposals/${ids.fraud}/withdraw`, { version: proposal.version, reason: '不再需要' }), 403);
      expectError(await member.post(`/api/proposals/${ids.fraud}/withdraw`, { version: proposal.version }), 400, 'reason');
      const withdrawn = await member.post(`/api/proposals/${ids.fraud}/withdraw`, { version: proposal.version, reason: '与已立案的第1号提案重复' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      const decisions = await member.get(`/api/proposals/${ids.fraud}/review-decisions`);
      expect(decisions.body).toMatchObject([{ outcome: 'withdrawn', reasonText: '与已立案的第1号提案重复' }]);
      const told = (await lifang.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'proposal.withdrawn');
      expect(told.title).toContain('与已立案的第1号提案重复');
      const filed = (await member.get(`/api/proposals/${ids.filedFraud}`)).body;
      const late = await member.post(`/api/proposals/${ids.filedFraud}/withdraw`, { version: filed.version, reason: '想撤回' });
      expect([late.status, late.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);
    });
  });
});
