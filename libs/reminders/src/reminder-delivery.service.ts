import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock, daysBetween, type DeadlineKind, localDate, type ReminderPlanConfig, reminderPlanWithDefaults, type ReminderRecipient } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { OrgService, Role } from '#app/org';
import { overdueDays, overduePoints } from './reminder-plan.js';
import { Reminder, ReminderStatus } from './reminder.entity.js';
import { RemindersService } from './reminders.service.js';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'skipped';

interface DeadlineContext {
  deadline_status: string;
  due_date: string;
  kind: DeadlineKind;
  assignment_id: string;
  assignment_status: string;
  unit_id: string;
  unit_name: string;
  proposal_id: string;
  number: number | null;
  title: string;
  reminder_plan: ReminderPlanConfig | null;
  supervisor_user_id: string | null;
}

const OPEN_ASSIGNMENT = new Set(['assigned', 'accepted']);


const KIND_LABEL: Record<DeadlineKind, string> = {
  reply: '办复',
  adjustment_window: '申请调整',
  first_contact: '办前面商',
  co_opinion: '会办意见',
  feedback: '征询意见反馈',
};

/**
 * Delivers one reminder, safely more than once: the row is locked, and only a `planned` reminder whose
 * deadline is still open at the same due date is sent; anything else is a no-op. Recipients follow the
 * escalation ladder: drafters → unit leaders → committee staff → (after 30 days overdue) the 督办 level.
 */
