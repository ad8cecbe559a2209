import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate, localYear, takeNextNumber, updateAtVersion } from '#app/core';
import { type ActiveAssignment, AssignmentAction, AssignmentRole, AssignmentStatus, DeadlinesService, HandlingService, isOpen } from '#app/handling';
import { type Reminder, RemindersService } from '#app/reminders';
import { ObjectStore } from '#app/storage';
import { NotificationsService } from '#app/notifications';
import { CodeTable, CodeTablesService, CppccSession, Membership, OrgService, Role, Unit, User } from '#app/org';
import { type Page, parseSearchQuery, ProposalAction, ProposalsService, Proposer, ProposerRole, refreshProposalSearch } from '#app/proposals';
import { ReplyCopy } from './reply-copy.entity.js';
import {
  coOpinionTitle,
  documentNumber,
  documentNumberSeries,
  groupAddressee,
  type ReplyDocument,
  renderReplyText,
  replyAddressee,
  replyTitle,
} from './reply-document.js';
import { nextReplyStatus, ReplyAction } from './reply-status.js';
import { renderReplyDocx, renderReplyPdf } from './render/index.js';
import { checkContactBlock } from './contact-block.js';
import { replyDocuments } from './reply-documents.js';
import { FollowUpsService } from './follow-ups.service.js';
import { fillTemplate, ReplyTemplatesService } from './reply-templates.service.js';
import { ReplyReview, ReviewDecision } from './reply-review.entity.js';
import { ReplyVersion } from './reply-version.entity.js';
import { Disclosure, Reply, type ReplyContact, ReplyKind, ReplyStatus } from './reply.entity.js';
import { visibleReplies, workingReplies } from './replies.policy.js';
import { refreshReplySearch } from './reply-search.js';

export interface DraftInput {
  body?: string;
  grade?: string;
  contactUnitId?: string;
  contacts?: ReplyContact[];
  copyUnitIds?: string[];
}

export interface SignOffInput {
  version: number;
  disclosure: Disclosure;
  /** The summary for 摘要公开, the reason for 不公开. */
  disclosureNote?: string;
}

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

export interface ListRepliesQuery {
  status?: ReplyStatus;
  proposalId?: string;
  /** Full-text search (ADR 11) over title, number, opening, body and disclosure note; ranked by relevance. */
  q?: string;
  /** 内部审核: only the drafts waiting for the caller's decision in their current review round */
  awaitingMyReview?: boolean;
  /** An office's copies (抄送), read (true) or not yet read (false) by one of the caller's offices */
  copyRead?: boolean;
  limit: number;
  offset: number;
}

/** A drafter or leader of the issuing unit (or a unit above it) the drafter may name as a reviewer. */
export interface ReviewerCandidateView {
  userId: string;
  displayName: string;
  roles: Array<Role.Drafter | Role.Leader>;
}

/** What a unit writes for each role it was given: 主办 答复, 分办 分办答复, 会办 会办意见. */
const KIND_OF_ROLE: Readonly<Record<AssignmentRole, ReplyKind>> = {
  [AssignmentRole.Lead]: ReplyKind.Answer,
  [AssignmentRole.Separate]: ReplyKind.SeparateAnswer,
  [AssignmentRole.Co]: ReplyKind.CoOpinion,
};


