import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate, localYear, publish, takeNextNumber, updateAtVersion } from '#app/core';
import { ObjectStore } from '#app/storage';
import { CodeTable, CodeTablesService, unitById } from '#app/org';
import { documentNumber, documentNumberSeries, type ReplyDocument } from './reply-document.js';
import { replyDocuments } from './reply-documents.js';
import { ReplyNotices } from './reply-notices.js';
import { loadForUnit, requireAllowed, requireSigner } from './reply-rules.js';
import { RepliesChangedEvent } from './replies.events.js';
import { ReplyAction } from './reply-status.js';
import { ReplyTransitions } from './reply-transitions.js';
import { ReplyVersion } from './reply-version.entity.js';
import { readReply, type ReplyView } from './reply-views.js';
import { Disclosure, Reply, ReplyStatus } from './reply.entity.js';
import { visibleReplies } from './replies.policy.js';
import { renderReplyDocx, renderReplyPdf } from './render/index.js';
import { RepliesErrorCode } from './replies.errors.js';

export interface SignOffInput {
  version: number;
  disclosure: Disclosure;
  /** The summary for 摘要公开, the reason for 不公开. */
  disclosureNote?: string;
}

/**
 * 签发 and what follows it before dispatch: the leader signs (document number, rendered PDF kept with
 * its SHA-256), the committee office checks the signed reply (提案委审核), and the signed document is read.
 */
