import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 内部审核 over HTTP: drafter → reviewers of the unit → signing leader, a return with its reason, a second round. */
describe('internal review of a reply', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let drafter: UserClient;
  let colleague: UserClient;
  let leader: UserClient;
  let financeDrafter: UserClient;

  /** A complete draft of a new accepted assignment of the police. */
  const draft = async () => {
    const { assignment } = await s.accepted();
    return (
      await drafter.post(`/api/assignments/${assignment.id}/replies`, { body: '一、基本情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS })
    ).body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    drafter = await t.as(c.username('chending'));
    colleague = await t.as(c.username('wangpeng'));
    leader = await t.as(c.username('guochengji'));
    financeDrafter = await t.as(c.username('zhaolei'));
  });

  afterAll(() => t.close());

  it('goes to sign-off only when every reviewer of the round has approved', async () => {
    const reply = await draft();
    const path = `/api/replies/${reply.id}`;
    const outsider = await drafter.post(`${path}/send-for-review`, { version: reply.version, reviewerUserIds: [c.userId('wangpeng'), s.c.committeeId] });
    expect([outsider.status, fieldsOf(outsider.body)]).toEqual([400, ['reviewerUserIds[1]']]);
    const self = await drafter.post(`${path}/send-for-review`, { version: reply.version, reviewerUserIds: [c.userId('chending')] });
    expect([self.status, fieldsOf(self.body)]).toEqual([400, ['reviewerUserIds[0]']]);
    const sent = await drafter.post(`${path}/send-for-review`, { version: reply.version, reviewerUserIds: [c.userId('wangpeng'), c.userId('guochengji')] });
    expect([sent.status, sent.body.status]).toEqual([200, 'in_review']);
    expect((await colleague.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind)).toContain('reply.review-requested');

    expect((await drafter.put(path, { version: sent.body.version, body: '改' })).body.code).toBe('REPLY_ILLEGAL_TRANSITION');
    expect((await drafter.post(`${path}/submit`, { version: sent.body.version })).body.code).toBe('REPLY_ILLEGAL_TRANSITION');
    expect((await leader.post(`${path}/sign-off`, { version: sent.body.version, disclosure: 'full' })).body.code).toBe('REPLY_ILLEGAL_TRANSITION');

    expect((await colleague.post(`${path}/review`, { approve: true, note: '同意' })).body.status).toBe('in_review');
    const twice = await colleague.post(`${path}/review`, { approve: true });
    expect([twice.status, twice.body.code]).toEqual([403, 'NOT_A_REVIEWER']);
    expect((await drafter.post(`${path}/review`, { approve: true })).body.code).toBe('NOT_A_REVIEWER');
    expect((await financeDrafter.post(`${path}/review`, { approve: true })).status).toBe(404);

    const approved = await leader.post(`${path}/review`, { approve: true });
    expect([approved.status, approved.body.status]).toEqual([200, 'awaiting_signoff']);
    const signed = await leader.post(`${path}/sign-off`, { version: approved.body.version, disclosure: 'full' });
    expect([signed.status, signed.body.status]).toEqual([200, 'signed']);
    const rounds = (await leader.get(`${path}/reviews`)).body;
    expect(rounds.map((r: { round: number; reviewerName: string; decision: string }) => [r.round, r.reviewerName, r.decision])).toEqual([
      [1, '王鹏', 'approved'],
      [1, '郭成吉', 'approved'],
    ]);
  });

  it('comes back to the drafter with the reviewer’s reason, and starts a new round when sent again', async () => {
    const reply = await draft();
    const path = `/api/replies/${reply.id}`;
    const sent = await drafter.post(`${path}/send-for-review`, { version: reply.version, reviewerUserIds: [c.userId('wangpeng'), c.userId('guochengji')] });
    const noReason = await colleague.post(`${path}/review`, { approve: false });
    expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['note']]);
    const returned = await colleague.post(`${path}/review`, { approve: false, note: '第一部分的数据请核实' });
    expect(returned.body).toMatchObject({ status: 'drafting', returnReason: '第一部分的数据请核实' });
    expect((await leader.post(`${path}/review`, { approve: true })).body.code).toBe('REPLY_ILLEGAL_TRANSITION');
    const again = await drafter.post(`${path}/send-for-review`, { version: returned.body.version, reviewerUserIds: [c.userId('guochengji')] });
    expect([again.status, sent.status]).toEqual([200, 200]);
    const rounds = (await drafter.get(`${path}/reviews`)).body;
    expect(rounds.map((r: { round: number; reviewerName: string; decision: string }) => [r.round, r.reviewerName, r.decision])).toEqual([
      [1, '王鹏', 'returned'],
      [1, '郭成吉', 'returned'],
      [2, '郭成吉', 'pending'],
    ]);
    expect((await financeDrafter.get(`${path}/reviews`)).status).toBe(404);
  });
});
