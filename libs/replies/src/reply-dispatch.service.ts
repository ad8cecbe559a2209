import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '#app/auth';
import { Clock, publish } from '#app/core';
import { type ActiveAssignment, AssignmentAction, AssignmentRole, governingDueDate, HandlingService, isOpen } from '#app/handling';
import { ProposalAction, ProposalsChangedEvent, ProposalsService } from '#app/proposals';
import { DispatchFollowThrough } from './dispatch-follow-through.js';
import { ReplyCopy } from './reply-copy.entity.js';
import { ReplyNotices } from './reply-notices.js';
import { loadForUnit } from './reply-rules.js';
import { ReplyAction } from './reply-status.js';
import { ReplyTransitions } from './reply-transitions.js';
import { readReply, type ReplyView } from './reply-views.js';
import { type Reply, ReplyKind } from './reply.entity.js';

/**
 * Dispatch (发送) of a signed reply: to the proposers, copied to the offices (抄送) and, for a lead answer,
 * to the co-units; a 会办意见 goes to the lead unit. The assignment, and with it the proposal, is replied.
 */
@Injectable()
export class ReplyDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly proposals: ProposalsService,
    private readonly followThrough: DispatchFollowThrough,
    private readonly transitions: ReplyTransitions,
    private readonly notices: ReplyNotices,
    private readonly clock: Clock,
  ) {}

  /** Sends the signed reply to the proposers and copies it to the offices (and a lead answer to the co-units); the proposal is then replied. */
  async dispatch(actor: Actor, id: string, version: number): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      const now = this.clock.now();
      // The due date the reply was held to is kept with it: whether it came on time never changes afterwards.
      const dueDate = await governingDueDate(manager, reply.assignmentId);
      await this.transitions.transition(manager, actor, reply, version, ReplyAction.Dispatch, { dispatchedAt: now, dueDate });
      if (reply.copyUnitIds.length > 0) {
        await manager.insert(ReplyCopy, reply.copyUnitIds.map((unitId) => ({ replyId: id, unitId, sentAt: now })));
      }
      const assignment = await this.handling.loadForUnitWork(manager, actor, reply.assignmentId);
      await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Reply, { repliedAt: now });
      // An answer sent is part of what the proposal is found by (a 会办意见 is not: members do not read it).
      if (reply.kind !== ReplyKind.CoOpinion) await publish(manager, ProposalsChangedEvent, reply.committeeId, { proposalIds: [reply.proposalId], change: 'answered' });
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
      // 征询意见: the proposers' feedback window on this answer opens with the dispatch (and 跟踪办理 when its grade calls for it).
      const feedbackReminders = await this.followThrough.open(manager, actor, assignment, reply, now);
      // The lead unit's answer is copied to its co-units too, who may then read it (and nothing more).
      const coUnitIds = assignment.role === AssignmentRole.Lead ? units.filter((a) => a.role === AssignmentRole.Co).map((a) => a.unitId) : [];
      if (coUnitIds.length > 0) {
        await manager.createQueryBuilder().insert().into(ReplyCopy).values(coUnitIds.map((unitId) => ({ replyId: id, unitId, sentAt: now }))).orIgnore().execute();
      }
      await this.notices.dispatched(manager, reply, coUnitIds, now);
      return feedbackReminders;
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /**
   * 会办意见 dispatched: it goes to the lead unit's drafters and leaders, not to the proposers; a copy row
   * for the lead unit lets it read the opinion (the reply policy) and records when it did.
   */
  private async sendCoOpinion(manager: EntityManager, reply: Reply, units: ActiveAssignment[], now: Date): Promise<void> {
    const lead = units.find((a) => a.role === AssignmentRole.Lead);
    if (!lead) return;
    await manager.createQueryBuilder().insert().into(ReplyCopy).values({ replyId: reply.id, unitId: lead.unitId, sentAt: now }).orIgnore().execute();
    await this.notices.coOpinionReceived(manager, reply, lead.unitId, now);
  }
}
