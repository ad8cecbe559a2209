import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { Reminder, ReminderStatus } from './reminder.entity.js';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'skipped';

const OPEN_ASSIGNMENT = new Set(['assigned', 'accepted']);

/**
 * Delivers one reminder, safely more than once: the row is locked, and only a `planned` reminder whose
 * assignment is still open at the same due date is sent; anything else is a no-op.
 */
@Injectable()
export class ReminderDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  deliver(reminderId: string): Promise<DeliveryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const reminder = await manager
        .getRepository(Reminder)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :reminderId', { reminderId })
        .getOne();
      if (!reminder || reminder.status !== ReminderStatus.Planned) return 'skipped';
      const [assignment]: Array<{ status: string; reply_due_date: string; unit_id: string; title: string; number: number | null }> =
        await manager.query(
          `SELECT a.status, to_char(a.reply_due_date, 'YYYY-MM-DD') AS reply_due_date, a.unit_id, p.title, p.number
           FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE a.id = $1`,
          [reminder.assignmentId],
        );
      if (!assignment || !OPEN_ASSIGNMENT.has(assignment.status) || assignment.reply_due_date !== reminder.dueDate) {
        await manager.update(Reminder, { id: reminder.id }, { status: ReminderStatus.Cancelled });
        return 'cancelled';
      }
      const recipients: Array<{ user_id: string }> = await manager.query(
        `SELECT DISTINCT user_id FROM memberships WHERE committee_id = $1 AND unit_id = $2 AND role IN ('drafter', 'leader')`,
        [reminder.committeeId, assignment.unit_id],
      );
      const now = this.clock.now();
      const label = assignment.number ? `第${assignment.number}号提案` : `提案《${assignment.title}》`;
      await this.notifications.notify(manager, {
        committeeId: reminder.committeeId,
        recipientUserIds: recipients.map((row) => row.user_id),
        kind: 'reminder.reply-due',
        title: reminder.point === 'reply-due-0d'
          ? `${label}今天到办复期限（${reminder.dueDate}），请尽快答复`
          : `${label}将于${reminder.dueDate}到办复期限，请按期答复`,
        subject: { entity: 'assignment', id: reminder.assignmentId },
        dedupeKey: `reminder-${reminder.id}`,
        at: now,
      });
      await manager.update(Reminder, { id: reminder.id }, { status: ReminderStatus.Sent, sentAt: now });
      return 'sent';
    });
  }
}