@Injectable()
export class ReplySignOffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codeTables: CodeTablesService,
    private readonly store: ObjectStore,
    private readonly transitions: ReplyTransitions,
    private readonly notices: ReplyNotices,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * 签发: a leader of the unit who wrote no version signs; the document number is taken from the unit's
   * series for the year in the same transaction, so a failed sign-off consumes no number.
   */
  async signOff(actor: Actor, id: string, input: SignOffInput): Promise<ReplyView> {
    if (input.disclosure !== Disclosure.Full && !input.disclosureNote?.trim()) {
      throw new DomainError(
        'invalid',
        RepliesErrorCode.DISCLOSURE_NOTE_REQUIRED,
        'disclosureNote is required: a summary for 摘要公开 (summary) or the reason for 不公开 (none)',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      requireSigner(actor, reply);
      requireAllowed(reply, ReplyAction.SignOff);
      const wroteAVersion = await manager.getRepository(ReplyVersion).existsBy({ replyId: id, authorUserId: actor.userId });
      if (wroteAVersion) {
        throw new DomainError('forbidden', RepliesErrorCode.SIGNER_IS_AUTHOR, 'You wrote a version of this reply; another leader must sign it off');
      }
      const unit = await unitById(manager, reply.unitId);
      if (!unit.docPrefix) {
        throw new DomainError('conflict', RepliesErrorCode.UNIT_NO_DOC_PREFIX, `${unit.name} has no document-number prefix (发文字号前缀); ask an administrator to set it`);
      }
      const now = this.clock.now();
      const year = localYear(now, this.config.TIME_ZONE);
      const seq = await takeNextNumber(manager, reply.committeeId, documentNumberSeries(unit.id, reply.kind, year));
      await this.transitions.transition(manager, actor, reply, input.version, ReplyAction.SignOff, {
        docNumber: documentNumber(unit.docPrefix, year, seq),
        signerUserId: actor.userId,
        signedAt: now,
        replyDate: localDate(now, this.config.TIME_ZONE),
        disclosure: input.disclosure,
        disclosureNote: input.disclosureNote ?? null,
      });
      // What is signed is the rendered document: its bytes and SHA-256 are kept, and what is sent and
      // published later is exactly these bytes. Rendered in this transaction, so a failed sign-off keeps no number.
      const document = (await replyDocuments(manager, [reply])).get(reply.id) as ReplyDocument;
      const pdf = await renderReplyPdf(document);
      const signedPdfKey = `committees/${reply.committeeId}/replies/${reply.id}/signed.pdf`;
      await this.store.put(signedPdfKey, pdf, 'application/pdf');
      const signedPdfSha256 = createHash('sha256').update(pdf).digest('hex');
      await manager.update(Reply, { id }, { signedPdfKey, signedPdfSha256, signedPdfSize: pdf.length });
      await publish(manager, RepliesChangedEvent, reply.committeeId, { replyIds: [id], change: 'signed-off' }); // its number and disclosure note
      await this.transitions.record(manager, actor, id, 'reply.document-signed', null, { docNumber: reply.docNumber, sha256: signedPdfSha256, bytes: pdf.length });
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /**
   * 提案委审核: the committee office checks a signed reply before it is sent and may change its grade.
   * A changed grade re-renders the document (same number, signer and date) and keeps the new bytes; the
   * audit entry records both grades and both SHA-256s. The unit is told.
   */
  async committeeCheck(actor: Actor, id: string, version: number, grade: string | undefined, note: string): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const policy = visibleReplies(actor);
      const reply = await manager.getRepository(Reply).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).andWhere(policy.sql, policy.params).getOne();
      if (!reply) throw DomainError.notFound('Reply', id);
      if (reply.status !== ReplyStatus.Signed) {
        throw new DomainError('conflict', RepliesErrorCode.REPLY_NOT_CHECKABLE, `The committee checks a reply once signed and before it is sent; it is ${reply.status}`);
      }
      if (grade !== undefined) await this.codeTables.require(manager, actor.committeeId, CodeTable.ReplyGrade, grade, 'grade', RepliesErrorCode.GRADE_UNKNOWN);
      const now = this.clock.now();
      const before = { grade: reply.grade, sha256: reply.signedPdfSha256 };
      const changes: Partial<Reply> = { checkedAt: now, checkedByUserId: actor.userId, checkNote: note };
      if (grade !== undefined && grade !== reply.grade) {
        Object.assign(reply, { grade });
        const pdf = await renderReplyPdf((await replyDocuments(manager, [reply])).get(reply.id) as ReplyDocument);
        await this.store.put(reply.signedPdfKey as string, pdf, 'application/pdf');
        Object.assign(changes, { grade, signedPdfSha256: createHash('sha256').update(pdf).digest('hex'), signedPdfSize: pdf.length });
      }
      await updateAtVersion(manager, Reply, 'Reply', id, version, changes);
      await this.transitions.record(manager, actor, id, 'reply.committee-checked', before, { grade: changes.grade ?? reply.grade, sha256: changes.signedPdfSha256 ?? reply.signedPdfSha256, note });
      await this.notices.committeeChecked(manager, reply, changes.grade ? { from: before.grade, to: changes.grade } : null, note, version, now);
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /** The signed document's bytes, for whoever may read the reply; 409 before sign-off. */
  async signedPdf(actor: Actor, id: string): Promise<{ bytes: Buffer; sha256: string; fileName: string }> {
    const reply = await this.loadSigned(actor, id);
    return { bytes: await this.store.get(reply.signedPdfKey as string), sha256: reply.signedPdfSha256 as string, fileName: `${reply.docNumber ?? reply.title}.pdf` };
  }

  /** The signed reply as an editable DOCX (same content and layout, for filing and printing); the PDF is the signed record. */
  async signedDocx(actor: Actor, id: string): Promise<{ bytes: Buffer; fileName: string }> {
    const reply = await this.loadSigned(actor, id);
    const document = (await replyDocuments(this.dataSource.manager, [reply])).get(reply.id) as ReplyDocument;
    return { bytes: await renderReplyDocx(document), fileName: `${reply.docNumber ?? reply.title}.docx` };
  }

  private async loadSigned(actor: Actor, id: string): Promise<Reply> {
    const policy = visibleReplies(actor);
    const reply = await this.dataSource.getRepository(Reply).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(policy.sql, policy.params).getOne();
    if (!reply) throw DomainError.notFound('Reply', id);
    if (!reply.signedPdfKey || !reply.signedPdfSha256) {
      throw new DomainError('conflict', RepliesErrorCode.REPLY_NOT_SIGNED, 'The document exists once the reply is signed off (签发)');
    }
    return reply;
  }
}
