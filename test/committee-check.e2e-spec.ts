import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Disclosure } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { binary } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 提案委审核 over HTTP: the committee office checks a signed reply before it is sent, and may change its grade. */
describe('the committee office’s check of a signed reply', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let drafter: UserClient;

  /** A reply of grade B, signed off and not yet sent. */
  const signed = async () => {
    const { assignment } = await s.accepted();
    const author = await s.actor('chending');
    let reply = await s.replyDrafting.createDraft(author, assignment.id, { body: '一、基本情况\n正文。', grade: 'B', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS });
    reply = await s.replyReview.submit(author, reply.id, reply.version);
    return s.replySignOff.signOff(await s.actor('guochengji'), reply.id, { version: reply.version, disclosure: Disclosure.Full });
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    staff = await t.as(c.username('anyang-staff'));
    drafter = await t.as(c.username('chending'));
  });

  afterAll(() => t.close());

  it('changes the grade of a signed reply: the document is re-rendered, both hashes recorded, the unit told', async () => {
    const reply = await signed();
    const path = `/api/replies/${reply.id}/committee-check`;
    expect((await drafter.post(path, { version: reply.version, grade: 'A', note: '依据充分' })).status).toBe(403);
    const unknown = await staff.post(path, { version: reply.version, grade: 'Z', note: '依据充分' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'GRADE_UNKNOWN']);
    expect((await staff.post(path, { version: reply.version + 5, grade: 'A', note: '依据充分' })).body.code).toBe('STALE_VERSION');

    const checked = await staff.post(path, { version: reply.version, grade: 'A', note: '问题已基本解决，办理结果应为A' });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ grade: 'A', status: 'signed', document: { grade: 'A', docNumber: reply.document.docNumber, signer: '郭成吉' } });
    expect(checked.body.committeeCheck).toMatchObject({ byUserId: c.userId('anyang-staff'), note: '问题已基本解决，办理结果应为A' });
    expect(checked.body.signedDocument.sha256).not.toBe(reply.signedDocument?.sha256);
    const [entry] = await t.dataSource.query(`SELECT before, after FROM audit_entries WHERE entity_id = $1 AND action = 'reply.committee-checked'`, [reply.id]);
    expect(entry.before).toEqual({ grade: 'B', sha256: reply.signedDocument?.sha256 });
    expect(entry.after).toMatchObject({ grade: 'A', sha256: checked.body.signedDocument.sha256 });
    const told = (await drafter.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'reply.committee-checked');
    expect(told.title).toContain('办理结果由B调整为A');
    const docx = await binary(drafter.get(`/api/replies/${reply.id}/document.docx`));
    expect([docx.status, docx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent(`${reply.document.docNumber}.docx`));
  });

  it('keeps the signed bytes when the grade stands, and checks nothing once sent or before sign-off', async () => {
    const reply = await signed();
    const path = `/api/replies/${reply.id}/committee-check`;
    const kept = await staff.post(path, { version: reply.version, note: '同意' });
    expect([kept.body.grade, kept.body.signedDocument.sha256]).toEqual(['B', reply.signedDocument?.sha256]);
    await drafter.post(`/api/replies/${reply.id}/dispatch`, { version: kept.body.version });
    const sent = await staff.post(path, { version: kept.body.version + 1, grade: 'A', note: '再审' });
    expect([sent.status, sent.body.code]).toEqual([409, 'REPLY_NOT_CHECKABLE']);
  });
});
