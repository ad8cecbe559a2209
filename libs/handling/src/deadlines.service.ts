import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import {
  addDays,
  AppConfig,
  Clock,
  computeDeadline,
  daysBetween,
  DEFAULT_DEADLINE_RULES,
  type DeadlineKind,
  type DeadlineRules,
  DomainError,
  type DueExplanation,
  givenDueDate,
  insertRows,
  localDate,
  type HolidayNotice,
  parseHolidayNotice,
  provisionalStep,
  type ReminderPlanConfig,
  reminderPlanWithDefaults,
  RULE_OF_KIND,
  type WorkingCalendar,
} from '#app/core';
import { NotificationsService } from '#app/notifications';
import { type CalendarDayInput, type CalendarDayView, CalendarService, OrgService, type OrgActor, Role } from '#app/org';
import { type Reminder, RemindersService } from '#app/reminders';
import { DeadlineEvent, type DeadlineEventKind } from './deadline-event.entity.js';
import { Deadline, DeadlineStatus } from './deadline.entity.js';

export interface DeadlineView {
  kind: DeadlineKind;
  status: DeadlineStatus;
  startDate: string;
  dueDate: string;
  explanation: DueExplanation;
  /** The due date rests on the statutory holidays of a year whose schedule is not loaded yet. */
  provisional: boolean;
  pausedOn: string | null;
  history: Array<{ kind: DeadlineEventKind; fromDate: string | null; toDate: string | null; reason: string | null; at: string }>;
}

/** Each deadline kind as units read it. */
export const DEADLINE_LABEL: Readonly<Record<DeadlineKind, string>> = {
  reply: '办复期限',
  adjustment_window: '申请调整期限',
  first_contact: '办前面商期限',
  co_opinion: '会办意见期限',
  feedback: '征询意见反馈期限',
};

interface AssignmentRef {
  id: string;
  committeeId: string;
  proposalId: string;
}

/** One deadline to open: see {@link DeadlinesService.open}. */
export interface OpenRequest {
  assignment: AssignmentRef;
  kind: DeadlineKind;
  startDate: string;
  given?: string;
  ruleKey?: keyof DeadlineRules;
  reason?: string;
}

interface RuleContext {
  rules: DeadlineRules;
  plan: ReminderPlanConfig;
}

