import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime, LANZHOU } from '#app/demo';
import { Disclosure, type ReplyView } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** 公开: published replies read by anyone without logging in — full text, a summary, or nothing at all. */
describe('published replies', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  const ids: Record<string, string> = {};

  /** A reply signed off with the given disclosure, and dispatched unless told otherwise. */
  const reply = async (title: string, disclosure: Disclosure, disclosureNote?: string, dispatch = true): Promise<ReplyView> => {
    const staff = await s.actor('anyang-staff');
    const proposal = await s.filed(title, ANYANG_PROPOSAL_365.body);
    const [assigned] = (await s.handling.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police })).assignments;
    const drafter = await s.actor('chending');
    const leader = await s.actor('guochengji');
    const accepted = await s.handling.accept(drafter, assigned.id, assigned.version);
    let draft = await s.replies.createDraft(drafter, accepted.id, { body: '一、基本情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS });
    draft = await s.replies.submit(drafter, draft.id, draft.version);
    draft = await s.replies.signOff(leader, draft.id, { version: draft.version, disclosure, disclosureNote });
    return dispatch ? s.replies.dispatch(drafter, draft.id, draft.version) : draft;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    ids.full = (await reply('关于全文公开测试的提案', Disclosure.Full)).id;
    ids.summary = (await reply('关于摘要公开测试的提案', Disclosure.Summary, '我局已开展专项行动，成效明显。')).id;
    ids.none = (await reply('关于不公开测试的提案', Disclosure.None, '涉及案件侦办细节')).id;
    ids.signedOnly = (await reply('关于尚未发出测试的提案', Disclosure.Full, undefined, false)).id;
  });

  afterAll(() => t.close());

  it('lists dispatched replies disclosed in full or in summary, without login, newest first', async () => {
    const page = await t.http().get(`/api/public/replies?committeeId=${c.committeeId}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(2);
    const byId = new Map(page.body.items.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(ids.full)).toMatchObject({
      committee: c.spec.name,
      proposalTitle: '关于全文公开测试的提案',
      issuingUnit: '安阳市公安局',
      disclosure: 'full',
      summary: null,
      docNumber: expect.stringMatching(/^安公警〔2021〕\d+号$/),
      document: { addressee: '尊敬的袁媛委员：', body: '一、基本情况\n正文。' },
    });
    expect(byId.get(ids.summary)).toMatchObject({ disclosure: 'summary', summary: '我局已开展专项行动，成效明显。', document: null, text: null });
    expect(byId.has(ids.none)).toBe(false);
    expect(byId.has(ids.signedOnly)).toBe(false);
  });

  it('answers 404 for what is not published, as if it did not exist', async () => {
    expect((await t.http().get(`/api/public/replies/${ids.full}`)).body.text).toContain('一、基本情况');
    for (const id of [ids.none, ids.signedOnly]) {
      const hidden = await t.http().get(`/api/public/replies/${id}`);
      expect([hidden.status, hidden.body.code]).toEqual([404, 'REPLY_NOT_FOUND']);
    }
    expect((await t.http().get('/api/public/replies/not-a-uuid')).status).toBe(400);
  });

  it('filters by committee and title words, and counts each committee’s published replies', async () => {
    const other = await t.committee(LANZHOU);
    expect((await t.http().get(`/api/public/replies?committeeId=${other.committeeId}`)).body.total).toBe(0);
    const found = await t.http().get(`/api/public/replies?committeeId=${c.committeeId}&q=摘要公开`);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([ids.summary]);
    const committees = (await t.http().get('/api/public/committees')).body;
    expect(committees.find((x: { id: string }) => x.id === c.committeeId)).toMatchObject({ name: c.spec.name, published: 2 });
    expect(committees.find((x: { id: string }) => x.id === other.committeeId)).toMatchObject({ published: 0 });
  });
});
