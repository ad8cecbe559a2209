import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { DeadlinesService, joinAssignmentSql } from '#app/handling';
import { ProposalsService, ProposalStatus } from '#app/proposals';
import { Consultation, CONSULTATION_OUTCOME_LABELS, type ConsultationOutcome } from './consultation.entity.js';
import { currentAnswers, HANDLING_ROUNDS } from './current-answers.js';
import { FeedbackNotices } from './feedback-notices.js';
import { FeedbackErrorCode } from './feedback.errors.js';
import { FeedbackEntity, FeedbackNoticeKind } from './feedback.vocabulary.js';
import { unitNameSql } from '#app/org';

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

/**
 * 当面协商: when a proposer is still 不满意 after 重新办理, the committee records the meeting and its
 * outcome; the proposal can then be closed.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: FeedbackNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * 当面协商: after a re-handled answer is rated 不满意 again, the committee records the meeting of the
   * proposer, the unit and committee staff, and its outcome. The proposal can then be closed.
   */
  async recordConsultation(actor: Actor, proposalId: string, input: ConsultationInput): Promise<ConsultationView> {
    if (input.heldOn > this.deadlines.today()) throw DomainError.invalidField('heldOn', 'heldOn cannot be in the future: record a consultation once it is held');
    const id = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      if (proposal.status !== ProposalStatus.Replied) {
        throw new DomainError('conflict', FeedbackErrorCode.NOT_REPLIED, `A consultation is recorded on a replied proposal; it is ${proposal.status}`);
      }
      const candidates = (await currentAnswers(manager, proposalId)).filter((a) => a.round >= HANDLING_ROUNDS && a.dissatisfied);
      if (candidates.length === 0) {
        throw new DomainError('conflict', FeedbackErrorCode.CONSULTATION_NOT_DUE, '当面协商 follows a 不满意 on a re-handled reply; order 重新办理 first');
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
        entity: FeedbackEntity.Consultation,
        entityId: consultation.id,
        action: 'consultation.recorded',
        after: { proposalId, assignmentId: answer.assignmentId, heldOn: input.heldOn, outcome: input.outcome },
        at: now,
      });
      await this.notices.toProposersAndUnits(manager, proposalId, [answer.unitId], {
        committeeId: proposal.committeeId,
        kind: FeedbackNoticeKind.ConsultationRecorded,
        title: `第${proposal.number}号提案当面协商（${input.heldOn}，${answer.unitName}）：${CONSULTATION_OUTCOME_LABELS[input.outcome]}`,
        subject: { entity: FeedbackEntity.Proposal, id: proposalId },
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
      `SELECT c.id, c.assignment_id, ${unitNameSql('a.unit_id')} AS unit_name, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, c.place, c.participants, c.outcome,
              c.summary, c.recorded_by_user_id, c.created_at
       FROM consultations c ${joinAssignmentSql('c.assignment_id', 'a')}
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
}
