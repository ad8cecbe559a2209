import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, hasRole } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { AssignmentAction, assignmentsInStatus, AssignmentStatus, DeadlinesService, HandlingService } from '#app/handling';
import { Role } from '#app/org';
import { ProposalAction, proposersSql, ProposalsService, ProposalStatus, type ProposalView } from '#app/proposals';
import { currentAnswers } from './current-answers.js';
import { type ContactMethod, Feedback, Satisfaction, SATISFACTION_LABELS } from './feedback.entity.js';
import { FeedbackNotices } from './feedback-notices.js';
import { FeedbackErrorCode } from './feedback.errors.js';
import { FeedbackEntity, FeedbackNoticeKind } from './feedback.vocabulary.js';

export interface FeedbackInput {
  /** with the result (办理结果) */
  satisfaction: Satisfaction;
  /** with the handling attitude (办理态度) */
  attitudeSatisfaction?: Satisfaction;
  contacted: boolean;
  contactMethod?: ContactMethod;
  answered: boolean;
  comments?: string;
  /**
   * The answer rated: when given it must be one of the current answers not yet rated by the proposer, so a
   * form opened for one answer never lands on another. Default: the oldest unrated answer.
   */
  replyId?: string;
}

export interface FeedbackView {
  id: string;
  proposalId: string;
  replyId: string;
  proposerUserId: string;
  satisfaction: Satisfaction;
  attitudeSatisfaction: Satisfaction | null;
  contacted: boolean;
  contactMethod: ContactMethod | null;
  answered: boolean;
  comments: string | null;
  /** true when committee staff recorded a paper form for the proposer */
  recordedOnBehalf: boolean;
  recordedByUserId: string;
  createdAt: string;
}

const toView = (f: Feedback): FeedbackView => ({
  id: f.id,
  proposalId: f.proposalId,
  replyId: f.replyId,
  proposerUserId: f.proposerUserId,
  satisfaction: f.satisfaction,
  attitudeSatisfaction: f.attitudeSatisfaction,
  contacted: f.contacted,
  contactMethod: f.contactMethod,
  answered: f.answered,
  comments: f.comments,
  recordedOnBehalf: f.recordedByUserId !== f.proposerUserId,
  recordedByUserId: f.recordedByUserId,
  createdAt: f.createdAt.toISOString(),
});

