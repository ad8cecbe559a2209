import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role, SessionsService } from '#app/org';
import { Disclosure } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

interface Item {
  id: string;
  title: string;
  highlights: Array<{ field: string; text: string }>;
}

/**
 * Full-text search over HTTP (ADR 10): 诈骗 found in a title, only in a body, or only in an answer once
 * it is sent (never through a draft); units and people; ranking, highlights, every filter, the row
 * policy, documents kept current, and a clear 400 for a query too short to search.
 */
describe('full-text search of proposals and replies', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let lifang: UserClient;
  let drafter: UserClient;
  const ids: Record<string, string> = {};
  let replyId = '';
  let replyVersion = 0;

  const search = async (client: UserClient, query: string) => {
    const response = await client.get(`/api/proposals?limit=100&${query}`);
    expect(response.status).toBe(200);
    return response.body as { items: Item[]; total: number };
  };
  const found = async (client: UserClient, query: string) => (await search(client, query)).items.map((item) => item.id);

  /** A proposal of 袁媛's, submitted (大会 or 平时 by today's date) and filed. */
  const filed = async (title: string, body: string, category?: string, sessionId = c.sessionId): Promise<string> => {
    const proposer = await s.actor('yuanyuan');
    const staffActor = await s.actor('anyang-staff');
    let p = await s.proposals.create(proposer, { sessionId, title, body, category });
    p = await s.proposals.submit(proposer, p.id, p.version);
    p = await s.proposals.startReview(staffActor, p.id, p.version);
    return (await s.review.file(staffActor, p.id, p.version)).id;
  };

  /** Filed, given to the police (主办), accepted, with a reply drafted by 陈丁. */
  const withDraftReply = async (title: string, body: string, replyBody: string) => {
    const proposalId = await filed(title, body);
    const staffActor = await s.actor('anyang-staff');
    const version = (await s.proposals.get(staffActor, proposalId)).version;
    const [assignment] = (await s.assigning.assign(staffActor, proposalId, { version, leadUnitId: c.unitIds.police })).assignments;
    const chending = await s.actor('chending');
    const accepted = await s.handling.accept(chending, assignment.id, assignment.version);
    const draft = await s.replyDrafting.createDraft(chending, accepted.id, { body: replyBody, grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS });
    return { proposalId, draft };
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27')); // in the plenary window: 大会提案
    c = await t.committee();
    s = new Scenario(t, c);
    ids.lifangUser = await s.addUser('lifang', '李芳', Role.Member);
    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    lifang = await t.as(c.username('lifang'));
    drafter = await t.as(c.username('chending'));

    ids.title = await filed('关于严厉打击电信诈骗的提案', '近年来电信网络犯罪多发，群众财产损失较大。建议加强宣传、提高识别能力。', '政法');
    ids.body = await filed('关于加强老年人权益保护的提案', '一些不法分子以保健品为名实施诈骗，老年人受骗后维权难。', '社会保障');
    ids.html = await filed('关于规范网络平台管理的提案', '有的平台页面含有<script>alert(1)</script>诈骗链接，应当及时处置。', '其他');
    ids.latin = await filed('关于推进5G基站建设的提案', '加快5G网络覆盖，完善PM2.5监测点位。', '科技');
    const draft = await s.proposals.create(await s.actor('lifang'), { sessionId: c.sessionId, title: '关于防范养老诈骗的提案', body: '以养老投资为名的诈骗屡禁不止。' });
    ids.othersDraft = draft.id;

    t.clock.set(chinaTime('2021-08-05')); // after the plenary window: 平时提案
    const sent = await withDraftReply('关于加强校园安全管理的提案', '校园周边交通秩序混乱，学生安全隐患多。', '一、基本情况\n我局在全市中小学开展了防范电信诈骗进校园活动。');
    ids.reply = sent.proposalId;
    const chending = await s.actor('chending');
    const submitted = await s.replyReview.submit(chending, sent.draft.id, sent.draft.version);
    const signed = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });
    replyId = signed.id;
    replyVersion = signed.version;
    ids.pending = (await withDraftReply('关于改善社区养老服务的提案', '社区养老服务设施不足，服务人员短缺。', '一、基本情况\n正在核查以养老服务为名实施诈骗的线索。')).proposalId;
  });

  afterAll(() => t.close());

  it('finds a two-character word in a title, only in a body, or only in an answer once sent — never through a draft reply', async () => {
    const before = await found(staff, 'q=诈骗');
    expect(before).toEqual(expect.arrayContaining([ids.title, ids.body, ids.html]));
    expect(before).not.toContain(ids.reply); // signed, not yet sent
    expect(before).not.toContain(ids.pending); // only a draft says 诈骗

    const dispatched = await s.replyDispatch.dispatch(await s.actor('chending'), replyId, replyVersion);
    expect(dispatched.status).toBe('dispatched');
    const after = await search(staff, 'q=诈骗');
    expect(after.items.map((item) => item.id).sort()).toEqual([ids.title, ids.body, ids.html, ids.reply].sort());
    expect(after.total).toBe(4);
    const viaReply = after.items.find((item) => item.id === ids.reply) as Item;
    expect(viaReply.highlights).toEqual([{ field: 'reply', text: '一、基本情况 我局在全市中小学开展了防范电信<mark>诈骗</mark>进校园活动。' }]);
  });

  it('ranks title hits above body-only hits, unless a sort is asked for', async () => {
    const ranked = await found(staff, 'q=诈骗');
    expect(ranked[0]).toBe(ids.title);
    expect(ranked.indexOf(ids.title)).toBeLessThan(ranked.indexOf(ids.body));
    const byTitle = await found(staff, 'q=诈骗&sort=title');
    const titles = (await search(staff, 'q=诈骗&sort=title')).items.map((item) => item.title);
    expect(titles).toEqual([...titles].sort());
    expect(new Set(byTitle)).toEqual(new Set(ranked));
  });

  it('highlights the hit and escapes the stored text (HTML stays text)', async () => {
    const { items } = await search(staff, 'q=诈骗');
    const html = items.find((item) => item.id === ids.html) as Item;
    expect(html.highlights).toEqual([{ field: 'body', text: '有的平台页面含有&lt;script&gt;alert(1)&lt;/script&gt;<mark>诈骗</mark>链接，应当及时处置。' }]);
    expect(JSON.stringify(items.map((item) => item.highlights))).not.toContain('<script>');
    expect((items.find((item) => item.id === ids.title) as Item).highlights).toEqual([{ field: 'title', text: '关于严厉打击电信<mark>诈骗</mark>的提案' }]);
    expect((await search(staff, `q=${encodeURIComponent('诈骗 老年人')}`)).items.map((item) => [item.id, item.highlights.map((h) => h.field)])).toEqual([[ids.body, ['title', 'body']]]);
  });

  it('finds proposals by the units handling them and by the people proposing them', async () => {
    const byUnit = await search(staff, `q=${encodeURIComponent('公安局')}`);
    expect(byUnit.items.map((item) => item.id).sort()).toEqual([ids.reply, ids.pending].sort());
    expect(byUnit.items[0].highlights).toEqual([{ field: 'unit', text: '安阳市<mark>公安局</mark>' }]);
    const byMember = await search(staff, 'q=袁媛');
    expect(byMember.items.map((item) => item.id).sort()).toEqual([ids.title, ids.body, ids.html, ids.latin, ids.reply, ids.pending].sort());
    expect(byMember.items[0].highlights).toEqual([{ field: 'member', text: '<mark>袁媛</mark>' }]);
  });

  it('reads letters and digits too: 5G, PM2.5 in any case and width', async () => {
    expect(await found(staff, 'q=5G')).toEqual([ids.latin]);
    expect(await found(staff, `q=${encodeURIComponent('ｐｍ２.５')}`)).toEqual([ids.latin]);
    expect((await search(staff, 'q=pm2.5')).items[0].highlights).toEqual([{ field: 'body', text: '加快5G网络覆盖，完善<mark>PM2.5</mark>监测点位。' }]);
    expect(await found(staff, 'q=pm25')).toEqual([]);
  });

  it('combines with every filter: category, kind, session, status, proposer, collective', async () => {
    expect(await found(staff, `q=诈骗&category=${encodeURIComponent('政法')}`)).toEqual([ids.title]);
    expect(await found(staff, 'q=诈骗&kind=interim')).toEqual([ids.reply]);
    expect((await found(staff, 'q=诈骗&kind=plenary')).sort()).toEqual([ids.title, ids.body, ids.html].sort());
    expect(await found(staff, 'q=诈骗&status=replied')).toEqual([ids.reply]);
    expect(await found(staff, `q=诈骗&proposerUserId=${ids.lifangUser}`)).toEqual([]);
    expect(await found(staff, 'q=诈骗&collective=true')).toEqual([]);
    const admin = { userId: c.userId('anyang-admin'), committeeId: c.committeeId };
    const other = await t.app.get(SessionsService).createSession(admin, {
      name: '政协十三届安阳市委员会五次会议',
      term: 13,
      meeting: 5,
      year: 2022,
      plenaryStart: '2022-02-20',
      plenaryEnd: '2022-02-24',
    });
    const next = await filed('关于打击养老诈骗的提案', '养老诈骗手段不断翻新。', '政法', other.id);
    expect(await found(staff, `q=诈骗&sessionId=${other.id}`)).toEqual([next]);
    expect(await found(staff, `q=诈骗&sessionId=${c.sessionId}&category=${encodeURIComponent('政法')}`)).toEqual([ids.title]);
  });

  it('stays inside the row policy: another member’s unfiled draft is never found, and nothing found is hidden', async () => {
    expect(await search(staff, `q=${encodeURIComponent('养老诈骗')}`)).toMatchObject({ total: 1 }); // the one filed above, not 李芳's draft
    expect(await found(staff, `q=${encodeURIComponent('养老投资')}`)).toEqual([]);
    expect(await found(member, `q=${encodeURIComponent('养老投资')}`)).toEqual([]);
    expect(await found(lifang, `q=${encodeURIComponent('养老投资')}`)).toEqual([ids.othersDraft]);
    expect(await found(lifang, 'q=诈骗')).toEqual([ids.othersDraft]);
    // The police see what is given to them; an answer's text finds a proposal only for those it was sent to (and staff).
    expect((await found(drafter, `q=${encodeURIComponent('公安局')}`)).sort()).toEqual([ids.reply, ids.pending].sort());
    expect(await found(drafter, 'q=诈骗')).toEqual([]);
    expect(await found(member, 'q=诈骗')).toEqual(expect.arrayContaining([ids.reply]));
    for (const client of [staff, member, lifang, drafter]) {
      for (const q of ['诈骗', '袁媛', '公安局', '养老']) {
        for (const id of await found(client, `q=${encodeURIComponent(q)}`)) expect((await client.get(`/api/proposals/${id}`)).status).toBe(200);
      }
    }
  });

  it('keeps the search document current: an edited draft is found by its new words only; a renamed unit by its new name', async () => {
    const draft = await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于整治夜间噪音扰民的提案', body: '部分路段夜间施工噪音扰民。' });
    expect(await found(member, 'q=噪音扰民')).toEqual([draft.body.id]);
    const edited = await member.patch(`/api/proposals/${draft.body.id}`, { version: draft.body.version, title: '关于整治广场舞扰民的提案', body: '部分广场夜间音响声音过大。' });
    expect(edited.status).toBe(200);
    expect(await found(member, 'q=噪音扰民')).toEqual([]);
    expect(await found(member, 'q=广场舞')).toEqual([draft.body.id]);

    const admin = await t.as(c.username('anyang-admin'));
    const police = (await admin.get('/api/admin/units')).body.find((u: { id: string }) => u.id === c.unitIds.police);
    const renamed = await admin.patch(`/api/admin/units/${police.id}`, { version: police.version, name: '安阳市公安局反诈中心' });
    expect(renamed.status).toBe(200);
    expect((await found(staff, 'q=反诈中心')).sort()).toEqual([ids.reply, ids.pending].sort());
    // Recomputed after its reply was drafted: still not found by what only the draft says.
    expect(await found(staff, `q=${encodeURIComponent('核查')}`)).toEqual([]);
    expect(await found(staff, 'q=诈骗')).not.toContain(ids.pending);
  });

  it('refuses a query too short to search with a 400 naming q', async () => {
    for (const q of ['诈', '！！', '市 区', ' ']) {
      const response = await staff.get(`/api/proposals?q=${encodeURIComponent(q)}`);
      expect([response.status, fieldsOf(response.body)]).toEqual([400, ['q']]);
    }
    const tooLong = await staff.get(`/api/proposals?q=${'诈骗'.repeat(51)}`);
    expect([tooLong.status, fieldsOf(tooLong.body)]).toEqual([400, ['q']]);
    const replies = await drafter.get(`/api/replies?q=${encodeURIComponent('骗')}`);
    expect([replies.status, fieldsOf(replies.body)]).toEqual([400, ['q']]);
  });

  it('searches reply text in the reply list, within its row policy: the unit its drafts too, the member only what was sent', async () => {
    const byUnit = (await drafter.get('/api/replies?q=诈骗')).body;
    expect(byUnit.items.map((r: { proposalId: string }) => r.proposalId).sort()).toEqual([ids.reply, ids.pending].sort());
    const byMember = (await member.get('/api/replies?q=诈骗')).body;
    expect(byMember.items.map((r: { proposalId: string; status: string }) => [r.proposalId, r.status])).toEqual([[ids.reply, 'dispatched']]);
    expect((await member.get(`/api/replies?q=${encodeURIComponent('养老服务')}`)).body.total).toBe(0);
  });
});
