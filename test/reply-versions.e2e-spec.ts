import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** A reply's saved versions over HTTP: listed, compared, commented on — only by the unit and the committee office. */
describe('reply versions, diffs and comments', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let drafter: UserClient;
  let leader: UserClient;
  let staff: UserClient;
  let reply: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    drafter = await t.as(c.username('chending'));
    leader = await t.as(c.username('guochengji'));
    staff = await t.as(c.username('anyang-staff'));
    const { assignment } = await s.accepted();
    const first = await drafter.post(`/api/assignments/${assignment.id}/replies`, {
      body: '一、基本情况\n我市受理案件500起。\n二、下步打算\n加强宣传。',
      grade: 'B',
      contactUnitId: c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
    });
    reply = first.body;
    const second = await drafter.put(`/api/replies/${reply.id}`, { version: reply.version, body: '一、基本情况\n我市受理案件626起。\n二、下步打算\n加强宣传。\n三、其他', grade: 'A' });
    expect(second.status).toBe(200);
    reply = second.body;
  });

  afterAll(() => t.close());

  it('lists every saved draft, the latest marked', async () => {
    const versions = (await drafter.get(`/api/replies/${reply.id}/versions`)).body;
    expect(versions.map((v: { seq: number; grade: string; latest: boolean; authorName: string }) => [v.seq, v.grade, v.latest, v.authorName])).toEqual([
      [1, 'B', false, '陈丁'],
      [2, 'A', true, '陈丁'],
    ]);
  });

  it('compares any two versions: the body line by line, and the fields that changed', async () => {
    const diff = await leader.get(`/api/replies/${reply.id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.body).toEqual([
      { op: 'equal', lines: ['一、基本情况'] },
      { op: 'delete', lines: ['我市受理案件500起。'] },
      { op: 'insert', lines: ['我市受理案件626起。'] },
      { op: 'equal', lines: ['二、下步打算', '加强宣传。'] },
      { op: 'insert', lines: ['三、其他'] },
    ]);
    expect(diff.body.fields).toEqual([{ field: 'grade', from: 'B', to: 'A' }]);
    const missing = await leader.get(`/api/replies/${reply.id}/diff?from=1&to=9`);
    expect([missing.status, missing.body.code, missing.body.details.fields[0].field]).toEqual([404, 'VERSION_NOT_FOUND', 'to']);
    const bad = await leader.get(`/api/replies/${reply.id}/diff?from=one&to=2`);
    expect([bad.status, bad.body.details.fields[0].field]).toEqual([400, 'from']);
  });

  it('takes remarks on a version from the unit’s leader and the committee office, and tells the drafter', async () => {
    const remark = await leader.post(`/api/replies/${reply.id}/versions/1/comments`, { text: '数据请与经侦支队核实', quote: '我市受理案件500起。' });
    expect(remark.status).toBe(201);
    expect(remark.body).toMatchObject({ authorName: '郭成吉', text: '数据请与经侦支队核实', quote: '我市受理案件500起。' });
    const office = await staff.post(`/api/replies/${reply.id}/versions/2/comments`, { text: '办理结果定为A请说明依据' });
    expect(office.status).toBe(201);
    const first = (await drafter.get(`/api/replies/${reply.id}/versions/1`)).body;
    expect(first).toMatchObject({ seq: 1, comments: 1, body: '一、基本情况\n我市受理案件500起。\n二、下步打算\n加强宣传。' });
    expect(first.commentList.map((c: { text: string }) => c.text)).toEqual(['数据请与经侦支队核实']);
    const inbox = (await drafter.get('/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'reply.commented');
    expect(inbox).toHaveLength(2);
    const empty = await leader.post(`/api/replies/${reply.id}/versions/1/comments`, { text: '' });
    expect([empty.status, empty.body.details.fields[0].field]).toEqual([400, 'text']);
    const badSeq = await leader.post(`/api/replies/${reply.id}/versions/first/comments`, { text: '意见' });
    expect([badSeq.status, badSeq.body.details.fields[0].field]).toEqual([400, 'seq']);
  });

  it('keeps working drafts from everyone outside the unit and the committee office', async () => {
    const member = await t.as(c.username('yuanyuan'));
    const otherUnit = await t.as(c.username('zhaolei'));
    const office = await t.as(c.username('anyang-swb'));
    for (const client of [member, otherUnit, office]) {
      expect((await client.get(`/api/replies/${reply.id}/versions`)).status).toBe(404);
      expect((await client.get(`/api/replies/${reply.id}/diff?from=1&to=2`)).status).toBe(404);
    }
    expect((await otherUnit.post(`/api/replies/${reply.id}/versions/1/comments`, { text: '意见' })).status).toBe(404);
    expect((await member.post(`/api/replies/${reply.id}/versions/1/comments`, { text: '意见' })).status).toBe(403);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM reply_version_comments c JOIN reply_versions v ON v.id = c.version_id WHERE v.reply_id = $1',
      [reply.id],
    );
    expect(n).toBe(2);
  });
});
