import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { binary } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);


/** Attachments (附件) over HTTP, with the bytes in the disk store of this test run. */
describe('proposal attachments', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let member: UserClient;
  let lifang: UserClient;
  let drafter: UserClient;
  let staff: UserClient;
  let proposal: { id: string; version: number };

  const upload = (client: UserClient, proposalId: string, bytes: Buffer, name: string) =>
    client.upload(`/api/proposals/${proposalId}/attachments`, 'file', bytes, name);
  const storedFiles = () => {
    const folder = path.join(process.env.STORAGE_DIR as string, 'committees', c.committeeId, 'attachments');
    return existsSync(folder) ? readdirSync(folder).filter((name) => !name.startsWith('.')) : [];
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('lifang', '李芳', Role.Member);
    member = await t.as(c.username('yuanyuan'));
    lifang = await t.as(c.username('lifang'));
    drafter = await t.as(c.username('chending'));
    staff = await t.as(c.username('anyang-staff'));
    proposal = (await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于治理电信网络诈骗的提案', body: '一、情况分析\n正文。\n二、具体建议\n建议。' })).body;
  });

  afterAll(() => t.close());

  it('stores an upload under its Chinese name with its SHA-256, and gives back exactly the bytes', async () => {
    const response = await upload(member, proposal.id, PDF, '反诈调研报告.pdf');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      fileName: '反诈调研报告.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(storedFiles()).toEqual([response.body.id]);
    const list = await member.get(`/api/proposals/${proposal.id}/attachments`);
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([response.body.id]);
    const download = await binary(member.get(`/api/proposals/${proposal.id}/attachments/${response.body.id}`));
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent('反诈调研报告.pdf')}`);
    expect(download.headers['x-content-sha256']).toBe(response.body.sha256);
  });

  it('refuses what is not allowed, naming the field, and leaves nothing behind', async () => {
    const before = storedFiles();
    const cases: Array<[Buffer, string, string]> = [
      [Buffer.from('MZ\x90\x00'), 'setup.exe', 'ATTACHMENT_TYPE_REFUSED'],
      [PNG, '伪装.pdf', 'ATTACHMENT_TYPE_REFUSED'],
      [Buffer.alloc(0), '空.txt', 'VALIDATION_FAILED'],
    ];
    for (const [bytes, name, code] of cases) {
      const response = await upload(member, proposal.id, bytes, name);
      expect([response.status, response.body.code, response.body.details?.fields?.[0]?.field]).toEqual([400, code, 'file']);
    }
    const none = await member.post(`/api/proposals/${proposal.id}/attachments`, {});
    expect([none.status, none.body.details?.fields?.[0]?.field]).toEqual([400, 'file']);
    const tooLarge = await upload(member, proposal.id, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), '大文件.txt');
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    expect(tooLarge.body.message).toContain('20971520 bytes (20 MiB)');
    expect(await upload(lifang, proposal.id, PDF, '别人的.pdf').then((r) => r.status)).toBe(404);
    expect(await upload(drafter, proposal.id, PDF, '单位的.pdf').then((r) => r.status)).toBe(403);
    expect(storedFiles()).toEqual(before);
    expect((await member.get(`/api/proposals/${proposal.id}/attachments`)).body).toHaveLength(1);
  });

  it('lets whoever may read the proposal download, and no one else', async () => {
    const [attachment] = (await member.get(`/api/proposals/${proposal.id}/attachments`)).body;
    const path1 = `/api/proposals/${proposal.id}/attachments/${attachment.id}`;
    expect((await lifang.get(path1)).status).toBe(404);
    expect((await drafter.get(path1)).status).toBe(404);
    expect((await staff.get(path1)).status).toBe(404); // a member's draft is theirs until submitted
    proposal = (await member.post(`/api/proposals/${proposal.id}/submit`, { version: proposal.version })).body;
    expect((await binary(staff.get(path1))).status).toBe(200);
    const staffActor = await s.actor('anyang-staff');
    let filed = await s.proposals.startReview(staffActor, proposal.id, proposal.version);
    filed = await s.review.file(staffActor, filed.id, filed.version);
    await s.assigning.assign(staffActor, filed.id, { version: filed.version, leadUnitId: c.unitIds.police });
    expect((await binary(drafter.get(path1))).status).toBe(200);
    expect((await lifang.get(path1)).status).toBe(404);
  });

  it('freezes attachments at submission', async () => {
    const before = storedFiles();
    const late = await upload(member, proposal.id, PDF, '补充材料.pdf');
    expect([late.status, late.body.code]).toEqual([409, 'PROPOSAL_NOT_EDITABLE']);
    const [attachment] = (await member.get(`/api/proposals/${proposal.id}/attachments`)).body;
    const remove = await member.delete(`/api/proposals/${proposal.id}/attachments/${attachment.id}`);
    expect([remove.status, remove.body.code]).toEqual([409, 'PROPOSAL_NOT_EDITABLE']);
    expect(storedFiles()).toEqual(before);
  });

  it('removes an attachment from a draft: the row, the bytes, and an audit entry', async () => {
    const draft = (await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于附件删除测试的提案', body: '一、情况分析\n正文。\n二、具体建议\n建议。' })).body;
    const added = (await upload(member, draft.id, Buffer.from('调研数据：受理626起，立案491起。'), '数据.txt')).body;
    expect(added.contentType).toBe('text/plain; charset=utf-8');
    expect(storedFiles()).toContain(added.id);
    const removed = await member.delete(`/api/proposals/${draft.id}/attachments/${added.id}`);
    expect(removed.status).toBe(204);
    expect(storedFiles()).not.toContain(added.id);
    expect((await member.get(`/api/proposals/${draft.id}/attachments/${added.id}`)).status).toBe(404);
    const actions = (await t.dataSource.query('SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY at, id', [draft.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['proposal.attachment-added', 'proposal.attachment-removed']));
  });
});