/**
 * The deadlines of assignments: opened by the session's rules (overridable per proposal) on the
 * committee's working calendar, moved by extensions, clock stops and calendar changes — every move
 * with its history, its audit entry and its reminders re-planned, in the caller's transaction.
 * Methods return the reminders to schedule once the transaction has committed.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly org: OrgService,
  ) {}

  today(): string {
    return localDate(this.clock.now(), this.config.TIME_ZONE);
  }

  /**
   * Opens a deadline counting from `startDate` by its rule (or by `ruleKey`, e.g. the re-handling rule
   * for a reply deadline), or on a date the committee gave; returns it and its reminders. A deadline of
   * the same kind that has already ended on the assignment (a reply met, then 重新办理 ordered; a
   * feedback window closed, then a second reply dispatched) is set again in place, its history kept.
   */
  async open(
    manager: EntityManager,
    actorUserId: string | null,
    assignment: AssignmentRef,
    kind: DeadlineKind,
    startDate: string,
    given?: string,
    options: { ruleKey?: keyof DeadlineRules; reason?: string } = {},
  ): Promise<{ deadline: Deadline; reminders: Reminder[] }> {
    const [opened] = await this.openMany(manager, actorUserId, [{ assignment, kind, startDate, given, ...options }]);
    return opened;
  }

  /**
   * {@link open} for many deadlines at once (a 交办会 opens thousands): the rules of all their proposals
   * in one query, one calendar per committee and start day, the existing deadlines looked up and locked
   * in one query, new ones, their events, audit entries and reminder rows written a chunk per INSERT.
   * Returns each request's deadline and reminders, in the order given.
   */
  async openMany(manager: EntityManager, actorUserId: string | null, requests: readonly OpenRequest[]): Promise<Array<{ deadline: Deadline; reminders: Reminder[] }>> {
    if (requests.length === 0) return [];
    const contexts = await this.rulesOfMany(manager, requests.map((r) => r.assignment.proposalId));
    const calendars = new Map<string, Promise<WorkingCalendar>>();
    const calendarFor = (committeeId: string, from: string): Promise<WorkingCalendar> => {
      const key = `${committeeId} ${from}`;
      if (!calendars.has(key)) calendars.set(key, this.calendar.calendarFor(manager, committeeId, from));
      return calendars.get(key) as Promise<WorkingCalendar>;
    };
    const existing: Deadline[] = await manager
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('(d.assignment_id, d.kind) IN (SELECT * FROM unnest(:ids::uuid[], :kinds::varchar[]))', {
        ids: requests.map((r) => r.assignment.id),
        kinds: requests.map((r) => r.kind),
      })
      .orderBy('d.id')
      .getMany();
    const deadlines: Deadline[] = [];
    const fresh: Deadline[] = [];
    for (const { assignment, kind, startDate, given, ruleKey } of requests) {
      const { rules } = contexts.get(assignment.proposalId) as RuleContext;
      const rule = rules[ruleKey ?? RULE_OF_KIND[kind]];
      const explanation = given
        ? givenDueDate(kind, startDate, given)
        : computeDeadline(ruleKey ?? kind, rule, startDate, await calendarFor(assignment.committeeId, startDate));
      const fields = { status: DeadlineStatus.Open, startDate, rule: given ? null : rule, dueDate: explanation.due, explanation, pausedOn: null, metAt: null };
      const ended = existing.find((d) => d.assignmentId === assignment.id && d.kind === kind);
      if (ended && (ended.status === DeadlineStatus.Open || ended.status === DeadlineStatus.Paused)) {
        throw new DomainError('conflict', 'DEADLINE_RUNNING', `This assignment's ${kind} deadline is still running (due ${ended.dueDate})`);
      }
      if (ended) {
        await manager.update(Deadline, { id: ended.id }, { ...fields, version: () => 'version + 1' } as never);
        deadlines.push(Object.assign(ended, fields));
      } else {
        const deadline = manager.create(Deadline, { committeeId: assignment.committeeId, assignmentId: assignment.id, kind, ...fields });
        fresh.push(deadline);
        deadlines.push(deadline);
      }
    }
    await insertRows(manager, Deadline, fresh);
    await this.recordMany(
      manager,
      actorUserId,
      deadlines.map((deadline, i) => ({
        deadline,
        kind: 'set' as const,
        fromDate: null,
        toDate: deadline.dueDate,
        reason: requests[i].reason ?? (requests[i].given ? '提案委指定' : null),
      })),
    );
    // One planMany per reminder plan (a 交办会's proposals mostly share their session's).
    const byPlan = new Map<ReminderPlanConfig, Deadline[]>();
    deadlines.forEach((deadline, i) => {
      const { plan } = contexts.get(requests[i].assignment.proposalId) as RuleContext;
      byPlan.set(plan, [...(byPlan.get(plan) ?? []), deadline]);
    });
    const reminders = new Map<string, Reminder[]>(deadlines.map((d) => [d.id, []]));
    for (const [plan, planned] of byPlan) {
      for (const reminder of await this.reminders.planMany(manager, planned, plan)) reminders.get(reminder.deadlineId)?.push(reminder);
    }
    return deadlines.map((deadline) => ({ deadline, reminders: reminders.get(deadline.id) ?? [] }));
  }

  /** A due date by one of the session's rules from `startDate` on the committee's calendar, not stored (e.g. a B/C follow-up). */
  async dueBy(manager: EntityManager, committeeId: string, proposalId: string, ruleKey: keyof DeadlineRules, startDate: string): Promise<DueExplanation> {
    const { rules } = await this.rulesOf(manager, proposalId);
    return computeDeadline(ruleKey, rules[ruleKey], startDate, await this.calendar.calendarFor(manager, committeeId, startDate));
  }

  /** Ends deadlines as done (reply dispatched, assignment accepted, …); their reminders are cancelled. */
  async meet(manager: EntityManager, actorUserId: string | null, assignmentId: string, kinds: DeadlineKind[]): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId, kind: In(kinds) }, DeadlineStatus.Met);
  }

  /** Ends deadlines that no longer apply (a feedback window on an answer being redone), their reminders cancelled. */
  async cancel(manager: EntityManager, actorUserId: string | null, assignmentId: string, kinds: DeadlineKind[]): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId, kind: In(kinds) }, DeadlineStatus.Cancelled);
  }

  /** Ends every deadline still running on an assignment (it was closed or withdrawn). */
  async cancelAll(manager: EntityManager, actorUserId: string | null, assignmentId: string): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId }, DeadlineStatus.Cancelled);
  }

  /**
   * Moves a deadline to a date the committee granted (延期), with the reason. A deadline whose clock is
   * stopped takes the granted date too (a unit may ask while it waits, and the request was accepted):
   * it stays stopped, without reminders, and when the clock runs again the days it stood are added to
   * the granted date, as they would have been to the date before it.
   */
  async extend(manager: EntityManager, actorUserId: string, deadline: Deadline, to: string, reason: string): Promise<Reminder[]> {
    if (deadline.status !== DeadlineStatus.Open && deadline.status !== DeadlineStatus.Paused) {
      throw new DomainError('conflict', 'DEADLINE_NOT_OPEN', `The ${deadline.kind} deadline is ${deadline.status}; only a running deadline can be extended`);
    }
    const paused = deadline.status === DeadlineStatus.Paused;
    const { provisional: _wasProvisional, ...rest } = deadline.explanation;
    const explanation: DueExplanation = {
      ...rest,
      unit: 'given',
      due: to,
      steps: [...deadline.explanation.steps, `延期：${deadline.dueDate} → ${to}（${reason}）${paused ? '；计时暂停中，恢复计时后按暂停天数顺延' : ''}`],
    };
    if (!paused) return this.move(manager, actorUserId, deadline, { dueDate: to, explanation, rule: null }, 'extended', reason);
    const from = deadline.dueDate;
    await manager.update(Deadline, { id: deadline.id }, { dueDate: to, explanation, rule: null, version: () => 'version + 1' } as never);
    await this.record(manager, actorUserId, deadline, 'extended', from, to, reason);
    Object.assign(deadline, { dueDate: to, explanation, rule: null });
    return [];
  }

  /** 暂停计时: the clock stops (e.g. waiting for the member); reminders stop with it. */
  async stopClock(manager: EntityManager, actorUserId: string, deadline: Deadline, reason: string): Promise<void> {
    if (deadline.status !== DeadlineStatus.Open) {
      throw new DomainError('conflict', 'DEADLINE_NOT_OPEN', `The ${deadline.kind} deadline is ${deadline.status}; its clock cannot be stopped`);
    }
    await manager.update(Deadline, { id: deadline.id }, { status: DeadlineStatus.Paused, pausedOn: this.today() });
    await this.reminders.cancelFor(manager, [deadline.id]);
    await this.record(manager, actorUserId, deadline, 'clock-stopped', deadline.dueDate, deadline.dueDate, reason);
  }

  /** The clock runs again: the due date moves by the days it stood still, to a working day. */
  async resumeClock(manager: EntityManager, actorUserId: string, deadline: Deadline, reason: string): Promise<Reminder[]> {
    if (deadline.status !== DeadlineStatus.Paused || !deadline.pausedOn) {
      throw new DomainError('conflict', 'DEADLINE_NOT_PAUSED', `The ${deadline.kind} deadline's clock is not stopped`);
    }
    const today = this.today();
    const stood = daysBetween(deadline.pausedOn, today);
    const calendar = await this.calendar.calendarFor(manager, deadline.committeeId, deadline.dueDate);
    const moved = calendar.nextWorkingDay(addDays(deadline.dueDate, stood));
    // Whether the new date rests on a provisional year is decided afresh (a schedule may have been loaded meanwhile).
    const { provisional: _wasProvisional, ...previous } = deadline.explanation;
    const provisional = previous.unit === 'given' ? [] : calendar.provisionalYearsBetween(deadline.startDate, moved.date);
    const explanation: DueExplanation = {
      ...previous,
      due: moved.date,
      steps: [
        ...previous.steps.filter((step) => !step.startsWith('按法定节假日暂定')),
        `${deadline.pausedOn}..${today} 暂停计时${stood}天（${reason}），${deadline.dueDate} 顺延至 ${moved.date}`,
        ...(provisional.length > 0 ? [provisionalStep(provisional)] : []),
      ],
      ...(provisional.length > 0 ? { provisional: true as const } : {}),
    };
    await manager.update(Deadline, { id: deadline.id }, { status: DeadlineStatus.Open, pausedOn: null });
    deadline.status = DeadlineStatus.Open;
    return this.move(manager, actorUserId, deadline, { dueDate: moved.date, explanation }, 'clock-resumed', reason);
  }

  /**
   * Changes a day of the committee's calendar and recomputes every open deadline still worked out by
   * its rule that the day can affect; the moved ones get new reminders. Returns how many moved.
   */
  async changeCalendarDay(
    actor: OrgActor,
    date: string,
    input: CalendarDayInput | null,
  ): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    const { day, moved, planned } = await this.dataSource.transaction(async (manager) => {
      let day: CalendarDayView | null = null;
      if (input) day = await this.calendar.setDayIn(manager, actor, date, input);
      else await this.calendar.clearDayIn(manager, actor, date);
      const { moved, planned } = await this.recompute(manager, actor.userId, actor.committeeId, date, date, `本委日历变更：${date}`);
      return { day, moved, planned };
    });
    await this.reminders.schedule(planned);
    return { day, recomputed: moved };
  }

  /** Loads a year's national schedule and moves every open deadline it changes, in all committees. */
  async importNationalYear(
    year: number,
    days: Array<CalendarDayInput & { date: string }>,
    source: string,
    actorUserId: string | null = null,
  ): Promise<{ recomputed: number; confirmed: number }> {
    const { moved, confirmed, planned } = await this.dataSource.transaction(async (manager) => {
      await this.calendar.replaceNationalYear(manager, year, days, source, actorUserId);
      return this.recompute(manager, actorUserId, null, `${year}-01-01`, `${year}-12-31`, `${year}年节假日安排已载入（${source}）`);
    });
    await this.reminders.schedule(planned);
    return { recomputed: moved, confirmed };
  }

  /**
   * Loads the national schedule from the text of the State Council's notice as published: read whole
   * (an unreadable sentence refuses it, nothing loaded), then {@link importNationalYear}.
   */
  async importNotice(text: string, year: number | undefined, actorUserId: string | null): Promise<HolidayNotice & { recomputed: number; confirmed: number }> {
    const notice = parseHolidayNotice(text, year);
    const result = await this.importNationalYear(notice.year, notice.days, notice.source ?? `国务院办公厅关于${notice.year}年部分节假日安排的通知`, actorUserId);
    return { ...notice, ...result };
  }

  /**
   * Recomputes the open, rule-based deadlines that days between `from` and `to` can affect (of one
   * committee, or of all when `committeeId` is null: a new national schedule). Returns how many moved
   * and the reminders to schedule after commit.
   */
  async recompute(
    manager: EntityManager,
    actorUserId: string | null,
    committeeId: string | null,
    from: string,
    to: string,
    reason: string,
  ): Promise<{ moved: number; confirmed: number; planned: Reminder[] }> {
    const builder = manager
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.status = :open AND d.rule IS NOT NULL', { open: DeadlineStatus.Open })
      .andWhere('d.start_date < :to AND d.due_date >= :from', { to, from: addDays(from, -60) });
    if (committeeId) builder.andWhere('d.committee_id = :committeeId', { committeeId });
    let confirmed = 0;
    const planned: Reminder[] = [];
    const movedDeadlines: Array<{ deadline: Deadline; from: string }> = [];
    // One calendar per committee and start day (a national year touches every committee's open deadlines).
    const calendars = new Map<string, WorkingCalendar>();
    for (const deadline of await builder.getMany()) {
      const key = `${deadline.committeeId} ${deadline.startDate}`;
      if (!calendars.has(key)) calendars.set(key, await this.calendar.calendarFor(manager, deadline.committeeId, deadline.startDate));
      const calendar = calendars.get(key) as WorkingCalendar;
      const explanation = computeDeadline(deadline.kind, deadline.rule as NonNullable<Deadline['rule']>, deadline.startDate, calendar);
      if (explanation.due === deadline.dueDate) {
        if (Boolean(explanation.provisional) === Boolean(deadline.explanation.provisional)) continue;
        // The same date, now on the official schedule (or, a year's schedule removed, provisional again).
        confirmed += 1;
        await manager.update(Deadline, { id: deadline.id }, { explanation, version: () => 'version + 1' } as never);
        await this.audit.record(manager, {
          committeeId: deadline.committeeId,
          actorUserId,
          entity: 'deadline',
          entityId: deadline.id,
          action: explanation.provisional ? 'deadline.made-provisional' : 'deadline.confirmed',
          before: { kind: deadline.kind, dueDate: deadline.dueDate, provisional: Boolean(deadline.explanation.provisional) },
          after: { kind: deadline.kind, dueDate: deadline.dueDate, provisional: Boolean(explanation.provisional), reason },
          at: this.clock.now(),
        });
        continue;
      }
      const from = deadline.dueDate;
      planned.push(...(await this.move(manager, actorUserId, deadline, { dueDate: explanation.due, explanation }, 'recomputed', reason)));
      movedDeadlines.push({ deadline, from });
    }
    await this.tellMoved(manager, movedDeadlines, reason);
    return { moved: movedDeadlines.length, confirmed, planned };
  }

  /** Each unit whose due date a calendar change moved gets an inbox notice: which deadline, old → new, why. */
  private async tellMoved(manager: EntityManager, moved: ReadonlyArray<{ deadline: Deadline; from: string }>, reason: string): Promise<void> {
    if (moved.length === 0) return;
    const rows: Array<{ id: string; unit_id: string; number: number | null; title: string }> = await manager.query(
      'SELECT a.id, a.unit_id, p.number, p.title FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE a.id = ANY($1::uuid[])',
      [[...new Set(moved.map((m) => m.deadline.assignmentId))]],
    );
    const assignments = new Map(rows.map((row) => [row.id, row]));
    const byCommittee = new Map<string, Array<{ deadline: Deadline; from: string }>>();
    for (const m of moved) byCommittee.set(m.deadline.committeeId, [...(byCommittee.get(m.deadline.committeeId) ?? []), m]);
    const at = this.clock.now();
    for (const [committeeId, list] of byCommittee) {
      const unitIds = [...new Set(list.map((m) => assignments.get(m.deadline.assignmentId)?.unit_id as string))];
      const recipients = await this.org.userIdsWithRoleByUnit(manager, committeeId, [Role.Drafter, Role.Leader], unitIds);
      await this.notifications.notifyMany(
        manager,
        list.map(({ deadline, from }) => {
          const assignment = assignments.get(deadline.assignmentId) as { unit_id: string; number: number | null; title: string };
          const proposal = assignment.number ? `第${assignment.number}号提案《${assignment.title}》` : `提案《${assignment.title}》`;
          return {
            committeeId,
            recipientUserIds: recipients.get(assignment.unit_id) ?? [],
            kind: 'deadline.recomputed',
            title: `${proposal}的${DEADLINE_LABEL[deadline.kind]}由${from}调整为${deadline.dueDate}（${reason}）`,
            subject: { entity: 'assignment', id: deadline.assignmentId },
            dedupeKey: `deadline.recomputed-${deadline.id}-${deadline.dueDate}`,
            at,
          };
        }),
      );
    }
  }

  async views(manager: EntityManager, assignmentId: string): Promise<DeadlineView[]> {
    const deadlines = await manager.getRepository(Deadline).find({ where: { assignmentId }, order: { createdAt: 'ASC', kind: 'ASC' } });
    if (deadlines.length === 0) return [];
    const events = await manager
      .getRepository(DeadlineEvent)
      .find({ where: { deadlineId: In(deadlines.map((d) => d.id)) }, order: { at: 'ASC', id: 'ASC' } });
    return deadlines.map((d) => ({
      kind: d.kind,
      status: d.status,
      startDate: d.startDate,
      dueDate: d.dueDate,
      explanation: d.explanation,
      provisional: d.explanation.provisional === true,
      pausedOn: d.pausedOn,
      history: events
        .filter((e) => e.deadlineId === d.id)
        .map((e) => ({ kind: e.kind, fromDate: e.fromDate, toDate: e.toDate, reason: e.reason, at: e.at.toISOString() })),
    }));
  }

  /** The deadline of a kind on an assignment, locked for the transaction. */
  async load(manager: EntityManager, assignmentId: string, kind: DeadlineKind): Promise<Deadline> {
    const deadline = await manager
      .getRepository(Deadline)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.assignment_id = :assignmentId AND d.kind = :kind', { assignmentId, kind })
      .getOne();
    if (!deadline) throw new DomainError('not_found', 'DEADLINE_NOT_FOUND', `This assignment has no ${kind} deadline`);
    return deadline;
  }

  private async move(
    manager: EntityManager,
    actorUserId: string | null,
    deadline: Deadline,
    changes: Pick<Deadline, 'dueDate' | 'explanation'> & Partial<Pick<Deadline, 'rule'>>,
    kind: DeadlineEventKind,
    reason: string,
  ): Promise<Reminder[]> {
    const from = deadline.dueDate;
    await manager.update(Deadline, { id: deadline.id }, { ...changes, version: () => 'version + 1' } as never);
    await this.reminders.cancelFor(manager, [deadline.id]);
    await this.record(manager, actorUserId, deadline, kind, from, changes.dueDate, reason);
    Object.assign(deadline, changes);
    const { plan } = await this.rulesOfAssignment(manager, deadline.assignmentId);
    return this.reminders.plan(manager, deadline, plan);
  }

  private async end(
    manager: EntityManager,
    actorUserId: string | null,
    where: { assignmentId: string; kind?: ReturnType<typeof In> },
    status: DeadlineStatus.Met | DeadlineStatus.Cancelled,
  ): Promise<void> {
    const running = await manager.getRepository(Deadline).find({
      where: [
        { ...where, status: DeadlineStatus.Open },
        { ...where, status: DeadlineStatus.Paused },
      ] as never,
    });
    if (running.length === 0) return;
    await manager.update(Deadline, { id: In(running.map((d) => d.id)) }, { status, metAt: status === DeadlineStatus.Met ? this.clock.now() : null, pausedOn: null });
    await this.reminders.cancelFor(manager, running.map((d) => d.id));
    for (const deadline of running) {
      await this.record(manager, actorUserId, deadline, status === DeadlineStatus.Met ? 'met' : 'cancelled', deadline.dueDate, null, null);
    }
  }

  private async record(
    manager: EntityManager,
    actorUserId: string | null,
    deadline: Deadline,
    kind: DeadlineEventKind,
    fromDate: string | null,
    toDate: string | null,
    reason: string | null,
  ): Promise<void> {
    await this.recordMany(manager, actorUserId, [{ deadline, kind, fromDate, toDate, reason }]);
  }

  /** The events of deadline moves and their audit entries, a chunk per INSERT. */
  private async recordMany(
    manager: EntityManager,
    actorUserId: string | null,
    moves: ReadonlyArray<{ deadline: Deadline; kind: DeadlineEventKind; fromDate: string | null; toDate: string | null; reason: string | null }>,
  ): Promise<void> {
    const at = this.clock.now();
    await insertRows(
      manager,
      DeadlineEvent,
      moves.map(({ deadline, kind, fromDate, toDate, reason }) => manager.create(DeadlineEvent, { deadlineId: deadline.id, kind, fromDate, toDate, reason, actorUserId, at })),
    );
    await this.audit.recordMany(
      manager,
      moves.map(({ deadline, kind, fromDate, toDate, reason }) => ({
        committeeId: deadline.committeeId,
        actorUserId,
        entity: 'deadline',
        entityId: deadline.id,
        action: `deadline.${kind}`,
        before: fromDate ? { kind: deadline.kind, dueDate: fromDate } : null,
        after: { kind: deadline.kind, dueDate: toDate, reason },
        at,
      })),
    );
  }

  private async rulesOf(manager: EntityManager, proposalId: string): Promise<RuleContext> {
    return (await this.rulesOfMany(manager, [proposalId])).get(proposalId) as RuleContext;
  }

  /** The deadline rules and reminder plan of each proposal (its session's, with its own overrides), in one query. */
  private async rulesOfMany(manager: EntityManager, proposalIds: readonly string[]): Promise<Map<string, RuleContext>> {
    const rows: Array<{ id: string; session_id: string; session_rules: DeadlineRules; plan: ReminderPlanConfig | null; proposal_rules: Partial<DeadlineRules> | null }> =
      await manager.query(
        `SELECT p.id, p.session_id, s.deadline_rules AS session_rules, s.reminder_plan AS plan, p.deadline_rules AS proposal_rules
         FROM proposals p JOIN cppcc_sessions s ON s.id = p.session_id WHERE p.id = ANY($1::uuid[])`,
        [[...new Set(proposalIds)]],
      );
    // One plan object per session, so that callers can group deadlines by it.
    const plans = new Map<string, ReminderPlanConfig>();
    return new Map(
      rows.map((row) => {
        if (!plans.has(row.session_id)) plans.set(row.session_id, reminderPlanWithDefaults(row.plan));
        return [row.id, { rules: { ...DEFAULT_DEADLINE_RULES, ...row.session_rules, ...(row.proposal_rules ?? {}) }, plan: plans.get(row.session_id) as ReminderPlanConfig }];
      }),
    );
  }

  private async rulesOfAssignment(manager: EntityManager, assignmentId: string): Promise<RuleContext> {
    const [row]: Array<{ proposal_id: string }> = await manager.query('SELECT proposal_id FROM assignments WHERE id = $1', [assignmentId]);
    return this.rulesOf(manager, row.proposal_id);
  }
}
