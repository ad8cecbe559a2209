import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, localDate } from '#app/core';
import { type Assignment, DeadlinesService } from '#app/handling';
import { CodeTable, CodeTablesService } from '#app/org';
import type { Reminder } from '#app/reminders';
import { FollowUp, FollowUpStatus } from './follow-up.entity.js';
import { type Reply, ReplyKind } from './reply.entity.js';

/**
 * What a dispatched answer opens for later, in the dispatch transaction: the proposers' feedback window
 * (征询意见) with its reminders, scheduled after commit, and — graded anything but the committee's first
 * grade (A, 已解决) — its follow-up (跟踪办理), due by the session's `followUp` rule.
 */
@Injectable()
export class DispatchFollowThrough {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly codeTables: CodeTablesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Opens the feedback window and the follow-up of an answer dispatched at `now`; returns the reminders planned (scheduled after commit). */
  async open(manager: EntityManager, actor: Actor, assignment: Assignment, reply: Reply, now: Date): Promise<Reminder[]> {
    const today = localDate(now, this.config.TIME_ZONE);
    const feedbackReminders: Reminder[] = (await this.deadlines.open(manager, actor.userId, assignment, 'feedback', today)).reminders;
    await this.openFollowUp(manager, reply, today);
    return feedbackReminders;
  }

  /** Opens the follow-up of a dispatched answer when its grade calls for one (once per reply). */
  private async openFollowUp(manager: EntityManager, reply: Reply, dispatchedOn: string): Promise<void> {
    if (reply.kind === ReplyKind.CoOpinion || !reply.grade) return;
    const [resolved] = await this.codeTables.list(reply.committeeId, CodeTable.ReplyGrade, manager);
    if (reply.grade === resolved?.code) return;
    const due = await this.deadlines.dueBy(manager, reply.committeeId, reply.proposalId, 'followUp', dispatchedOn);
    await manager
      .createQueryBuilder()
      .insert()
      .into(FollowUp)
      .values({
        committeeId: reply.committeeId,
        proposalId: reply.proposalId,
        assignmentId: reply.assignmentId,
        unitId: reply.unitId,
        replyId: reply.id,
        firstGrade: reply.grade,
        dueDate: due.due,
        status: FollowUpStatus.Open,
        createdAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
  }
}
