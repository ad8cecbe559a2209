import { createHash } from 'node:crypto';
import { DomainError } from '#app/core';
import { chinaTime } from '#app/demo';
import { Disclosure } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

interface ReplyRow {
  status: string;
  version: number;
  doc_number: string | null;
  signer_user_id: string | null;
  signed_pdf_key: string | null;
  signed_pdf_sha256: string | null;
  signed_pdf_size: number | null;
  xmin: string;
}

/** 签发 through ReplySignOffService itself (no HTTP), asserting on the rows it writes. */
describe('ReplySignOffService.signOff on the real database', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  const replyRow = async (id: string): Promise<ReplyRow> =>
    (
      await t.dataSource.query(
        `SELECT status, version, doc_number, signer_user_id, signed_pdf_key, signed_pdf_sha256, signed_pdf_size, xmin::text AS xmin FROM replies WHERE id = $1`,
        [id],
      )
    )[0];
  /** The police answers' series for 2021 (null before its first number). */
  const lastNumber = async (): Promise<number | null> => {
    const rows: Array<{ last_value: number }> = await t.dataSource.query(`SELECT last_value FROM number_series WHERE committee_id = $1 AND series LIKE $2`, [
      c.committeeId,
      `%${c.unitIds.police}%2021%`,
    ]);
    return rows.length === 0 ? null : Number(rows[0].last_value);
  };
  const auditOf = (id: string): Promise<Array<{ action: string; actor_user_id: string; xmin: string }>> =>
    t.dataSource.query(`SELECT action, actor_user_id, xmin::text AS xmin FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [id]);
  const rejection = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a DomainError, but the call succeeded');
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('a leader signs: status, the next number of the gap-free series, the stored PDF’s SHA-256 and audit entries in the same transaction', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await s.awaitingSignOff();
    const before = await lastNumber();
    const auditBefore = (await auditOf(reply.id)).length;
    const leader = await s.actor('guochengji');

    const signed = await s.replySignOff.signOff(leader, reply.id, { version: reply.version, disclosure: Disclosure.Full });

    const row = await replyRow(reply.id);
    const expectedSeq = (before ?? 0) + 1;
    expect(await lastNumber()).toBe(expectedSeq);
    expect(row).toMatchObject({ status: 'signed', doc_number: `安公警〔2021〕${expectedSeq}号`, signer_user_id: c.userId('guochengji') });
    expect(signed.document.docNumber).toBe(row.doc_number);
    expect(signed.signedDocument).toEqual({ sha256: row.signed_pdf_sha256, bytes: Number(row.signed_pdf_size) });
    expect(row.signed_pdf_key).toBe(`committees/${c.committeeId}/replies/${reply.id}/signed.pdf`);
    // The SHA-256 kept is that of the bytes kept.
    const pdf = await s.replySignOff.signedPdf(leader, reply.id);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row.signed_pdf_sha256).toBe(createHash('sha256').update(pdf.bytes).digest('hex'));
    expect(Number(row.signed_pdf_size)).toBe(pdf.bytes.length);
    // Audit: the sign-off and the signed document, written by the leader in the transaction that changed the reply.
    const entries = (await auditOf(reply.id)).slice(auditBefore);
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['reply.document-signed']));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) {
      expect(entry.actor_user_id).toBe(c.userId('guochengji'));
      expect(entry.xmin).toBe(row.xmin);
    }
  });

  it('numbers consecutive sign-offs without a gap, even across a sign-off that failed after taking its number', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const first = await s.awaitingSignOff();
    const second = await s.awaitingSignOff();
    const leader = await s.actor('guochengji');
    const a = await s.replySignOff.signOff(leader, first.reply.id, { version: first.reply.version, disclosure: Disclosure.Full });
    // A stale version is refused at the transition, after the number was taken: the number goes back with the rollback.
    const error = await rejection(s.replySignOff.signOff(leader, second.reply.id, { version: second.reply.version + 1, disclosure: Disclosure.Full }));
    expect(error.kind).toBe('conflict');
    const b = await s.replySignOff.signOff(leader, second.reply.id, { version: second.reply.version, disclosure: Disclosure.Full });
    const seqOf = (docNumber: string | null) => Number(/〕(\d+)号$/.exec(docNumber ?? '')?.[1]);
    expect(seqOf(a.document.docNumber)).toBeGreaterThan(0);
    expect(seqOf(b.document.docNumber)).toBe(seqOf(a.document.docNumber) + 1);
    expect(await lastNumber()).toBe(seqOf(b.document.docNumber));
  });

  it('refuses a non-leader (the drafter) with nothing written: no number, no PDF, no audit entry', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await s.awaitingSignOff();
    const rowBefore = await replyRow(reply.id);
    const numberBefore = await lastNumber();
    const auditBefore = await auditOf(reply.id);

    for (const username of ['chending', 'anyang-staff', 'yuanyuan']) {
      const error = await rejection(s.replySignOff.signOff(await s.actor(username), reply.id, { version: reply.version, disclosure: Disclosure.Full }));
      expect(['forbidden', 'not_found']).toContain(error.kind);
    }

    expect(await replyRow(reply.id)).toEqual(rowBefore);
    expect(rowBefore).toMatchObject({ status: 'awaiting_signoff', doc_number: null, signed_pdf_key: null, signed_pdf_sha256: null });
    expect(await lastNumber()).toBe(numberBefore);
    expect(await auditOf(reply.id)).toEqual(auditBefore);
  });

  it('refuses a stale version with nothing written', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await s.awaitingSignOff();
    const rowBefore = await replyRow(reply.id);
    const numberBefore = await lastNumber();
    const auditBefore = await auditOf(reply.id);

    const error = await rejection(s.replySignOff.signOff(await s.actor('guochengji'), reply.id, { version: reply.version - 1, disclosure: Disclosure.Full }));

    expect(error.kind).toBe('conflict');
    expect(await replyRow(reply.id)).toEqual(rowBefore);
    expect(await lastNumber()).toBe(numberBefore);
    expect(await auditOf(reply.id)).toEqual(auditBefore);
  });

  it('refuses 摘要公开 without its summary, naming the field, with nothing written', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await s.awaitingSignOff();
    const rowBefore = await replyRow(reply.id);
    const numberBefore = await lastNumber();

    const error = await rejection(s.replySignOff.signOff(await s.actor('guochengji'), reply.id, { version: reply.version, disclosure: Disclosure.Summary, disclosureNote: '  ' }));

    expect(error).toMatchObject({ kind: 'invalid', code: 'DISCLOSURE_NOTE_REQUIRED' });
    expect(error.message).toContain('disclosureNote');
    expect(await replyRow(reply.id)).toEqual(rowBefore);
    expect(await lastNumber()).toBe(numberBefore);
  });
});
