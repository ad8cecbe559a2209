import { EntityManager, In, IsNull } from 'typeorm';
import type { Actor } from '#app/auth';
import { DomainError } from '#app/core';
import { type ReplyDocument, renderReplyText } from './reply-document.js';
import { replyDocuments } from './reply-documents.js';
import { ReplyCopy } from './reply-copy.entity.js';
import { Disclosure, Reply, type ReplyContact, ReplyKind, ReplyStatus } from './reply.entity.js';
import { visibleReplies } from './replies.policy.js';

export type CountersignState = 'received' | 'pending' | 'waived';

/** The 会签 gate of a proposal: the lead answer may go to sign-off once no co-unit is pending. */
export interface CountersignView {
  complete: boolean;
  units: Array<{ assignmentId: string; unitId: string; unitName: string; state: CountersignState; opinionReplyId: string | null; receivedAt: string | null }>;
}

export interface ReplyView {
  id: string;
  proposalId: string;
  assignmentId: string;
  unitId: string;
  kind: ReplyKind;
  /** 1, or 2 for the reply written in 重新办理 */
  round: number;
  status: ReplyStatus;
  grade: string | null;
  contactUnitId: string | null;
  contacts: ReplyContact[];
  copyUnitIds: string[];
  returnReason: string | null;
  /** 提案委审核, when the committee office has checked the signed reply */
  committeeCheck: { at: string; byUserId: string; note: string | null } | null;
  disclosure: Disclosure | null;
  disclosureNote: string | null;
  signedAt: string | null;
  dispatchedAt: string | null;
  /** the due date it was held to when dispatched (on time when dispatched by it) */
  dueDate: string | null;
  versionCount: number;
  /** For an office (抄送单位) the reply was copied to: when the office first opened it (null: unread). Absent for others. */
  copyReadAt?: string | null;
  /** The signed document (PDF) once signed off: its SHA-256 and size (GET /replies/:id/document.pdf). */
  signedDocument: { sha256: string; bytes: number } | null;
  document: ReplyDocument;
  text: string;
  version: number;
}

/**
 * A reply the actor may read, as the API shows it. An office reading a copy for the first time is
 * recorded (at `now`). Every reply use case answers with this view after its transaction.
 */
export async function readReply(manager: EntityManager, actor: Actor, id: string, now: Date): Promise<ReplyView> {
  const policy = visibleReplies(actor);
  const reply = await manager
    .getRepository(Reply)
    .createQueryBuilder('r')
    .where('r.id = :id', { id })
    .andWhere(policy.sql, policy.params)
    .getOne();
  if (!reply) throw DomainError.notFound('Reply', id);
  const readers = [...actor.officeUnitIds, ...actor.handlingUnitIds];
  if (readers.length > 0 && reply.status === ReplyStatus.Dispatched) {
    await manager.getRepository(ReplyCopy).update({ replyId: id, unitId: In(readers), readAt: IsNull() }, { readAt: now });
  }
  const [view] = await withCopyState(manager, actor, await toReplyViews(manager, [reply]));
  return view;
}

/** An office's read state of its copy, on the replies copied to one of the caller's offices. */
export async function withCopyState(manager: EntityManager, actor: Actor, views: ReplyView[]): Promise<ReplyView[]> {
  if (actor.officeUnitIds.length === 0 || views.length === 0) return views;
  const rows: Array<{ reply_id: string; read_at: Date | null }> = await manager.query(
    `SELECT reply_id, min(read_at) AS read_at FROM reply_copies WHERE reply_id = ANY($1::uuid[]) AND unit_id = ANY($2::uuid[]) GROUP BY reply_id`,
    [views.map((v) => v.id), [...actor.officeUnitIds]],
  );
  const readAt = new Map(rows.map((row) => [row.reply_id, row.read_at ? new Date(row.read_at).toISOString() : null]));
  return views.map((view) => (readAt.has(view.id) ? { ...view, copyReadAt: readAt.get(view.id) ?? null } : view));
}

export async function toReplyViews(manager: EntityManager, replies: Reply[]): Promise<ReplyView[]> {
  if (replies.length === 0) return [];
  const documents = await replyDocuments(manager, replies);
  const counts: Array<{ reply_id: string; n: string }> = await manager.query(
    'SELECT reply_id, count(*) AS n FROM reply_versions WHERE reply_id = ANY($1::uuid[]) GROUP BY reply_id',
    [replies.map((r) => r.id)],
  );
  const versionCount = new Map(counts.map((c) => [c.reply_id, Number(c.n)]));
  return replies.map((r) => {
    const document = documents.get(r.id) as ReplyDocument;
    return {
      id: r.id,
      proposalId: r.proposalId,
      assignmentId: r.assignmentId,
      unitId: r.unitId,
      kind: r.kind,
      round: r.round,
      status: r.status,
      grade: r.grade,
      contactUnitId: r.contactUnitId,
      contacts: r.contacts,
      copyUnitIds: r.copyUnitIds,
      returnReason: r.returnReason,
      committeeCheck: r.checkedAt ? { at: r.checkedAt.toISOString(), byUserId: r.checkedByUserId as string, note: r.checkNote } : null,
      disclosure: r.disclosure,
      disclosureNote: r.disclosureNote,
      signedAt: r.signedAt?.toISOString() ?? null,
      dispatchedAt: r.dispatchedAt?.toISOString() ?? null,
      dueDate: r.dueDate,
      versionCount: versionCount.get(r.id) ?? 0,
      signedDocument: r.signedPdfSha256 ? { sha256: r.signedPdfSha256, bytes: r.signedPdfSize as number } : null,
      document,
      text: renderReplyText(document),
      version: r.version,
    };
  });
}
