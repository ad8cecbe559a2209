import { createHash } from 'node:crypto';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime, LANZHOU } from '#app/demo';
import { Disclosure, type ReplyView } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { binary } from './helpers/http.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

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
    const [assigned] = (await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police })).assignments;
    const drafter = await s.actor('chending');
    const leader = await s.actor('guochengji');
    const accepted = await s.handling.accept(drafter, assigned.id, assigned.version);
    let draft = await s.replyDrafting.createDraft(drafter, accepted.id, { body: '一、基本情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS });
    draft = await s.replyReview.submit(drafter, draft.id, draft.version);
    draft = await s.replySignOff.signOff(leader, draft.id, { version: draft.version, disclosure, disclosureNote });
    return dispatch ? s.replyDispatch.dispatch(drafter, draft.id, draft.version) : draft;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    ids.full = (await reply('关于全文公开测试的提案', Disclosure.Full)).id;
    ids.summary = (await reply('关于摘要公开测试的提案', Disclosure.Summary, '我局已开展专项行动，成效明显。')).id;
    ids.none = (await reply('关于不公开测试的提案', Disclosure.None, '涉及案件侦办细节')).id;
    ids.signedOnly = (await reply('关于尚未发出测试的提案', Disclosure.Full, undefined, false)).id;
  }, 120_000); // four sign-offs, each rendering a PDF: past 30 s when the shared machine is loaded (load 13 seen)

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

  it('searches only what is published: a full reply by its text, a summary by its summary, never unpublished text (ADR 10)', async () => {
    const publicIds = async (q: string) => {
      const page = await t.http().get(`/api/public/replies?committeeId=${c.committeeId}&q=${encodeURIComponent(q)}`);
      expect(page.status).toBe(200);
      return page.body.items.map((item: { id: string }) => item.id);
    };
    expect(await publicIds('基本情况')).toEqual([ids.full]); // the summary reply has the same body, unpublished
    expect(await publicIds('专项行动')).toEqual([ids.summary]);
    expect(await publicIds('侦办细节')).toEqual([]); // the reason for 不公开
    expect(await publicIds('尚未发出')).toEqual([]); // signed, not sent
    expect((await publicIds('安公警')).sort()).toEqual([ids.full, ids.summary].sort());
    const bad = await t.http().get(`/api/public/replies?q=${encodeURIComponent('正')}`);
    expect([bad.status, bad.body.details.fields[0].field]).toEqual([400, 'q']);
  });

  it('keeps the signed PDF with its SHA-256 and serves exactly those bytes, to readers and (全文公开) to the public', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    const view = (await staff.get(`/api/replies/${ids.full}`)).body;
    expect(view.signedDocument).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) });
    const signed = await binary(staff.get(`/api/replies/${ids.full}/document.pdf`));
    expect([signed.status, signed.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(sha256(signed.body as Buffer)).toBe(view.signedDocument.sha256);
    expect(signed.headers['x-content-sha256']).toBe(view.signedDocument.sha256);
    expect((signed.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const member = await t.as(c.username('yuanyuan'));
    expect(sha256((await binary(member.get(`/api/replies/${ids.full}/document.pdf`))).body as Buffer)).toBe(view.signedDocument.sha256);

    const published = await binary(t.http().get(`/api/public/replies/${ids.full}/document.pdf`));
    expect(published.status).toBe(200);
    expect(sha256(published.body as Buffer)).toBe(view.signedDocument.sha256);
    expect((await t.http().get(`/api/public/replies/${ids.full}`)).body.sha256).toBe(view.signedDocument.sha256);
    for (const id of [ids.summary, ids.none, ids.signedOnly]) expect((await t.http().get(`/api/public/replies/${id}/document.pdf`)).status).toBe(404);
  });

  it('tells anyone whether a document is one this system signed and sent, by its SHA-256', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    const full = (await staff.get(`/api/replies/${ids.full}`)).body;
    const verified = await t.http().get(`/api/public/verify/${full.signedDocument.sha256.toUpperCase()}`);
    expect(verified.status).toBe(200);
    // 全文公开: everything that is public anyway, and where.
    expect(verified.body).toEqual({
      genuine: true,
      disclosure: 'full',
      docNumber: full.document.docNumber,
      date: '2021-08-05',
      title: full.document.title,
      issuingUnit: '安阳市公安局',
      committee: c.spec.name,
      publishedReplyId: ids.full,
    });
    const unsent = (await staff.get(`/api/replies/${ids.signedOnly}`)).body;
    expect((await t.http().get(`/api/public/verify/${unsent.signedDocument.sha256}`)).body.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await t.http().get(`/api/public/verify/${'0'.repeat(64)}`)).status).toBe(404);
    const bad = await t.http().get('/api/public/verify/xyz');
    expect([bad.status, bad.body.details.fields[0].field]).toEqual([400, 'sha256']);
  });

  it('confirms a reply not disclosed in full only as genuine, with its number and date (ADR 15)', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    for (const id of [ids.summary, ids.none]) {
      const reply = (await staff.get(`/api/replies/${id}`)).body;
      const verified = await t.http().get(`/api/public/verify/${reply.signedDocument.sha256}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        genuine: true,
        disclosure: 'limited',
        docNumber: reply.document.docNumber,
        date: '2021-08-05',
        title: null,
        issuingUnit: null,
        committee: null,
        publishedReplyId: null,
      });
      // Nothing about what it is about or who wrote it, anywhere in the answer.
      const text = JSON.stringify(verified.body);
      for (const secret of [reply.document.title, '安阳市公安局', c.spec.name, '公开测试的提案', id]) expect(text).not.toContain(secret);
    }
  });

  it('has no document before sign-off', async () => {
    const { assignment } = await s.accepted();
    const drafter = await t.as(c.username('chending'));
    const draft = (await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'A' })).body;
    expect(draft.signedDocument).toBeNull();
    const none = await drafter.get(`/api/replies/${draft.id}/document.pdf`);
    expect([none.status, none.body.code]).toEqual([409, 'REPLY_NOT_SIGNED']);
  });
});
