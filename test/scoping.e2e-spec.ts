import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Row-level scoping in lists: each role sees exactly its rows, and never another committee's. */
describe('who sees what', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let ids: { draftOfOther: string; assignedToPolice: string; assignedToFinance: string };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    const admin = await t.as(c.username('anyang-admin'));
    await admin.post('/api/admin/users', {
      username: `lifang-${c.tag}`,
      displayName: '李芳',
      password: 'cppcc-demo-2026',
      memberships: [{ role: 'member' }],
    });
    await admin.post('/api/admin/users', {
      username: `zhaolei-${c.tag}`,
      displayName: '赵磊',
      password: 'cppcc-demo-2026',
      memberships: [{ role: 'drafter', unitId: c.unitIds.finance }],
    });
    const other = await s.actor('lifang');
    const draft = await s.proposals.create(other, { sessionId: c.sessionId, title: '关于李芳委员草稿的提案', body: '一、情况分析\n正文内容。' });
    const police = (await s.accepted()).proposal;
    const finance = await s.filed('关于金融监管的提案');
    await s.assigning.assign(await s.actor('anyang-staff'), finance.id, { version: finance.version, leadUnitId: c.unitIds.finance });
    ids = { draftOfOther: draft.id, assignedToPolice: police.id, assignedToFinance: finance.id };
    await t.committee(); // a neighbouring committee with its own users and data
  });
  afterAll(() => t.close());

  const titlesOf = async (username: string) => {
    const client = await t.as(username);
    const response = await client.get('/api/proposals?limit=100');
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string }>).map((p) => p.id).sort();
  };

  it('members see their own proposals only', async () => {
    expect(await titlesOf(c.username('yuanyuan'))).toEqual([ids.assignedToPolice, ids.assignedToFinance].sort());
    expect(await titlesOf(`lifang-${c.tag}`)).toEqual([ids.draftOfOther]);
  });

  it('units see the proposals assigned to them only', async () => {
    expect(await titlesOf(c.username('chending'))).toEqual([ids.assignedToPolice]);
    expect(await titlesOf(`zhaolei-${c.tag}`)).toEqual([ids.assignedToFinance]);
    const drafter = await t.as(`zhaolei-${c.tag}`);
    const assignments = await drafter.get('/api/assignments');
    expect(assignments.body.items.map((a: { unitName: string }) => a.unitName)).toEqual(['安阳市金融工作局']);
  });

  it('offices see nothing until a reply is copied to them', async () => {
    expect(await titlesOf(c.username('anyang-swb'))).toEqual([]);
  });

  it('committee staff see the whole committee but a member’s private draft, and nothing of another', async () => {
    expect(await titlesOf(c.username('anyang-staff'))).toEqual([ids.assignedToPolice, ids.assignedToFinance].sort());
    const staff = await t.as(c.username('anyang-staff'));
    expect((await staff.get(`/api/proposals/${ids.draftOfOther}`)).status).toBe(404);
  });

  it('pages and filters lists, rejecting bad paging', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    const page = await staff.get('/api/proposals?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    const assigned = await staff.get('/api/proposals?status=assigned');
    expect(assigned.body.items.map((p: { id: string }) => p.id)).toEqual([ids.assignedToFinance]);
    const bad = await staff.get('/api/proposals?limit=1000');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.message).toContain('limit');
  });
});