@Injectable()
export class ReminderDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly org: OrgService,
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(reminderId: string): Promise<DeliveryOutcome> {
    const { outcome, followUps } = await this.dataSource.transaction(async (manager) => {
      // The reminder (locked) and its deadline's context in one statement: a burst of reminders due at
      // 09:00 is delivered one job at a time, so every round trip here adds to the last one's lateness.
      const [row]: Array<DeadlineContext & { r_status: string; r_committee_id: string; r_deadline_id: string; r_point: string; r_due_date: string }> =
        await manager.query(
          `SELECT r.status AS r_status, r.committee_id AS r_committee_id, r.deadline_id AS r_deadline_id, r.point AS r_point,
                  to_char(r.due_date, 'YYYY-MM-DD') AS r_due_date,
                  d.status AS deadline_status, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.kind,
                  a.id AS assignment_id, a.status AS assignment_status, a.unit_id, u.name AS unit_name, a.proposal_id, p.number, p.title,
                  s.reminder_plan, p.supervisor_user_id
           FROM reminders r
           LEFT JOIN (deadlines d JOIN assignments a ON a.id = d.assignment_id JOIN units u ON u.id = a.unit_id
                      JOIN proposals p ON p.id = a.proposal_id JOIN cppcc_sessions s ON s.id = p.session_id) ON d.id = r.deadline_id
           WHERE r.id = $1
           FOR UPDATE OF r`,
          [reminderId],
        );
      if (!row || row.r_status !== ReminderStatus.Planned) return { outcome: 'skipped' as const, followUps: [] };
      const reminder = { id: reminderId, committeeId: row.r_committee_id, deadlineId: row.r_deadline_id, point: row.r_point, dueDate: row.r_due_date };
      const context: DeadlineContext | undefined = row.deadline_status === null ? undefined : row;
      const stillApplies =
        context &&
        context.deadline_status === 'open' &&
        context.due_date === reminder.dueDate &&
        (context.kind === 'feedback' || OPEN_ASSIGNMENT.has(context.assignment_status));
      if (!stillApplies) {
        await manager.update(Reminder, { id: reminder.id }, { status: ReminderStatus.Cancelled });
        return { outcome: 'cancelled' as const, followUps: [] };
      }
      const plan = reminderPlanWithDefaults(context.reminder_plan);
      const now = this.clock.now();
      const today = localDate(now, this.config.TIME_ZONE);
      // A warning ahead of a date already gone (the worker was down, say) would mislead: drop it.
      if (overdueDays(reminder.point) === null && today > reminder.dueDate) {
        await manager.update(Reminder, { id: reminder.id }, { status: ReminderStatus.Cancelled });
        return { outcome: 'cancelled' as const, followUps: [] };
      }
      // Overdue reminders say how late the reply really is, even when delivered late.
      const overdue = overdueDays(reminder.point) === null ? null : daysBetween(reminder.dueDate, today);
      const label = context.number ? `第${context.number}号提案` : `提案《${context.title}》`;
      await this.notifications.notify(manager, {
        committeeId: reminder.committeeId,
        recipientUserIds: await this.recipients(manager, reminder.committeeId, context, this.audience(reminder, context, plan, overdue)),
        kind: overdue === null ? `reminder.${context.kind}` : 'reminder.reply-overdue',
        title:
          overdue !== null
            ? `【催办】${label}（${context.unit_name}）已超过办复期限${overdue}天（期限${reminder.dueDate}），请立即办复` +
              (overdue > plan.reply.supervisorAfterDays ? '；已逾期超过' + plan.reply.supervisorAfterDays + '天，列入督办' : '')
            : reminder.point.endsWith('-0d')
              ? `${label}今天到${KIND_LABEL[context.kind]}期限（${reminder.dueDate}）`
              : `${label}将于${reminder.dueDate}到${KIND_LABEL[context.kind]}期限`,
        subject: { entity: 'assignment', id: context.assignment_id },
        dedupeKey: `reminder-${reminder.id}`,
        at: now,
      });
      await manager.update(Reminder, { id: reminder.id }, { status: ReminderStatus.Sent, sentAt: now });
      // Overdue reminders roll on: each sent one plans the next, every N days, while the reply is outstanding.
      const followUps =
        overdue !== null
          ? await this.reminders.insertPoints(
              manager,
              { id: reminder.deadlineId, committeeId: reminder.committeeId, kind: 'reply', dueDate: reminder.dueDate },
              overduePoints(reminder.dueDate, plan, now, Math.floor(overdue / plan.reply.overdueEveryDays) + 1),
            )
          : [];
      return { outcome: 'sent' as const, followUps };
    });
    await this.reminders.schedule(followUps);
    return outcome;
  }

  /** Who this reminder goes to, by the session's plan and the escalation ladder. */
  private audience(reminder: Pick<Reminder, 'point'>, context: DeadlineContext, plan: ReminderPlanConfig, overdue: number | null): Set<ReminderRecipient> {
    if (overdue !== null) {
      const roles = new Set(plan.reply.overdueRecipients);
      if (overdue > plan.reply.supervisorAfterDays) roles.add('supervisor');
      return roles;
    }
    const roles = new Set(plan[context.kind].recipients);
    const daysBefore = Number(/-(\d+)d$/.exec(reminder.point)?.[1] ?? 0);
    if (context.kind === 'reply' && daysBefore <= plan.reply.leadersFromDaysBefore) roles.add('leader');
    return roles;
  }

  private async recipients(manager: EntityManager, committeeId: string, context: DeadlineContext, roles: Set<ReminderRecipient>): Promise<string[]> {
    const unitRoles = [Role.Drafter, Role.Leader].filter((role) => roles.has(role as ReminderRecipient));
    const users = [
      ...(unitRoles.length ? await this.org.userIdsWithRole(manager, committeeId, unitRoles, [context.unit_id]) : []),
      ...(roles.has('staff') ? await this.org.userIdsWithRole(manager, committeeId, Role.Staff) : []),
    ];
    if (roles.has('proposer')) {
      const rows: Array<{ user_id: string }> = await manager.query(
        `SELECT pr.user_id FROM proposers pr WHERE pr.proposal_id = $1 AND NOT EXISTS (
           SELECT 1 FROM feedback f WHERE f.proposal_id = pr.proposal_id AND f.proposer_user_id = pr.user_id)`,
        [context.proposal_id],
      );
      users.push(...rows.map((row) => row.user_id));
    }
    if (roles.has('supervisor') && context.supervisor_user_id) users.push(context.supervisor_user_id);
    return users;
  }


}