/** 征询意见 and 办结: the member's feedback on a reply, and the committee closing the proposal. */
@Injectable()
export class FeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: FeedbackNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A proposer answers the feedback form for a dispatched answer of their proposal; or committee staff
   * record a proposer's paper form (纸质意见表) with `proposerUserId`, recorded as such. A member never
   * answers for another.
   */
  async submit(actor: Actor, proposalId: string, input: FeedbackInput, proposerUserId = actor.userId): Promise<FeedbackView> {
    if (!input.contacted && input.contactMethod) throw DomainError.invalidField('contactMethod', 'contactMethod goes with contacted: true');
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposerUserId !== actor.userId && !hasRole(actor, Role.Staff)) {
        throw new DomainError('forbidden', FeedbackErrorCode.NOT_PROPOSER, 'Only committee staff may record a paper form for a proposer');
      }
      if (!(await this.proposals.isProposer(manager, proposalId, proposerUserId))) {
        if (proposerUserId !== actor.userId) throw DomainError.invalidField('proposerUserId', 'proposerUserId must be a proposer of this proposal');
        throw new DomainError('forbidden', FeedbackErrorCode.NOT_PROPOSER, 'Only a proposer of this proposal may give feedback on its reply');
      }
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', FeedbackErrorCode.NOT_REPLIED, `Feedback opens once the proposal is replied; it is ${proposal.status}`);
      }
      // The answers the proposers rate now (答复, or each 分办答复; after 重新办理 the second one), oldest first.
      const answers = await currentAnswers(manager, proposalId);
      if (answers.length === 0) throw new DomainError('conflict', FeedbackErrorCode.NO_DISPATCHED_REPLY, 'This proposal has no dispatched reply yet');
      const rated = new Set(
        (await manager.getRepository(Feedback).findBy({ proposalId, proposerUserId, replyId: In(answers.map((a) => a.replyId)) })).map((f) => f.replyId),
      );
      const answer = answers.find((a) => (input.replyId === undefined ? !rated.has(a.replyId) : a.replyId === input.replyId));
      if (!answer) {
        if (input.replyId === undefined) throw new DomainError('conflict', FeedbackErrorCode.FEEDBACK_EXISTS, 'You have already given feedback on this reply');
        throw DomainError.invalidField('replyId', 'replyId must be a dispatched answer of this proposal that is rated now (reload the proposal to see its answers)');
      }
      if (rated.has(answer.replyId)) {
        throw new DomainError('conflict', FeedbackErrorCode.FEEDBACK_EXISTS, `Feedback on the answer ${answer.replyId} (${answer.unitName}) is already in; reload the proposal to see which answer waits for it`, {
          replyId: answer.replyId,
        });
      }
      // 征询意见期限: a member answers within the window; committee staff may still record a paper form
      // that arrived late (until the proposal is closed), recorded as late.
      const today = this.deadlines.today();
      const late = answer.feedbackDue !== null && answer.feedbackDue < today;
      if (late && proposerUserId === actor.userId) {
        throw new DomainError(
          'conflict',
          FeedbackErrorCode.FEEDBACK_WINDOW_CLOSED,
          `The feedback window on this reply closed on ${answer.feedbackDue}; ask the proposal committee (提案委) to extend it or to record your paper form`,
          { feedbackDue: answer.feedbackDue },
        );
      }
      const reply = { id: answer.replyId, assignmentId: answer.assignmentId };
      const now = this.clock.now();
      const feedback = await manager.save(
        manager.create(Feedback, {
          committeeId: actor.committeeId,
          proposalId,
          replyId: reply.id,
          proposerUserId,
          satisfaction: input.satisfaction,
          attitudeSatisfaction: input.attitudeSatisfaction ?? null,
          contacted: input.contacted,
          contactMethod: input.contactMethod ?? null,
          answered: input.answered,
          comments: input.comments ?? null,
          recordedByUserId: actor.userId,
          createdAt: now,
        }),
      );
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: FeedbackEntity.Feedback,
        entityId: feedback.id,
        action: 'feedback.submitted',
        after: { proposalId, replyId: reply.id, proposerUserId, satisfaction: input.satisfaction, paperForm: proposerUserId !== actor.userId, late },
        at: now,
      });
      const [{ missing }]: Array<{ missing: number }> = await manager.query(
        proposersSql('$1', 'NOT EXISTS (SELECT 1 FROM feedback f WHERE f.reply_id = $2 AND f.proposer_user_id = pr.user_id)', 'count(*)::int AS missing'),
        [proposalId, reply.id],
      );
      if (missing === 0) await this.deadlines.meet(manager, actor.userId, reply.assignmentId, ['feedback']);
      await this.notices.toStaff(manager, {
        committeeId: actor.committeeId,
        kind: FeedbackNoticeKind.Submitted,
        title: `第${proposal.number}号提案的委员意见：${SATISFACTION_LABELS[input.satisfaction]}`,
        subject: { entity: FeedbackEntity.Proposal, id: proposalId },
        dedupeKey: `feedback.submitted-${feedback.id}`,
        at: now,
      });
      return toView(feedback);
    });
  }

  /** Feedback on a proposal the actor may see. A unit sees feedback once submitted (all stored feedback is). */
  async list(actor: Actor, proposalId: string): Promise<FeedbackView[]> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, proposalId);
    const rows = await this.dataSource.getRepository(Feedback).find({ where: { proposalId }, order: { createdAt: 'ASC' } });
    return rows.map(toView);
  }

  /**
   * 办结: committee staff close a replied proposal once the lead proposer's feedback is in, or once the
   * feedback window (征询意见 deadline) of every answer has passed without it — recorded as such.
   */
  async close(actor: Actor, proposalId: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      let withoutFeedback = false;
      if (proposal.status === ProposalStatus.Replied) {
        const answers = await currentAnswers(manager, proposalId);
        const [lead] = await this.proposals.proposerIds(manager, proposalId);
        const ratedByLead = await manager.getRepository(Feedback).countBy({ proposerUserId: lead, replyId: In(answers.map((a) => a.replyId)) });
        if (answers.length === 0 || ratedByLead < answers.length) {
          const today = this.deadlines.today();
          const running = answers.filter((a) => a.feedbackDue === null || a.feedbackDue >= today);
          if (answers.length === 0 || running.length > 0) {
            const last = running.map((a) => a.feedbackDue).sort().pop();
            throw new DomainError(
              'conflict',
              FeedbackErrorCode.FEEDBACK_MISSING,
              `The lead proposer has not given feedback yet; close after it is in${last ? `, or after the feedback window ends on ${last}` : ''}`,
            );
          }
          withoutFeedback = true;
        }
        // A second 不满意 (after 重新办理) is met face to face (当面协商) before the proposal is closed.
        const unconsulted = answers.filter((a) => a.round > 1 && a.dissatisfied);
        for (const answer of unconsulted) {
          const consulted = await manager.query(`SELECT 1 FROM consultations WHERE assignment_id = $1 AND created_at >= $2 LIMIT 1`, [
            answer.assignmentId,
            answer.dispatchedAt,
          ]);
          if (consulted.length === 0) {
            throw new DomainError(
              'conflict',
              FeedbackErrorCode.CONSULTATION_REQUIRED,
              `The proposer is still not satisfied with ${answer.unitName}'s re-handled reply: record the face-to-face consultation (当面协商) before closing`,
            );
          }
        }
      }
      const now = this.clock.now();
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.Close, { closedAt: now });
      if (withoutFeedback) {
        await this.audit.record(manager, {
          committeeId: proposal.committeeId,
          actorUserId: actor.userId,
          entity: FeedbackEntity.Proposal,
          entityId: proposalId,
          action: 'proposal.closed-without-feedback',
          after: { reason: 'the feedback window passed without the lead proposer’s feedback' },
          at: now,
        });
      }
      const assignments = await assignmentsInStatus(manager, proposalId, AssignmentStatus.Replied);
      for (const { id } of assignments) {
        const assignment = await this.handling.loadVisible(manager, actor, id);
        await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Close, {});
      }
    });
    return this.proposals.get(actor, proposalId);
  }

  /**
   * The committee reopens a closed proposal, with a reason: it is replied again (feedback and closing
   * follow as before), and the units that had replied are back to replied. Proposers and units are told.
   */
  async reopen(actor: Actor, proposalId: string, version: number, reason: string): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      const now = this.clock.now();
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.Reopen, { closedAt: null });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: FeedbackEntity.Proposal,
        entityId: proposalId,
        action: 'proposal.reopened',
        after: { reason },
        at: now,
      });
      const replied = await assignmentsInStatus(manager, proposalId, AssignmentStatus.Closed, true);
      for (const { id } of replied) {
        const assignment = await this.handling.loadVisible(manager, actor, id);
        await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Reopen, {});
      }
      await this.notices.toProposersAndUnits(manager, proposalId, replied.map((r) => r.unit_id), {
        committeeId: proposal.committeeId,
        kind: FeedbackNoticeKind.Reopened,
        title: `第${proposal.number}号提案《${proposal.title}》已重新开启：${reason}`,
        subject: { entity: FeedbackEntity.Proposal, id: proposalId },
        dedupeKey: `proposal.reopened-${proposalId}-${version}`,
        at: now,
      });
    });
    return this.proposals.get(actor, proposalId);
  }
}
