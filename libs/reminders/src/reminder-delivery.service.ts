import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppConfig, Clock, daysBetween, type DeadlineKind, localDate, type ReminderPlanConfig, reminderPlanWithDefaults, type ReminderRecipient } from '#app/core';
import { NotificationsService, type NotifyInput } from '#app/notifications';
import { OrgService, Role } from '#app/org';
import { deadlineRuns } from './deadline-running.js';
import { reminderContextSql } from './reminder-context.js';
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

const KIND_LABEL: Record<DeadlineKind, string> = {
  reply: '办复',
  adjustment_window: '申请调整',
  first_contact: '办前面商',
  co_opinion: '会办意见',
  feedback: '征询意见反馈',
};

/** At most this many reminders are delivered in one transaction. */
const MAX_SET = 100;
/** Sets in flight at once in one process (each holds one pooled connection). */
const PARALLEL_SETS = 2;

interface Waiting {
  reminderId: string;
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: unknown) => void;
}

type ContextRow = DeadlineContext & { r_id: string; r_status: string; r_committee_id: string; r_deadline_id: string; r_point: string; r_due_date: string };

/**
 * Delivers reminders, safely more than once: the rows are locked, and only a `planned` reminder whose
 * deadline is still open at the same due date is sent; anything else is a no-op. Recipients follow the
 * escalation ladder: drafters → unit leaders → committee staff → (after 30 days overdue) the 督办 level.
 *
 * Each reminder is still its own BullMQ job, but the jobs a worker has in hand at once are delivered as
 * a set: one transaction locks them all (in id order, so concurrent sets cannot deadlock), writes their
 * notices in one INSERT and marks them in one UPDATE. A burst of 2,000 due at 09:00 thus costs tens of
 * transactions instead of 2,000 (bench/README.md). A lone reminder is not held back: a set starts as
 * soon as fewer than {@link PARALLEL_SETS} are running, with whatever has arrived meanwhile.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly org: OrgService,
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Delivers one reminder (with the others waiting in this process); resolves to its own outcome. */
  deliver(reminderId: string): Promise<DeliveryOutcome> {
    return new Promise<DeliveryOutcome>((resolve, reject) => {
      this.waiting.push({ reminderId, resolve, reject });
      this.startSets();
    });
  }

  private startSets(): void {
    while (this.running < PARALLEL_SETS && this.waiting.length > 0) {
      const set = this.waiting.splice(0, MAX_SET);
      this.running += 1;
      void this.settle(set).finally(() => {
        this.running -= 1;
        this.startSets();
      });
    }
  }

  /**
   * Delivers a set and answers each waiting job. If the set fails, each reminder is tried alone, so one
   * that cannot be delivered fails (and is retried by BullMQ) without taking the others with it.
   */
  private async settle(set: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.deliverSet(set.map((item) => item.reminderId));
      set.forEach((item, i) => item.resolve(outcomes[i]));
    } catch (error) {
      if (set.length === 1) return set[0].reject(error);
      for (const item of set) {
        await this.deliverSet([item.reminderId]).then(([outcome]) => item.resolve(outcome), item.reject);
      }
    }
  }

  /** Delivers reminders in one transaction; returns each id's outcome (a repeated id is `skipped`). */
  private async deliverSet(reminderIds: string[]): Promise<DeliveryOutcome[]> {
    const { outcomes } = await this.dataSource.transaction(async (manager) => {
      // The reminders (locked, in id order) and their deadlines' context in one statement.
      const rows: ContextRow[] = await manager.query(
        `SELECT r.id AS r_id, r.status AS r_status, r.committee_id AS r_committee_id, r.deadline_id AS r_deadline_id, r.point AS r_point,
                to_char(r.due_date, 'YYYY-MM-DD') AS r_due_date,
                d.deadline_status, d.due_date, d.kind, d.assignment_id, d.assignment_status, d.unit_id, d.unit_name, d.proposal_id, d.number, d.title,
                d.reminder_plan, d.supervisor_user_id
         FROM reminders r
         LEFT JOIN (${reminderContextSql('deadlines')}) d ON d.deadline_id = r.deadline_id
         WHERE r.id = ANY($1::uuid[])
         ORDER BY r.id
         FOR UPDATE OF r`,
        [[...new Set(reminderIds)]],
      );
      const byId = new Map(rows.map((row) => [row.r_id, row]));
      const now = this.clock.now();
      const today = localDate(now, this.config.TIME_ZONE);
      const outcomeOf = new Map<string, DeliveryOutcome>();
      const cancelled: string[] = [];
      const notices: NotifyInput[] = [];
      const overdueSent: Array<{ row: ContextRow; plan: ReminderPlanConfig; overdue: number }> = [];
      const lookups = new Map<string, Promise<string[]>>();
      for (const row of byId.values()) {
        if (row.r_status !== ReminderStatus.Planned) {
          outcomeOf.set(row.r_id, 'skipped');
          continue;
        }
        const reminder = { id: row.r_id, committeeId: row.r_committee_id, deadlineId: row.r_deadline_id, point: row.r_point, dueDate: row.r_due_date };
        const stillApplies =
          row.due_date === reminder.dueDate && deadlineRuns({ deadlineStatus: row.deadline_status, kind: row.kind, assignmentStatus: row.assignment_status });
        // A warning ahead of a date already gone (the worker was down, say) would mislead: drop it.
        if (!stillApplies || (overdueDays(reminder.point) === null && today > reminder.dueDate)) {
          cancelled.push(reminder.id);
          outcomeOf.set(reminder.id, 'cancelled');
          continue;
        }
        const context: DeadlineContext = row;
        const plan = reminderPlanWithDefaults(context.reminder_plan);
        // Overdue reminders say how late the reply really is, even when delivered late.
        const overdue = overdueDays(reminder.point) === null ? null : daysBetween(reminder.dueDate, today);
        const label = context.number ? `第${context.number}号提案` : `提案《${context.title}》`;
        notices.push({
          committeeId: reminder.committeeId,
          recipientUserIds: await this.recipients(manager, lookups, reminder.committeeId, context, this.audience(reminder, context, plan, overdue)),
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
        outcomeOf.set(reminder.id, 'sent');
        if (overdue !== null) overdueSent.push({ row, plan, overdue });
      }
      if (cancelled.length > 0) await manager.update(Reminder, { id: In(cancelled) }, { status: ReminderStatus.Cancelled });
      const sent = notices.map((notice) => notice.dedupeKey.slice('reminder-'.length));
      if (sent.length > 0) {
        await this.notifications.notifyMany(manager, notices);
        await manager.update(Reminder, { id: In(sent) }, { status: ReminderStatus.Sent, sentAt: now });
      }
      // Overdue reminders roll on: each sent one plans the next, every N days, while the reply is outstanding.
      const followUps: Reminder[] = [];
      for (const { row, plan, overdue } of overdueSent) {
        followUps.push(
          ...(await this.reminders.insertPoints(
            manager,
            { id: row.r_deadline_id, committeeId: row.r_committee_id, kind: 'reply', dueDate: row.r_due_date },
            overduePoints(row.r_due_date, plan, now, Math.floor(overdue / plan.reply.overdueEveryDays) + 1),
          )),
        );
      }
      return { outcomes: outcomeOf, followUps };
    });
    // Unknown ids (the row is gone) and an id's repeats in the same set are no-ops.
    const answered = new Set<string>();
    return reminderIds.map((id) => {
      if (answered.has(id)) return 'skipped';
      answered.add(id);
      return outcomes.get(id) ?? 'skipped';
    });
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

  /** The users to notify; each membership or proposer lookup is made once per set (`lookups`). */
  private async recipients(
    manager: EntityManager,
    lookups: Map<string, Promise<string[]>>,
    committeeId: string,
    context: DeadlineContext,
    roles: Set<ReminderRecipient>,
  ): Promise<string[]> {
    const once = (key: string, lookup: () => Promise<string[]>): Promise<string[]> => {
      let found = lookups.get(key);
      if (!found) lookups.set(key, (found = lookup()));
      return found;
    };
    const unitRoles = [Role.Drafter, Role.Leader].filter((role) => roles.has(role as ReminderRecipient));
    const users = [
      ...(unitRoles.length
        ? await once(`unit ${committeeId} ${context.unit_id} ${unitRoles.join()}`, () => this.org.userIdsWithRole(manager, committeeId, unitRoles, [context.unit_id]))
        : []),
      ...(roles.has('staff') ? await once(`staff ${committeeId}`, () => this.org.userIdsWithRole(manager, committeeId, Role.Staff)) : []),
    ];
    if (roles.has('proposer')) {
      users.push(
        ...(await once(`proposers ${context.proposal_id}`, async () => {
          const rows: Array<{ user_id: string }> = await manager.query(reminderContextSql('proposersToRemind'), [context.proposal_id]);
          return rows.map((row) => row.user_id);
        })),
      );
    }
    if (roles.has('supervisor') && context.supervisor_user_id) users.push(context.supervisor_user_id);
    return users;
  }
}
