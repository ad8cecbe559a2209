import { ANYANG_PROPOSAL_365, chinaTime, LANZHOU } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * The committee's review outcomes over HTTP: 并案 (merge), 转为意见建议, 不予立案 with a ground from the
 * committee's configurable list — each told to the proposers with its reason, each final.
 */
describe('review outcomes', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let lifang: UserClient;
  let admin: UserClient;
  const users: Record<string, string> = {};

  const inboxOf = async (client: UserClient, kind: string) =>
    (await client.get('/api/notifications?limit=100')).body.items.filter((n: { kind: string }) => n.kind === kind).map((n: { title: string }) => n.title);

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    users.lifang = await s.addUser('lifang', '李芳', Role.Member);
    users.zhaoyang = await s.addUser('zhaoyang', '赵阳', Role.Member);
    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    lifang = await t.as(c.username('lifang'));
    admin = await t.as(c.username('anyang-admin'));
  });

  afterAll(() => t.close());

  describe('merging (并案)', () => {
    let target: { id: string; version: number; number: number };
    let merged: { id: string; version: number };

    beforeAll(async () => {
      target = (await s.filed()) as typeof target;
      // 李芳's proposal on the same matter, co-signed by 赵阳, is under review.
      const lifangActor = await s.actor('lifang');
      let draft = await s.proposals.create(lifangActor, { sessionId: c.sessionId, title: '关于打击金融理财诈骗保护群众财产的提案', body: ANYANG_PROPOSAL_365.body });
      draft = await s.cosigning.open(lifangActor, draft.id, draft.version, chinaTime('2021-03-01'), [users.zhaoyang]);
      await s.cosigning.respond(await s.actor('zhaoyang'), draft.id, true);
      draft = await s.proposals.submit(lifangActor, draft.id, draft.version);
      merged = await s.proposals.startReview(await s.actor('anyang-staff'), draft.id, draft.version);
    });

    it('refuses a target that is not filed, itself, or another committee’s, changing nothing', async () => {
      const unfiled = await s.underReview('关于另一件事情的提案');
      const notFiled = await staff.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: unfiled.id, reason: '同一事项' });
      expect([notFiled.status, notFiled.body.code]).toEqual([409, 'MERGE_TARGET_NOT_FILED']);
      const itself = await staff.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: merged.id, reason: '同一事项' });
      expect([itself.status, fieldsOf(itself.body)]).toEqual([400, ['targetProposalId']]);
      const lanzhou = new Scenario(t, await t.committee(LANZHOU));
      const wangfang = await lanzhou.actor('wangfang');
      const foreign = await lanzhou.proposals.create(wangfang, { sessionId: lanzhou.c.sessionId, title: '关于兰州的一件提案', body: ANYANG_PROPOSAL_365.body });
      const elsewhere = await staff.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: foreign.id, reason: '同一事项' });
      expect([elsewhere.status, fieldsOf(elsewhere.body)]).toEqual([400, ['targetProposalId']]);
      const noReason = await staff.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: target.id });
      expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['reason']]);
      const byMember = await lifang.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: target.id, reason: '同一事项' });
      expect(byMember.status).toBe(403);
      expect((await staff.get(`/api/proposals/${merged.id}`)).body).toMatchObject({ status: 'under_review', mergedIntoId: null, version: merged.version });
    });

    it('merges into a filed proposal: history kept, proposers joined, both findable, everyone told why', async () => {
      const response = await staff.post(`/api/proposals/${merged.id}/merge`, { version: merged.version, targetProposalId: target.id, reason: '与第1号提案反映同一问题' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'merged', mergedIntoId: target.id, number: null });
      const after = (await staff.get(`/api/proposals/${target.id}`)).body;
      expect(after.mergedFrom).toEqual([{ id: merged.id, title: '关于打击金融理财诈骗保护群众财产的提案' }]);
      expect(after.proposers.map((p: { userId: string; role: string; viaProposalId: string | null }) => [p.userId, p.role, p.viaProposalId])).toEqual([
        [c.userId('yuanyuan'), 'lead', null],
        [users.lifang, 'co_signer', merged.id],
        [users.zhaoyang, 'co_signer', merged.id],
      ]);
      expect((await staff.get(`/api/proposals?mergedIntoId=${target.id}`)).body.items.map((p: { id: string }) => p.id)).toEqual([merged.id]);
      expect((await staff.get('/api/proposals?q=保护群众财产')).body.items.map((p: { id: string }) => p.id)).toEqual([merged.id]);
      expect((await lifang.get(`/api/proposals/${target.id}`)).status).toBe(200);
      expect(await inboxOf(lifang, 'proposal.merged')).toEqual([expect.stringContaining('与第1号提案反映同一问题')]);
      const trail = await staff.get(`/api/audit/${merged.id}`);
      expect(trail.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['proposal.created', 'proposal.submit', 'proposal.merge']));
      const [decision] = (await staff.get(`/api/proposals/${merged.id}/review-decisions`)).body;
      expect(decision).toMatchObject({ outcome: 'merged', targetProposalId: target.id, reasonText: '与第1号提案反映同一问题' });
    });

    it('lets the unit handling the target read the merged proposal, which can never be filed itself', async () => {
      const current = (await staff.get(`/api/proposals/${target.id}`)).body;
      await staff.post(`/api/proposals/${target.id}/assignments`, { version: current.version, leadUnitId: c.unitIds.police });
      const drafter = await t.as(c.username('chending'));
      expect((await drafter.get(`/api/proposals/${merged.id}`)).body.title).toBe('关于打击金融理财诈骗保护群众财产的提案');
      const again = await staff.post(`/api/proposals/${merged.id}/file`, { version: (await staff.get(`/api/proposals/${merged.id}`)).body.version });
      expect([again.status, again.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);
    });
  });

  it('turns a proposal into an opinion (转为意见建议) with the reason told', async () => {
    const proposal = await s.underReview('关于举办本地美食节的提案');
    const response = await staff.post(`/api/proposals/${proposal.id}/to-opinion`, { version: proposal.version, reason: '属于具体事务性建议，转有关部门参考' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('to_opinion');
    expect(await inboxOf(member, 'proposal.to-opinion')).toEqual([expect.stringContaining('转有关部门参考')]);
    const again = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: response.body.version, reasonCode: 'no-suggestion' });
    expect([again.status, again.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);
  });

  describe('not filing (不予立案)', () => {
    it('takes a ground from the default list, and says which grounds there are when it is wrong', async () => {
      const grounds = (await member.get('/api/code-tables/not-filed-reason')).body;
      expect(grounds).toContainEqual({ code: 'no-suggestion', label: '内容空泛，没有具体建议' });
      const proposal = await s.underReview('关于一些想法的提案');
      const unknown = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: proposal.version, reasonCode: 'boring' });
      expect([unknown.status, fieldsOf(unknown.body)]).toEqual([400, ['reasonCode']]);
      expect(unknown.body.message).toContain('no-suggestion');
      const other = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: proposal.version, reasonCode: 'other' });
      expect([other.status, fieldsOf(other.body)]).toEqual([400, ['reasonText']]);
      expect((await staff.get(`/api/proposals/${proposal.id}`)).body.status).toBe('under_review');
      const response = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: proposal.version, reasonCode: 'no-suggestion', reasonText: '未提出可操作的建议' });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('not_filed');
      const [decision] = (await member.get(`/api/proposals/${proposal.id}/review-decisions`)).body;
      expect(decision).toMatchObject({ outcome: 'not_filed', reasonCode: 'no-suggestion', reasonLabel: '内容空泛，没有具体建议', reasonText: '未提出可操作的建议' });
      expect(await inboxOf(member, 'proposal.not-filed')).toContainEqual(expect.stringContaining('内容空泛，没有具体建议（未提出可操作的建议）'));
    });

    it('follows the committee’s own list once its administrator sets one (audited)', async () => {
      const refused = await staff.put('/api/admin/code-tables/not-filed-reason', { entries: [{ code: 'local', label: '不属于本级政协受理范围' }] });
      expect(refused.status).toBe(403);
      const duplicate = await admin.put('/api/admin/code-tables/not-filed-reason', { entries: [{ code: 'a', label: '甲' }, { code: 'a', label: '乙' }] });
      expect([duplicate.status, fieldsOf(duplicate.body)]).toEqual([400, ['entries']]);
      const set = await admin.put('/api/admin/code-tables/not-filed-reason', { entries: [{ code: 'local', label: '不属于本级政协受理范围' }] });
      expect(set.status).toBe(200);
      expect(set.body).toEqual([{ code: 'local', label: '不属于本级政协受理范围' }]);
      const proposal = await s.underReview('关于国家层面立法的提案');
      const old = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: proposal.version, reasonCode: 'no-suggestion' });
      expect([old.status, fieldsOf(old.body)]).toEqual([400, ['reasonCode']]);
      const ok = await staff.post(`/api/proposals/${proposal.id}/not-file`, { version: proposal.version, reasonCode: 'local' });
      expect(ok.status).toBe(200);
      const trail = await admin.get(`/api/audit/${c.committeeId}`);
      expect(trail.body.map((e: { action: string }) => e.action)).toContain('code-table.replaced');
      const restored = await admin.put('/api/admin/code-tables/not-filed-reason', { entries: [] });
      expect(restored.body.map((g: { code: string }) => g.code)).toContain('no-suggestion');
    });
  });
});
