import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { AssignmentAction, DeadlinesService, HandlingService } from '#app/handling';
import { NotificationsService } from '#app/notifications';
import { OrgService, Role } from '#app/org';
import { ProposalAction, ProposalsService, ProposalStatus, type ProposalView } from '#app/proposals';
import { type Reminder, RemindersService } from '#app/reminders';
import { Consultation, CONSULTATION_OUTCOME_LABELS, type ConsultationOutcome } from './consultation.entity.js';
import { currentAnswers } from './current-answers.js';

export interface RehandlingInput {
  version: number;
  reason: string;
  /** a due date the committee sets instead of the session's re-handling rule (default 3 months) */
  dueDate?: string;
}

export interface ConsultationInput {
  /** the unit consulted, when several units' re-handled answers were rated 不满意 */
  assignmentId?: string;
  heldOn: string;
  place: string;
  participants: string;
  outcome: ConsultationOutcome;
  summary: string;
}

export interface ConsultationView {
  id: string;
  proposalId: string;
  assignmentId: string;
  unitName: string;
  heldOn: string;
  place: string;
  participants: string;
  outcome: ConsultationOutcome;
  outcomeLabel: string;
  summary: string;
  recordedByUserId: string;
  createdAt: string;
}

/** How many times a unit handles a proposal before a remaining 不满意 goes to 当面协商. */
const HANDLING_ROUNDS = 2;

/**
 * After the feedback: 重新办理 when a proposer is 不满意 (the unit handles again under a new deadline
 * and writes a second reply through the same chain), 当面协商 when they are still 不满意 after it, and
 * the committee extending a feedback window (征询意见期限).
 */
