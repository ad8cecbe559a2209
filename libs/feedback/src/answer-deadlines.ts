import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Assignment, DeadlinesService } from '#app/handling';
import type { Reminder } from '#app/reminders';

/**
 * The deadlines that follow an answer, and their reminders: a second reply deadline when the unit
 * handles again (重新办理), the feedback window moved (征询意见期限). The writes return the reminders
 * planned in the caller's transaction, which are scheduled once it has committed (`RemindersPlannedEvent`).
 */
@Injectable()
export class AnswerDeadlines {
  constructor(private readonly deadlines: DeadlinesService) {}

  /** The committee's calendar day today. */
  today(): string {
    return this.deadlines.today();
  }

  /**
   * 重新办理 for one assignment: the proposers' window on the answer being redone ends, and a new reply
   * deadline opens from `today` by the session's re-handling rule, or on `dueDate` when given.
   */
  async reopenReply(manager: EntityManager, actorUserId: string, assignment: Assignment, today: string, dueDate: string | undefined, reason: string): Promise<Reminder[]> {
    await this.deadlines.cancel(manager, actorUserId, assignment.id, ['feedback']);
    const opened = await this.deadlines.open(manager, actorUserId, assignment, 'reply', today, dueDate, { ruleKey: 'rehandling', reason });
    return opened.reminders;
  }

  /** Moves the feedback window of each assignment's current answer to `until`, each move with its reason. */
  async extendFeedback(manager: EntityManager, actorUserId: string, assignmentIds: string[], until: string, reason: string): Promise<Reminder[]> {
    const planned: Reminder[] = [];
    for (const assignmentId of assignmentIds) {
      const deadline = await this.deadlines.load(manager, assignmentId, 'feedback');
      planned.push(...(await this.deadlines.extend(manager, actorUserId, deadline, until, reason)));
    }
    return planned;
  }
}
