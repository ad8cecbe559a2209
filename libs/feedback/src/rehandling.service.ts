import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { AssignmentAction, HandlingService } from '#app/handling';
import { ProposalAction, ProposalsService, ProposalStatus, type ProposalView } from '#app/proposals';
import type { Reminder } from '#app/reminders';
import { AnswerDeadlines } from './answer-deadlines.js';
import { currentAnswers, HANDLING_ROUNDS } from './current-answers.js';
import { FeedbackNotices } from './feedback-notices.js';
import { FeedbackErrorCode } from './feedback.errors.js';
import { FeedbackEntity, FeedbackNoticeKind } from './feedback.vocabulary.js';

export interface RehandlingInput {
  version: number;
  reason: string;
  /** a due date the committee sets instead of the session's re-handling rule (default 3 months) */
  dueDate?: string;
}

/**
 * After the feedback: 重新办理 when a proposer is 不满意 (the unit handles again under a new deadline
 * and writes a second reply through the same chain), and the committee extending a feedback window
 * (征询意见期限). 当面协商, when they are still 不满意 after it, is `ConsultationsService`.
 */
@Injectable()
export class RehandlingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly handling: HandlingService,
    private readonly answerDeadlines: AnswerDeadlines,
    private readonly notices: FeedbackNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The committee orders 重新办理: every unit whose current answer a proposer rated 不满意 handles the
   * proposal again (its assignment back to accepted, round + 1, a new reply deadline by the session's
   * re-handling rule or the date given, with reminders); the proposal is `rehandling` until the new
   * answers are dispatched. Units and proposers are told.
   */
  async order(actor: Actor, proposalId: string, input: RehandlingInput): Promise<ProposalView> {
    const today = this.answerDeadlines.today();
    if (input.dueDate !== undefined && input.dueDate <= today) throw DomainError.invalidField('dueDate', `dueDate must be after today (${today})`);
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', FeedbackErrorCode.NOT_REPLIED, `重新办理 is ordered on a replied proposal; it is ${proposal.status}`);
      }
      const dissatisfied = (await currentAnswers(manager, proposalId)).filter((a) => a.dissatisfied);
      if (dissatisfied.length === 0) {
        throw new DomainError('conflict', FeedbackErrorCode.NOT_DISSATISFIED, 'No proposer rated the current reply 不满意; 重新办理 follows a 不满意');
      }
      const again = dissatisfied.filter((a) => a.round >= HANDLING_ROUNDS);
      if (again.length > 0) {
        throw new DomainError(
          'conflict',
          FeedbackErrorCode.CONSULTATION_NEXT,
          `${again.map((a) => a.unitName).join('、')} has already handled this proposal again; a second 不满意 is met face to face (当面协商)`,
        );
      }
      const planned: Reminder[] = [];
      for (const answer of dissatisfied) {
        const assignment = await this.handling.loadVisible(manager, actor, answer.assignmentId);
        await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Rehandle, {
          round: assignment.round + 1,
          repliedAt: null,
        });
        // The proposers' window on the answer being redone ends; a new one opens with the second answer.
        planned.push(...(await this.answerDeadlines.reopenReply(manager, actor.userId, assignment, today, input.dueDate, `重新办理：${input.reason}`)));
      }
      await this.proposals.transition(manager, actor, proposal, input.version, ProposalAction.Rehandle, {});
      const now = this.clock.now();
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: FeedbackEntity.Proposal,
        entityId: proposalId,
        action: 'proposal.rehandling-ordered',
        after: { reason: input.reason, assignmentIds: dissatisfied.map((a) => a.assignmentId), dueDate: input.dueDate ?? null },
        at: now,
      });
      await this.notices.toProposersAndUnits(manager, proposalId, dissatisfied.map((a) => a.unitId), {
        committeeId: proposal.committeeId,
        kind: FeedbackNoticeKind.Rehandling,
        title: `第${proposal.number}号提案《${proposal.title}》重新办理（${dissatisfied.map((a) => a.unitName).join('、')}）：${input.reason}`,
        subject: { entity: FeedbackEntity.Proposal, id: proposalId },
        dedupeKey: `proposal.rehandling-${proposalId}-${input.version}`,
        at: now,
      });
      return planned;
    });
    return this.proposals.get(actor, proposalId);
  }

  /**
   * The committee extends the feedback window (征询意见期限) of a replied proposal's current answers
   * still waiting for feedback — the member was away, say. Each move keeps its history and reason.
   */
  async extendFeedbackWindow(actor: Actor, proposalId: string, until: string, reason: string): Promise<ProposalView> {
    if (until <= this.answerDeadlines.today()) throw DomainError.invalidField('until', `until must be after today (${this.answerDeadlines.today()})`);
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', FeedbackErrorCode.NOT_REPLIED, `The feedback window is open on a replied proposal; it is ${proposal.status}`);
      }
      const waiting = (await currentAnswers(manager, proposalId)).filter((a) => a.feedbackStatus === 'open');
      if (waiting.length === 0) throw new DomainError('conflict', FeedbackErrorCode.FEEDBACK_COMPLETE, 'Every proposer has already given feedback on the current reply');
      const planned = await this.answerDeadlines.extendFeedback(manager, actor.userId, waiting.map((a) => a.assignmentId), until, reason);
      await this.notices.toProposers(manager, proposalId, {
        committeeId: proposal.committeeId,
        kind: FeedbackNoticeKind.WindowExtended,
        title: `第${proposal.number}号提案的征询意见期限延至${until}：${reason}`,
        subject: { entity: FeedbackEntity.Proposal, id: proposalId },
        dedupeKey: `feedback.window-extended-${proposalId}-${until}`,
        at: this.clock.now(),
      });
      return planned;
    });
    return this.proposals.get(actor, proposalId);
  }
}
