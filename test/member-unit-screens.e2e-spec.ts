import { randomUUID } from 'node:crypto';
import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * What the member and unit screens of the web app (#7) read beyond the first slice, over HTTP: whom a
 * drafter may name as internal reviewers, the drafts waiting for my review, an office's copies by read
 * state, feedback on a named answer, and the public search's highlights.
 */
describe('the API behind the member and unit screens', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let drafter: UserClient;
  let colleague: UserClient;
  let leader: UserClient;
  let financeDrafter: UserClient;
  let member: UserClient;
  let office: UserClient;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    drafter = await t.as(c.username('chending'));
    colleague = await t.as(c.username('wangpeng'));
    leader = await t.as(c.username('guochengji'));
    financeDrafter = await t.as(c.username('zhaolei'));
    member = await t.as(c.username('yuanyuan'));
    office = await t.as(c.username('anyang-swb'));
  });

  afterAll(() => t.close());

  it('names the reviewers a drafter may choose, and lists the drafts waiting for each reviewer until they decide', async () => {
    const { assignment } = await s.accepted();
    const draft = (await drafter.post(`/api/assignments/${assignment.id}/replies`, { body: '一、基本情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS })).body;
    const path = `/api/replies/${draft.id}`;

    const candidates = (await drafter.get(`${path}/reviewer-candidates`)).body as Array<{ userId: string; displayName: string; roles: string[] }>;
    const byName = new Map(candidates.map((person) => [person.displayName, person.roles]));
    expect([byName.get('王鹏'), byName.get('郭成吉'), byName.has('陈丁'), byName.has('赵磊')]).toEqual([['drafter'], ['leader'], false, false]);
    expect((await financeDrafter.get(`${path}/reviewer-candidates`)).status).toBe(404);
    expect((await member.get(`${path}/reviewer-candidates`)).status).toBe(403);
    expect((await drafter.get('/api/replies/not-a-uuid/reviewer-candidates')).status).toBe(400);

    const waiting = async (client: UserClient) => ((await client.get('/api/replies?awaitingMyReview=true')).body.items as Array<{ id: string }>).map((r) => r.id);
    expect(await waiting(colleague)).not.toContain(draft.id);
    await drafter.post(`${path}/send-for-review`, { version: draft.version, reviewerUserIds: [c.userId('wangpeng'), c.userId('guochengji')] });
    expect([await waiting(colleague), await waiting(leader), await waiting(drafter)]).toEqual([[draft.id], [draft.id], []]);
    expect((await colleague.post(`${path}/review`, { approve: true })).status).toBe(200);
    expect([await waiting(colleague), await waiting(leader)]).toEqual([[], [draft.id]]);
    expect((await leader.post(`${path}/review`, { approve: false, note: '数据请核实' })).body.status).toBe('drafting');
    expect(await waiting(leader)).toEqual([]);
    const bad = await colleague.get('/api/replies?awaitingMyReview=maybe');
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['awaitingMyReview']]);
  });

  it('gives an office its copies by read state, and says when it read each', async () => {
    const { reply } = await s.dispatched();
    const list = async (copyRead: boolean) => (await office.get(`/api/replies?copyRead=${copyRead}&limit=100`)).body.items as Array<{ id: string; copyReadAt: string | null }>;
    const unread = (await list(false)).find((r) => r.id === reply.id);
    expect(unread?.copyReadAt).toBeNull();
    expect((await list(true)).map((r) => r.id)).not.toContain(reply.id);

    const opened = (await office.get(`/api/replies/${reply.id}`)).body;
    expect(opened.copyReadAt).toEqual(expect.any(String));
    expect((await list(false)).map((r) => r.id)).not.toContain(reply.id);
    expect((await list(true)).find((r) => r.id === reply.id)?.copyReadAt).toBe(opened.copyReadAt);
    // not an office: no read state, and no copies of its own to filter
    const asUnit = (await drafter.get(`/api/replies/${reply.id}`)).body;
    expect(asUnit).not.toHaveProperty('copyReadAt');
    expect((await drafter.get('/api/replies?copyRead=false')).body.total).toBe(0);
  });

  it('rates the answer the form names, refuses another proposal’s answer and a second rating of the same one', async () => {
    const { proposal, reply } = await s.dispatched();
    const form = { satisfaction: 'satisfied', attitudeSatisfaction: 'satisfied', contacted: true, contactMethod: 'phone', answered: true };
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM feedback WHERE proposal_id = $1', [proposal.id]))[0].n;

    const stranger = await member.post(`/api/proposals/${proposal.id}/feedback`, { ...form, replyId: randomUUID() });
    expect([stranger.status, fieldsOf(stranger.body)]).toEqual([400, ['replyId']]);
    const notUuid = await member.post(`/api/proposals/${proposal.id}/feedback`, { ...form, replyId: 'first' });
    expect([notUuid.status, fieldsOf(notUuid.body)]).toEqual([400, ['replyId']]);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM feedback WHERE proposal_id = $1', [proposal.id]))[0].n).toBe(before);

    const given = await member.post(`/api/proposals/${proposal.id}/feedback`, { ...form, replyId: reply.id });
    expect([given.status, given.body.replyId]).toEqual([201, reply.id]);
    const again = await member.post(`/api/proposals/${proposal.id}/feedback`, { ...form, replyId: reply.id });
    expect([again.status, again.body.code, again.body.details.replyId]).toEqual([409, 'FEEDBACK_EXISTS', reply.id]);
  });

  it('marks where a public search matched, in what is published only', async () => {
    const { reply } = await s.dispatched();
    const found = (await t.http().get('/api/public/replies').query({ q: '基本情况' })).body.items as Array<{ id: string; highlights: Array<{ field: string; text: string }> }>;
    const mine = found.find((r) => r.id === reply.id);
    expect(mine?.highlights).toEqual([{ field: 'reply', text: expect.stringContaining('<mark>基本情况</mark>') }]);
    const plain = (await t.http().get('/api/public/replies')).body.items as Array<Record<string, unknown>>;
    expect(plain[0]).not.toHaveProperty('highlights');
  });
});