@Injectable()
export class RehandlingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly reminders: RemindersService,
    private readonly org: OrgService,
    private readonly notifications: NotificationsService,
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
    const today = this.deadlines.today();
    if (input.dueDate !== undefined && input.dueDate <= today) throw DomainError.invalidField('dueDate', `dueDate must be after today (${today})`);
    const planned = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', 'NOT_REPLIED', `重新办理 is ordered on a replied proposal; it is ${proposal.status}`);
      }
      const dissatisfied = (await currentAnswers(manager, proposalId)).filter((a) => a.dissatisfied);
      if (dissatisfied.length === 0) {
        throw new DomainError('conflict', 'NOT_DISSATISFIED', 'No proposer rated the current reply 不满意; 重新办理 follows a 不满意');
      }
      const again = dissatisfied.filter((a) => a.round >= HANDLING_ROUNDS);
      if (again.length > 0) {
        throw new DomainError(
          'conflict',
          'CONSULTATION_NEXT',
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
        await this.deadlines.cancel(manager, actor.userId, assignment.id, ['feedback']);
        const opened = await this.deadlines.open(manager, actor.userId, assignment, 'reply', today, input.dueDate, {
          ruleKey: 'rehandling',
          reason: `重新办理：${input.reason}`,
        });
        planned.push(...opened.reminders);
      }
      await this.proposals.transition(manager, actor, proposal, input.version, ProposalAction.Rehandle, {});
      const now = this.clock.now();
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: proposalId,
        action: 'proposal.rehandling-ordered',
        after: { reason: input.reason, assignmentIds: dissatisfied.map((a) => a.assignmentId), dueDate: input.dueDate ?? null },
        at: now,
      });
      const unitIds = dissatisfied.map((a) => a.unitId);
      await this.notifications.notify(manager, {
        committeeId: proposal.committeeId,
        recipientUserIds: [
          ...(await this.proposals.proposerIds(manager, proposalId)),
          ...(await this.org.userIdsWithRole(manager, proposal.committeeId, [Role.Drafter, Role.Leader], unitIds)),
        ],
        kind: 'proposal.rehandling',
        title: `第${proposal.number}号提案《${proposal.title}》重新办理（${dissatisfied.map((a) => a.unitName).join('、')}）：${input.reason}`,
        subject: { entity: 'proposal', id: proposalId },
        dedupeKey: `proposal.rehandling-${proposalId}-${input.version}`,
        at: now,
      });
      return planned;
    });
    await this.reminders.schedule(planned);
    return this.proposals.get(actor, proposalId);
  }

  /**
   * 当面协商: after a re-handled answer is rated 不满意 again, the committee records the meeting of the
   * proposer, the unit and committee staff, and its outcome. The proposal can then be closed.
   */
  async recordConsultation(actor: Actor, proposalId: string, input: ConsultationInput): Promise<ConsultationView> {
    if (input.heldOn > this.deadlines.today()) throw DomainError.invalidField('heldOn', 'heldOn cannot be in the future: record a consultation once it is held');
    const id = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', 'NOT_REPLIED', `A consultation is recorded on a replied proposal; it is ${proposal.status}`);
      }
      const candidates = (await currentAnswers(manager, proposalId)).filter((a) => a.round >= HANDLING_ROUNDS && a.dissatisfied);
      if (candidates.length === 0) {
        throw new DomainError('conflict', 'CONSULTATION_NOT_DUE', '当面协商 follows a 不满意 on a re-handled reply; order 重新办理 first');
      }
      const answer = input.assignmentId ? candidates.find((a) => a.assignmentId === input.assignmentId) : candidates.length === 1 ? candidates[0] : undefined;
      if (!answer) {
        throw DomainError.invalidField(
          'assignmentId',
          input.assignmentId ? 'assignmentId must be an assignment whose re-handled reply was rated 不满意' : 'several units are concerned: name the assignmentId',
        );
      }
      const now = this.clock.now();
      const consultation = await manager.save(
        manager.create(Consultation, {
          committeeId: proposal.committeeId,
          proposalId,
          assignmentId: answer.assignmentId,
          heldOn: input.heldOn,
          place: input.place,
          participants: input.participants,
          outcome: input.outcome,
          summary: input.summary,
          recordedByUserId: actor.userId,
          createdAt: now,
        }),
      );
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: 'consultation',
        entityId: consultation.id,
        action: 'consultation.recorded',
        after: { proposalId, assignmentId: answer.assignmentId, heldOn: input.heldOn, outcome: input.outcome },
        at: now,
      });
      await this.notifications.notify(manager, {
        committeeId: proposal.committeeId,
        recipientUserIds: [
          ...(await this.proposals.proposerIds(manager, proposalId)),
          ...(await this.org.userIdsWithRole(manager, proposal.committeeId, [Role.Drafter, Role.Leader], [answer.unitId])),
        ],
        kind: 'consultation.recorded',
        title: `第${proposal.number}号提案当面协商（${input.heldOn}，${answer.unitName}）：${CONSULTATION_OUTCOME_LABELS[input.outcome]}`,
        subject: { entity: 'proposal', id: proposalId },
        dedupeKey: `consultation.recorded-${consultation.id}`,
        at: now,
      });
      return consultation.id;
    });
    return (await this.consultations(actor, proposalId)).find((c) => c.id === id) as ConsultationView;
  }

  /** The consultations of a proposal the actor may see. */
  async consultations(actor: Actor, proposalId: string): Promise<ConsultationView[]> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, proposalId);
    const rows: Array<{
      id: string;
      assignment_id: string;
      unit_name: string;
      held_on: string;
      place: string;
      participants: string;
      outcome: ConsultationOutcome;
      summary: string;
      recorded_by_user_id: string;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT c.id, c.assignment_id, u.name AS unit_name, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, c.place, c.participants, c.outcome,
              c.summary, c.recorded_by_user_id, c.created_at
       FROM consultations c JOIN assignments a ON a.id = c.assignment_id JOIN units u ON u.id = a.unit_id
       WHERE c.proposal_id = $1 ORDER BY c.created_at, c.id`,
      [proposalId],
    );
    return rows.map((c) => ({
      id: c.id,
      proposalId,
      assignmentId: c.assignment_id,
      unitName: c.unit_name,
      heldOn: c.held_on,
      place: c.place,
      participants: c.participants,
      outcome: c.outcome,
      outcomeLabel: CONSULTATION_OUTCOME_LABELS[c.outcome],
      summary: c.summary,
      recordedByUserId: c.recorded_by_user_id,
      createdAt: c.created_at.toISOString(),
    }));
  }

  /**
   * The committee extends the feedback window (征询意见期限) of a replied proposal's current answers
   * still waiting for feedback — the member was away, say. Each move keeps its history and reason.
   */
  async extendFeedbackWindow(actor: Actor, proposalId: string, until: string, reason: string): Promise<ProposalView> {
    if (until <= this.deadlines.today()) throw DomainError.invalidField('until', `until must be after today (${this.deadlines.today()})`);
    const planned = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', 'NOT_REPLIED', `The feedback window is open on a replied proposal; it is ${proposal.status}`);
      }
      const waiting = (await currentAnswers(manager, proposalId)).filter((a) => a.feedbackStatus === 'open');
      if (waiting.length === 0) throw new DomainError('conflict', 'FEEDBACK_COMPLETE', 'Every proposer has already given feedback on the current reply');
      const planned: Reminder[] = [];
      for (const answer of waiting) {
        const deadline = await this.deadlines.load(manager, answer.assignmentId, 'feedback');
        planned.push(...(await this.deadlines.extend(manager, actor.userId, deadline, until, reason)));
      }
      await this.notifications.notify(manager, {
        committeeId: proposal.committeeId,
        recipientUserIds: await this.proposals.proposerIds(manager, proposalId),
        kind: 'feedback.window-extended',
        title: `第${proposal.number}号提案的征询意见期限延至${until}：${reason}`,
        subject: { entity: 'proposal', id: proposalId },
        dedupeKey: `feedback.window-extended-${proposalId}-${until}`,
        at: this.clock.now(),
      });
      return planned;
    });
    await this.reminders.schedule(planned);
    return this.proposals.get(actor, proposalId);
  }
}