/** Drafting, sign-off (签发) and dispatch of replies, with their generated parts and document numbers. */
@Injectable()
export class RepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly reminders: RemindersService,
    private readonly proposals: ProposalsService,
    private readonly notifications: NotificationsService,
    private readonly org: OrgService,
    private readonly codeTables: CodeTablesService,
    private readonly templates: ReplyTemplatesService,
    private readonly followUps: FollowUpsService,
    private readonly store: ObjectStore,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Starts the reply of an accepted assignment with title, addressee, opening and copies filled in. */
  async createDraft(actor: Actor, assignmentId: string, input: DraftInput): Promise<ReplyView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadForUnitWork(manager, actor, assignmentId);
      if (assignment.status !== AssignmentStatus.Accepted) {
        throw new DomainError('conflict', 'ASSIGNMENT_NOT_ACCEPTED', 'Accept (签收) the assignment before drafting its reply');
      }
      const kind = KIND_OF_ROLE[assignment.role];
      // One reply per handling round: 重新办理 (round 2) gets a second reply, the first kept as it was.
      if (await manager.getRepository(Reply).existsBy({ assignmentId, kind, round: assignment.round })) {
        throw new DomainError('conflict', 'REPLY_EXISTS', 'This assignment already has a reply; edit that one');
      }
      const proposal = await this.proposals.loadVisible(manager, actor, assignment.proposalId);
      const session = await manager.getRepository(CppccSession).findOneByOrFail({ id: proposal.sessionId });
      const unit = await manager.getRepository(Unit).findOneByOrFail({ id: assignment.unitId });
      await this.checkDraft(manager, actor, unit.id, input);
      // The unit's template of this kind (or the default) gives the opening, the section scaffold, the
      // contact block and the copies; title, addressee and (at sign-off) number and date are generated.
      const template = await this.templates.effective(manager, unit.id, kind);
      let title: string;
      let addressee: string;
      let memberName = '';
      if (kind === ReplyKind.CoOpinion) {
        // 会办意见: addressed to the lead unit.
        const lead = (await this.handling.activeAssignments(manager, proposal.id)).find((a) => a.role === AssignmentRole.Lead);
        title = coOpinionTitle(session.name, proposal.number as number);
        addressee = `${lead?.unitName ?? '主办单位'}：`;
      } else {
        const lead = await manager.getRepository(Proposer).findOneByOrFail({ proposalId: proposal.id, role: ProposerRole.Lead });
        memberName = proposal.groupName ?? (await manager.getRepository(User).findOneByOrFail({ id: lead.userId })).displayName;
        title = replyTitle(session.name, proposal.number as number);
        addressee = proposal.groupName ? groupAddressee(proposal.groupName) : replyAddressee(memberName);
      }
      const opening = fillTemplate(template.opening, {
        proposalTitle: proposal.title,
        proposalNumber: String(proposal.number),
        memberName,
        unitName: unit.name,
        workArea: unit.workArea ?? '我们工作',
      });
      const reply = await manager.save(
        manager.create(Reply, {
          committeeId: actor.committeeId,
          proposalId: proposal.id,
          assignmentId,
          unitId: unit.id,
          kind,
          round: assignment.round,
          status: ReplyStatus.Drafting,
          grade: input.grade ?? null,
          title,
          addressee,
          opening,
          scaffold: template.scaffold,
          body: input.body ?? template.scaffold,
          contactUnitId: input.contactUnitId ?? template.contactUnitId,
          contacts: input.contacts ?? template.contacts,
          copyUnitIds: input.copyUnitIds ?? template.copyUnitIds ?? session.defaultCopyUnitIds,
          draftedByUserId: actor.userId,
        }),
      );
      await this.saveVersion(manager, actor, reply);
      await refreshReplySearch(manager, [reply.id]);
      await this.record(manager, actor, reply.id, 'reply.created', null, { status: reply.status, assignmentId });
      return reply.id;
    });
    return this.get(actor, id);
  }

  /** Saves a new version of a draft. Only the unit may edit, only while drafting, only at the seen version. */
  async updateDraft(actor: Actor, id: string, version: number, input: DraftInput): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      this.requireAllowed(reply, ReplyAction.Edit);
      await this.checkDraft(manager, actor, reply.unitId, input);
      const changes = stripUndefined({
        body: input.body,
        grade: input.grade,
        contactUnitId: input.contactUnitId,
        contacts: input.contacts,
        copyUnitIds: input.copyUnitIds,
      });
      await updateAtVersion(manager, Reply, 'Reply', id, version, changes);
      Object.assign(reply, changes);
      await this.saveVersion(manager, actor, reply);
      await refreshReplySearch(manager, [id]);
      await this.record(manager, actor, id, 'reply.edited', { version }, { version: version + 1 });
    });
    return this.get(actor, id);
  }

  /** Sends the draft to the unit's signing leader; it must be complete first. */
  async submit(actor: Actor, id: string, version: number): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      await this.requireReady(manager, reply, 'sign-off');
      await this.transition(manager, actor, reply, version, ReplyAction.Submit, { returnReason: null });
      await this.tellLeaders(manager, reply);
    });
    return this.get(actor, id);
  }

  /**
   * 内部审核 (optional): the drafter sends a complete draft to reviewers of the unit; each approves or
   * sends it back with a reason. The last approval of the round passes it on to the signing leader.
   */
  async sendForReview(actor: Actor, id: string, version: number, reviewerUserIds: string[]): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      await this.requireReady(manager, reply, 'review');
      const unitPeople = new Set(await this.unitPeople(manager, reply.committeeId, reply.unitId));
      for (const [index, userId] of reviewerUserIds.entries()) {
        const field = `reviewerUserIds[${index}]`;
        if (!unitPeople.has(userId)) throw DomainError.invalidField(field, `${field} must be a drafter or leader of the issuing unit`);
        if (userId === actor.userId) throw DomainError.invalidField(field, `${field} is you; a reviewer is someone else`);
      }
      if (new Set(reviewerUserIds).size !== reviewerUserIds.length) throw DomainError.invalidField('reviewerUserIds', 'reviewerUserIds must not repeat a reviewer');
      const [{ round }]: Array<{ round: number }> = await manager.query('SELECT COALESCE(max(round), 0)::int + 1 AS round FROM reply_reviews WHERE reply_id = $1', [id]);
      await this.transition(manager, actor, reply, version, ReplyAction.SendForReview, { returnReason: null });
      await manager.insert(ReplyReview, reviewerUserIds.map((reviewerUserId) => ({ replyId: id, round, reviewerUserId, decision: ReviewDecision.Pending })));
      await this.notifications.notify(manager, {
        committeeId: reply.committeeId,
        recipientUserIds: reviewerUserIds,
        kind: 'reply.review-requested',
        title: `${actor.displayName}请您审核《${reply.title}》`,
        subject: { entity: 'reply', id },
        dedupeKey: `reply.review-requested-${id}-${round}`,
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /** A reviewer of the current round approves (the last one sends it to sign-off) or returns it with a reason. */
  async review(actor: Actor, id: string, approve: boolean, note: string | undefined): Promise<ReplyView> {
    if (!approve && !note) throw DomainError.invalidField('note', 'note (the reason) is required to send the draft back');
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      this.requireAllowed(reply, approve ? ReplyAction.ReviewApprove : ReplyAction.ReviewReturn);
      const [current] = await manager.query('SELECT max(round)::int AS round FROM reply_reviews WHERE reply_id = $1', [id]);
      const mine = await manager.getRepository(ReplyReview).findOneBy({ replyId: id, round: current.round, reviewerUserId: actor.userId });
      if (!mine || mine.decision !== ReviewDecision.Pending) {
        throw new DomainError('forbidden', 'NOT_A_REVIEWER', 'You are not a reviewer of this draft, or you have already given your decision');
      }
      const now = this.clock.now();
      await manager.update(ReplyReview, { id: mine.id }, { decision: approve ? ReviewDecision.Approved : ReviewDecision.Returned, note: note ?? null, decidedAt: now });
      if (!approve) {
        await manager.update(ReplyReview, { replyId: id, round: current.round, decision: ReviewDecision.Pending }, { decision: ReviewDecision.Returned, decidedAt: now });
        await this.transition(manager, actor, reply, reply.version, ReplyAction.ReviewReturn, { returnReason: note ?? null });
        await this.notifications.notify(manager, {
          committeeId: reply.committeeId,
          recipientUserIds: [reply.draftedByUserId],
          kind: 'reply.returned',
          title: `《${reply.title}》审核未通过，退回修改：${note}`,
          subject: { entity: 'reply', id },
          dedupeKey: `reply.review-returned-${id}-${current.round}`,
          at: now,
        });
        return;
      }
      const pending = await manager.getRepository(ReplyReview).countBy({ replyId: id, round: current.round, decision: ReviewDecision.Pending });
      await this.record(manager, actor, id, 'reply.review-approved', null, { round: current.round, note: note ?? null, pending });
      if (pending > 0) return;
      await this.requireReady(manager, reply, 'sign-off');
      await this.transition(manager, actor, reply, reply.version, ReplyAction.ReviewApprove, {});
      await this.tellLeaders(manager, reply);
    });
    return this.get(actor, id);
  }

  /** Every review round of a reply, for those who see its working drafts. */
  async reviews(actor: Actor, id: string): Promise<Array<{ round: number; reviewerUserId: string; reviewerName: string; decision: ReviewDecision; note: string | null; decidedAt: string | null }>> {
    const policy = workingReplies(actor);
    const visible = await this.dataSource.getRepository(Reply).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(policy.sql, policy.params).getExists();
    if (!visible) throw DomainError.notFound('Reply', id);
    const rows: Array<{ round: number; reviewer_user_id: string; display_name: string; decision: ReviewDecision; note: string | null; decided_at: Date | null }> =
      await this.dataSource.query(
        `SELECT rv.round, rv.reviewer_user_id, u.display_name, rv.decision, rv.note, rv.decided_at FROM reply_reviews rv
         JOIN users u ON u.id = rv.reviewer_user_id WHERE rv.reply_id = $1 ORDER BY rv.round, u.display_name`,
        [id],
      );
    return rows.map((r) => ({
      round: r.round,
      reviewerUserId: r.reviewer_user_id,
      reviewerName: r.display_name,
      decision: r.decision,
      note: r.note,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    }));
  }

  /** A draft complete enough to go on (to review or to sign-off), and for an answer, every co-unit's opinion in (会签). */
  private async requireReady(manager: EntityManager, reply: Reply, next: 'review' | 'sign-off'): Promise<void> {
    const missing = [
      (!reply.body.trim() || reply.body.trim() === reply.scaffold?.trim()) && 'body', // only the section headings: not written yet
      reply.kind !== ReplyKind.CoOpinion && !reply.grade && 'grade', // a 会办意见 has no 办理结果
      !reply.contactUnitId && 'contactUnitId',
      reply.contacts.length === 0 && 'contacts',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new DomainError('invalid', 'REPLY_INCOMPLETE', `Fill in ${missing.join(', ')} before sending the reply to ${next}`, { missing });
    }
    if (next === 'sign-off' && reply.kind === ReplyKind.Answer) await this.requireCountersigned(manager, reply.proposalId);
  }

  private async tellLeaders(manager: EntityManager, reply: Reply): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: await this.unitLeaders(manager, reply.committeeId, reply.unitId),
      kind: 'reply.awaiting-signoff',
      title: `《${reply.title}》待签发`,
      subject: { entity: 'reply', id: reply.id },
      dedupeKey: `reply.awaiting-signoff-${reply.id}-${reply.version}`,
      at: this.clock.now(),
    });
  }

  /** The leader sends the draft back with a reason. */
  async return(actor: Actor, id: string, version: number, reason: string): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      this.requireSigner(actor, reply);
      await this.transition(manager, actor, reply, version, ReplyAction.Return, { returnReason: reason });
      await this.notifications.notify(manager, {
        committeeId: reply.committeeId,
        recipientUserIds: [reply.draftedByUserId],
        kind: 'reply.returned',
        title: `《${reply.title}》被退回修改：${reason}`,
        subject: { entity: 'reply', id },
        dedupeKey: `reply.returned-${id}-${version + 1}`,
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /**
   * 签发: a leader of the unit who wrote no version signs; the document number is taken from the unit's
   * series for the year in the same transaction, so a failed sign-off consumes no number.
   */
  async signOff(actor: Actor, id: string, input: SignOffInput): Promise<ReplyView> {
    if (input.disclosure !== Disclosure.Full && !input.disclosureNote?.trim()) {
      throw new DomainError(
        'invalid',
        'DISCLOSURE_NOTE_REQUIRED',
        'disclosureNote is required: a summary for 摘要公开 (summary) or the reason for 不公开 (none)',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      this.requireSigner(actor, reply);
      this.requireAllowed(reply, ReplyAction.SignOff);
      const wroteAVersion = await manager.getRepository(ReplyVersion).existsBy({ replyId: id, authorUserId: actor.userId });
      if (wroteAVersion) {
        throw new DomainError('forbidden', 'SIGNER_IS_AUTHOR', 'You wrote a version of this reply; another leader must sign it off');
      }
      const unit = await manager.getRepository(Unit).findOneByOrFail({ id: reply.unitId });
      if (!unit.docPrefix) {
        throw new DomainError('conflict', 'UNIT_NO_DOC_PREFIX', `${unit.name} has no document-number prefix (发文字号前缀); ask an administrator to set it`);
      }
      const now = this.clock.now();
      const year = localYear(now, this.config.TIME_ZONE);
      const seq = await takeNextNumber(manager, reply.committeeId, documentNumberSeries(unit.id, reply.kind, year));
      await this.transition(manager, actor, reply, input.version, ReplyAction.SignOff, {
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
      await refreshReplySearch(manager, [id]); // its number and disclosure note
      await this.record(manager, actor, id, 'reply.document-signed', null, { docNumber: reply.docNumber, sha256: signedPdfSha256, bytes: pdf.length });
    });
    return this.get(actor, id);
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
        throw new DomainError('conflict', 'REPLY_NOT_CHECKABLE', `The committee checks a reply once signed and before it is sent; it is ${reply.status}`);
      }
      if (grade !== undefined) await this.codeTables.require(manager, actor.committeeId, CodeTable.ReplyGrade, grade, 'grade', 'GRADE_UNKNOWN');
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
      await this.record(manager, actor, id, 'reply.committee-checked', before, { grade: changes.grade ?? reply.grade, sha256: changes.signedPdfSha256 ?? reply.signedPdfSha256, note });
      const regraded = changes.grade ? `，办理结果由${before.grade}调整为${changes.grade}` : '';
      await this.notifications.notify(manager, {
        committeeId: reply.committeeId,
        recipientUserIds: await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], [reply.unitId]),
        kind: 'reply.committee-checked',
        title: `提案委已审核《${reply.title}》${regraded}：${note}`,
        subject: { entity: 'reply', id },
        dedupeKey: `reply.committee-checked-${id}-${version}`,
        at: now,
      });
    });
    return this.get(actor, id);
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
      throw new DomainError('conflict', 'REPLY_NOT_SIGNED', 'The document exists once the reply is signed off (签发)');
    }
    return reply;
  }

  /** Sends the signed reply to the proposers and copies it to the offices (and a lead answer to the co-units); the proposal is then replied. */
  async dispatch(actor: Actor, id: string, version: number): Promise<ReplyView> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadForUnit(manager, actor, id);
      const now = this.clock.now();
      // The due date the reply was held to is kept with it: whether it came on time never changes afterwards.
      const [governing]: Array<{ due_date: string }> = await manager.query(
        `SELECT to_char(d.due_date, 'YYYY-MM-DD') AS due_date FROM deadlines d JOIN assignments a ON a.id = d.assignment_id
         WHERE a.id = $1 AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)`,
        [reply.assignmentId],
      );
      await this.transition(manager, actor, reply, version, ReplyAction.Dispatch, { dispatchedAt: now, dueDate: governing?.due_date ?? null });
      if (reply.copyUnitIds.length > 0) {
        await manager.insert(ReplyCopy, reply.copyUnitIds.map((unitId) => ({ replyId: id, unitId, sentAt: now })));
      }
      const assignment = await this.handling.loadForUnitWork(manager, actor, reply.assignmentId);
      await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Reply, { repliedAt: now });
      // An answer sent is part of what the proposal is found by (a 会办意见 is not: members do not read it).
      if (reply.kind !== ReplyKind.CoOpinion) await refreshProposalSearch(manager, [reply.proposalId]);
      const units = await this.handling.activeAssignments(manager, reply.proposalId);
      if (assignment.role === AssignmentRole.Co) {
        await this.sendCoOpinion(manager, reply, units, now);
        return [];
      }
      // The proposal is replied with its lead reply, or with the last of its 分办 replies.
      const separateStillOpen = units.some((a) => a.role === AssignmentRole.Separate && a.id !== assignment.id && isOpen(a));
      if (assignment.role === AssignmentRole.Lead || !separateStillOpen) {
        const proposal = await this.proposals.loadVisible(manager, actor, reply.proposalId);
        await this.proposals.transition(manager, actor, proposal, proposal.version, ProposalAction.Reply, {});
      }
      // 征询意见: the proposers' feedback window on this answer opens with the dispatch.
      const today = localDate(now, this.config.TIME_ZONE);
      const feedbackReminders: Reminder[] = (await this.deadlines.open(manager, actor.userId, assignment, 'feedback', today)).reminders;
      await this.followUps.openFor(manager, reply, today);
      const proposers = await this.proposals.proposerIds(manager, reply.proposalId);
      const officeUsers = reply.copyUnitIds.length
        ? (await manager.getRepository(Membership).findBy({ committeeId: reply.committeeId, role: Role.Office, unitId: In(reply.copyUnitIds) })).map(
            (m) => m.userId,
          )
        : [];
      // The lead unit's answer is copied to its co-units too, who may then read it (and nothing more).
      const coUnitIds = assignment.role === AssignmentRole.Lead ? units.filter((a) => a.role === AssignmentRole.Co).map((a) => a.unitId) : [];
      if (coUnitIds.length > 0) {
        await manager.createQueryBuilder().insert().into(ReplyCopy).values(coUnitIds.map((unitId) => ({ replyId: id, unitId, sentAt: now }))).orIgnore().execute();
      }
      const coUnitUsers = coUnitIds.length ? await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], coUnitIds) : [];
      for (const [recipients, kind] of [
        [proposers, 'reply.received'],
        [[...officeUsers, ...coUnitUsers], 'reply.copied'],
      ] as const) {
        await this.notifications.notify(manager, {
          committeeId: reply.committeeId,
          recipientUserIds: [...recipients],
          kind,
          title: kind === 'reply.received' ? `您的提案已收到答复：${reply.title}` : `抄送：${reply.title}`,
          subject: { entity: 'reply', id },
          dedupeKey: `${kind}-${id}`,
          at: now,
        });
      }
      return feedbackReminders;
    });
    await this.reminders.schedule(planned);
    return this.get(actor, id);
  }

  /**
   * 会签: the lead unit's answer goes to sign-off only once every co-unit has sent its 会办意见 (its
   * assignment replied) or the committee has waived it (closed); a 409 names the units still missing.
   */
  private async requireCountersigned(manager: EntityManager, proposalId: string): Promise<void> {
    const names = (await this.handling.activeAssignments(manager, proposalId)).filter((a) => a.role === AssignmentRole.Co && isOpen(a)).map((a) => a.unitName);
    if (names.length > 0) {
      throw new DomainError(
        'conflict',
        'COUNTERSIGN_MISSING',
        `The co-units' opinions (会办意见) are not all in: ${names.join('、')}. Send to sign-off once they are, or ask the committee to waive them`,
        { units: names },
      );
    }
  }

  /**
   * 会签 as the lead unit sees it before sending its answer to sign-off: each co-unit of the proposal,
   * whether its 会办意见 is in (with the opinion to read), still owed, or waived by the committee.
   */
  async countersign(actor: Actor, assignmentId: string): Promise<CountersignView> {
    const manager = this.dataSource.manager;
    const assignment = await this.handling.get(actor, assignmentId); // 404 unless the actor's unit's (or staff)
    const coUnits = (await this.handling.activeAssignments(manager, assignment.proposalId)).filter((a) => a.role === AssignmentRole.Co);
    const opinions = coUnits.length
      ? await manager.getRepository(Reply).findBy({ assignmentId: In(coUnits.map((a) => a.id)), kind: ReplyKind.CoOpinion, status: ReplyStatus.Dispatched })
      : [];
    const units = coUnits.map((a) => {
      const opinion = opinions.filter((r) => r.assignmentId === a.id).sort((x, y) => y.round - x.round)[0];
      const state: CountersignState = opinion ? 'received' : isOpen(a) ? 'pending' : 'waived';
      return { assignmentId: a.id, unitId: a.unitId, unitName: a.unitName, state, opinionReplyId: opinion?.id ?? null, receivedAt: opinion?.dispatchedAt?.toISOString() ?? null };
    });
    return { complete: units.every((u) => u.state !== 'pending'), units };
  }

  /** The committee's 办理结果 codes, each with the meaning the drafter is shown. */
  async grades(actor: Actor): Promise<Array<{ code: string; meaning: string }>> {
    return (await this.codeTables.list(actor.committeeId, CodeTable.ReplyGrade)).map((g) => ({ code: g.code, meaning: g.label }));
  }

  /**
   * 会办意见 dispatched: it goes to the lead unit's drafters and leaders, not to the proposers; a copy row
   * for the lead unit lets it read the opinion (the reply policy) and records when it did.
   */
  private async sendCoOpinion(manager: EntityManager, reply: Reply, units: ActiveAssignment[], now: Date): Promise<void> {
    const lead = units.find((a) => a.role === AssignmentRole.Lead);
    if (!lead) return;
    await manager.createQueryBuilder().insert().into(ReplyCopy).values({ replyId: reply.id, unitId: lead.unitId, sentAt: now }).orIgnore().execute();
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], [lead.unitId]),
      kind: 'co-opinion.received',
      title: `收到会办意见：${reply.title}`,
      subject: { entity: 'reply', id: reply.id },
      dedupeKey: `co-opinion.received-${reply.id}`,
      at: now,
    });
  }

  /** A reply the actor may read. An office reading a copy for the first time is recorded. */
  async get(actor: Actor, id: string): Promise<ReplyView> {
    const policy = visibleReplies(actor);
    const reply = await this.dataSource
      .getRepository(Reply)
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere(policy.sql, policy.params)
      .getOne();
    if (!reply) throw DomainError.notFound('Reply', id);
    const readers = [...actor.officeUnitIds, ...actor.handlingUnitIds];
    if (readers.length > 0 && reply.status === ReplyStatus.Dispatched) {
      await this.dataSource.getRepository(ReplyCopy).update({ replyId: id, unitId: In(readers), readAt: IsNull() }, { readAt: this.clock.now() });
    }
    const [view] = await this.withCopyState(actor, await this.toViews([reply]));
    return view;
  }

  async list(actor: Actor, query: ListRepliesQuery): Promise<Page<ReplyView>> {
    const policy = visibleReplies(actor);
    const builder = this.dataSource
      .getRepository(Reply)
      .createQueryBuilder('r')
      .where(policy.sql, policy.params)
      .limit(query.limit)
      .offset(query.offset);
    if (query.q !== undefined) {
      const search = parseSearchQuery(query.q);
      builder
        .andWhere('r.search @@ :replySearch::tsquery', { replySearch: search.tsquery() })
        .addSelect(`ts_rank_cd('{0.1,0.2,0.4,1}'::float4[], r.search, :replySearch::tsquery, 1)`, 'search_rank')
        .orderBy('search_rank', 'DESC')
        .addOrderBy('r.updated_at', 'DESC');
    } else {
      builder.orderBy('r.updated_at', 'DESC');
    }
    builder.addOrderBy('r.id', 'ASC');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.proposalId) builder.andWhere('r.proposal_id = :proposalId', { proposalId: query.proposalId });
    if (query.awaitingMyReview) {
      builder.andWhere(`r.status = :inReview AND EXISTS (SELECT 1 FROM reply_reviews rv WHERE rv.reply_id = r.id AND rv.reviewer_user_id = :reviewer
          AND rv.decision = :pending AND rv.round = (SELECT max(x.round) FROM reply_reviews x WHERE x.reply_id = r.id))`, {
        inReview: ReplyStatus.InReview,
        reviewer: actor.userId,
        pending: ReviewDecision.Pending,
      });
    }
    if (query.copyRead !== undefined) {
      // Read once any of the caller's offices has opened it (as copyReadAt says).
      const copied = 'SELECT 1 FROM reply_copies rc WHERE rc.reply_id = r.id AND rc.unit_id = ANY(:copyOffices::uuid[])';
      builder.andWhere(query.copyRead ? `EXISTS (${copied} AND rc.read_at IS NOT NULL)` : `EXISTS (${copied}) AND NOT EXISTS (${copied} AND rc.read_at IS NOT NULL)`, {
        copyOffices: [...actor.officeUnitIds],
      });
    }
    const [rows, total] = await builder.getManyAndCount();
    return { items: await this.withCopyState(actor, await this.toViews(rows)), total, limit: query.limit, offset: query.offset };
  }

  /** 内部审核: whom the drafter may ask to review a reply of their unit — its drafters and leaders (and those of the units above), not the caller. */
  async reviewerCandidates(actor: Actor, id: string): Promise<ReviewerCandidateView[]> {
    const reply = await this.loadForUnit(this.dataSource.manager, actor, id, false);
    const people = (await this.unitPeople(this.dataSource.manager, reply.committeeId, reply.unitId)).filter((userId) => userId !== actor.userId);
    if (people.length === 0) return [];
    const rows: Array<{ user_id: string; display_name: string; roles: Array<Role.Drafter | Role.Leader> }> = await this.dataSource.query(
      `SELECT u.id AS user_id, u.display_name, array_agg(DISTINCT m.role::text ORDER BY m.role::text) AS roles
       FROM users u JOIN memberships m ON m.user_id = u.id AND m.committee_id = $1 AND m.role IN ('drafter', 'leader')
       WHERE u.id = ANY($2::uuid[]) GROUP BY u.id, u.display_name ORDER BY u.display_name`,
      [reply.committeeId, people],
    );
    return rows.map((row) => ({ userId: row.user_id, displayName: row.display_name, roles: row.roles }));
  }

  /** An office's read state of its copy, on the replies copied to one of the caller's offices. */
  private async withCopyState(actor: Actor, views: ReplyView[]): Promise<ReplyView[]> {
    if (actor.officeUnitIds.length === 0 || views.length === 0) return views;
    const rows: Array<{ reply_id: string; read_at: Date | null }> = await this.dataSource.query(
      `SELECT reply_id, min(read_at) AS read_at FROM reply_copies WHERE reply_id = ANY($1::uuid[]) AND unit_id = ANY($2::uuid[]) GROUP BY reply_id`,
      [views.map((v) => v.id), [...actor.officeUnitIds]],
    );
    const readAt = new Map(rows.map((row) => [row.reply_id, row.read_at ? new Date(row.read_at).toISOString() : null]));
    return views.map((view) => (readAt.has(view.id) ? { ...view, copyReadAt: readAt.get(view.id) ?? null } : view));
  }

  private async loadForUnit(manager: EntityManager, actor: Actor, id: string, lock = true): Promise<Reply> {
    const policy = visibleReplies(actor);
    const builder = manager.getRepository(Reply).createQueryBuilder('r');
    if (lock) builder.setLock('pessimistic_write');
    const reply = await builder
      .where('r.id = :id', { id })
      .andWhere(policy.sql, policy.params)
      .getOne();
    if (!reply) throw DomainError.notFound('Reply', id);
    if (!actor.handlingUnitIds.includes(reply.unitId)) {
      throw new DomainError('forbidden', 'NOT_REPLY_UNIT', 'Only the unit that issues this reply may change it');
    }
    return reply;
  }

  private requireSigner(actor: Actor, reply: Reply): void {
    if (!actor.signingUnitIds.includes(reply.unitId)) {
      throw new DomainError('forbidden', 'NOT_SIGNING_LEADER', 'Only a leader (签发人) of the issuing unit may do this');
    }
  }

  private requireAllowed(reply: Reply, action: ReplyAction): ReplyStatus {
    const to = nextReplyStatus(reply.status, action);
    if (!to) {
      throw new DomainError('conflict', 'REPLY_ILLEGAL_TRANSITION', `A reply in status ${reply.status} cannot ${action}`, {
        status: reply.status,
        action,
      });
    }
    return to;
  }

  private async transition(
    manager: EntityManager,
    actor: Actor,
    reply: Reply,
    expectedVersion: number,
    action: ReplyAction,
    changes: Partial<Reply>,
  ): Promise<void> {
    const to = this.requireAllowed(reply, action);
    await updateAtVersion(manager, Reply, 'Reply', reply.id, expectedVersion, { ...changes, status: to });
    await this.record(manager, actor, reply.id, `reply.${action}`, { status: reply.status, version: expectedVersion }, {
      status: to,
      version: expectedVersion + 1,
      ...JSON.parse(JSON.stringify(changes)),
    });
    Object.assign(reply, changes, { status: to, version: expectedVersion + 1 });
  }

  private async checkDraft(manager: EntityManager, actor: Actor, unitId: string, input: DraftInput): Promise<void> {
    if (input.grade !== undefined) {
      await this.codeTables.require(manager, actor.committeeId, CodeTable.ReplyGrade, input.grade, 'grade', 'GRADE_UNKNOWN');
    }
    await checkContactBlock(manager, actor.committeeId, unitId, input);
  }

  private async saveVersion(manager: EntityManager, actor: Actor, reply: Reply): Promise<void> {
    const seq = (await manager.getRepository(ReplyVersion).countBy({ replyId: reply.id })) + 1;
    await manager.insert(ReplyVersion, {
      replyId: reply.id,
      seq,
      body: reply.body,
      grade: reply.grade,
      contactUnitId: reply.contactUnitId,
      contacts: reply.contacts,
      authorUserId: actor.userId,
      createdAt: this.clock.now(),
    });
  }

  private async unitLeaders(manager: EntityManager, committeeId: string, unitId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = $2
         UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT DISTINCT m.user_id FROM memberships m JOIN up ON up.id = m.unit_id
       WHERE m.committee_id = $1 AND m.role = 'leader'`,
      [committeeId, unitId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Drafters and leaders of a unit and of the units above it: who may review its drafts. */
  private async unitPeople(manager: EntityManager, committeeId: string, unitId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = $2
         UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT DISTINCT m.user_id FROM memberships m JOIN up ON up.id = m.unit_id
       WHERE m.committee_id = $1 AND m.role IN ('drafter', 'leader')`,
      [committeeId, unitId],
    );
    return rows.map((row) => row.user_id);
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    id: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: 'reply',
      entityId: id,
      action,
      before,
      after,
      at: this.clock.now(),
    });
  }

  private async toViews(replies: Reply[]): Promise<ReplyView[]> {
    if (replies.length === 0) return [];
    const manager = this.dataSource.manager;
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
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
