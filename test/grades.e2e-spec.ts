import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** 办理结果: the committee's grade table, A/B/C by default, with its meanings shown to the drafter. */
describe('reply grades', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
  });

  afterAll(() => t.close());

  it('offers A/B/C with their meanings by default, and refuses another code naming the field', async () => {
    const drafter = await t.as(c.username('chending'));
    const grades = (await drafter.get('/api/replies/grades')).body;
    expect(grades.map((g: { code: string }) => g.code)).toEqual(['A', 'B', 'C']);
    expect(grades[0].meaning).toBe('所提问题已经解决或基本解决 / 已采纳');
    const { assignment } = await s.accepted();
    const refused = await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'D' });
    expect([refused.status, refused.body.code, refused.body.details.fields[0].field]).toEqual([400, 'GRADE_UNKNOWN', 'grade']);
    expect(refused.body.message).toContain('A, B, C');
  });

  it('follows a committee that grades A–D once its administrator sets the table', async () => {
    const admin = await t.as(c.username('anyang-admin'));
    const entries = [
      { code: 'A', label: '已解决' },
      { code: 'B', label: '正在解决' },
      { code: 'C', label: '计划解决' },
      { code: 'D', label: '留作参考' },
    ];
    expect((await admin.put('/api/admin/code-tables/reply-grade', { entries })).status).toBe(200);
    const drafter = await t.as(c.username('chending'));
    expect((await drafter.get('/api/code-tables/reply-grade')).body).toEqual(entries);
    const { assignment } = await s.accepted();
    const draft = await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'D' });
    expect([draft.status, draft.body.grade]).toEqual([201, 'D']);
  });
});
