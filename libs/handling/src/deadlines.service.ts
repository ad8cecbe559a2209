import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import {
  addDays,
  AppConfig,
  Clock,
  computeDeadline,
  daysBetween,
  type DeadlineKind,
  type DeadlineRules,
  DomainError,
  type DueExplanation,
  givenDueDate,
  insertRows,
  localDate,
  provisionalStep,
  type ReminderPlanConfig,
  RULE_OF_KIND,
  type WorkingCalendar,
} from '#app/core';
import { CalendarService } from '#app/org';
import { type Reminder, RemindersService } from '#app/reminders';
import { DeadlineEvent, type DeadlineEventKind } from './deadline-event.entity.js';
import { type RuleContext, rulesOf, rulesOfAssignment, rulesOfMany } from './deadline-rules.js';
import { Deadline, DeadlineStatus } from './deadline.entity.js';
import { DEADLINE_TRANSITIONS, DeadlineAction, requireDeadlineAllowed } from './handling-transitions.js';
import { HandlingEntity } from './handling.vocabulary.js';
import { HandlingErrorCode } from './handling.errors.js';

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

/**
 * The deadlines of assignments: opened by the session's rules (overridable per proposal) on the
 * committee's working calendar, moved by extensions, clock stops and calendar changes — every move
 * with its history, its audit entry and its reminders re-planned, in the caller's transaction.
 * Methods return the reminders to schedule once the transaction has committed. Calendar changes and
 * the recomputing they cause are {@link CalendarChangesService}'s.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.localDay(this.clock.now());
  }

  /** The committee's calendar day (in the configured time zone) of an instant. */
  localDay(at: Date): string {
    return localDate(at, this.config.TIME_ZONE);
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
    const contexts = await rulesOfMany(manager, requests.map((r) => r.assignment.proposalId));
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
      const ended = existing.find((d) => d.assignmentId === assignment.id && d.kind === kind);
      // A new deadline opens; an ended one starts again (a running one may not be set twice).
      const status = ended ? requireDeadlineAllowed(ended, DeadlineAction.Restart) : DeadlineStatus.Open;
      const fields = { status, startDate, rule: given ? null : rule, dueDate: explanation.due, explanation, pausedOn: null, metAt: null };
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
    const { rules } = await rulesOf(manager, proposalId);
    return computeDeadline(ruleKey, rules[ruleKey], startDate, await this.calendar.calendarFor(manager, committeeId, startDate));
  }

  /** Ends deadlines as done (reply dispatched, assignment accepted, …); their reminders are cancelled. */
  async meet(manager: EntityManager, actorUserId: string | null, assignmentId: string, kinds: DeadlineKind[]): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId, kind: In(kinds) }, DeadlineAction.Meet);
  }

  /** Ends deadlines that no longer apply (a feedback window on an answer being redone), their reminders cancelled. */
  async cancel(manager: EntityManager, actorUserId: string | null, assignmentId: string, kinds: DeadlineKind[]): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId, kind: In(kinds) }, DeadlineAction.Cancel);
  }

  /** Ends every deadline still running on an assignment (it was closed or withdrawn). */
  async cancelAll(manager: EntityManager, actorUserId: string | null, assignmentId: string): Promise<void> {
    await this.end(manager, actorUserId, { assignmentId }, DeadlineAction.Cancel);
  }

  /**
   * Moves a deadline to a date the committee granted (延期), with the reason. A deadline whose clock is
   * stopped takes the granted date too (a unit may ask while it waits, and the request was accepted):
   * it stays stopped, without reminders, and when the clock runs again the days it stood are added to
   * the granted date, as they would have been to the date before it.
   */
  async extend(manager: EntityManager, actorUserId: string, deadline: Deadline, to: string, reason: string): Promise<Reminder[]> {
    requireDeadlineAllowed(deadline, DeadlineAction.Extend);
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
    const status = requireDeadlineAllowed(deadline, DeadlineAction.StopClock);
    await manager.update(Deadline, { id: deadline.id }, { status, pausedOn: this.today() });
    await this.reminders.cancelFor(manager, [deadline.id]);
    await this.record(manager, actorUserId, deadline, 'clock-stopped', deadline.dueDate, deadline.dueDate, reason);
  }

  /** The clock runs again: the due date moves by the days it stood still, to a working day. */
  async resumeClock(manager: EntityManager, actorUserId: string, deadline: Deadline, reason: string): Promise<Reminder[]> {
    const status = requireDeadlineAllowed(deadline, DeadlineAction.ResumeClock);
    if (!deadline.pausedOn) {
      throw new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_PAUSED, `The ${deadline.kind} deadline's clock is not stopped`);
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
    await manager.update(Deadline, { id: deadline.id }, { status, pausedOn: null });
    deadline.status = status;
    return this.move(manager, actorUserId, deadline, { dueDate: moved.date, explanation }, 'clock-resumed', reason);
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
    if (!deadline) throw new DomainError('not_found', HandlingErrorCode.DEADLINE_NOT_FOUND, `This assignment has no ${kind} deadline`);
    return deadline;
  }

  /** Moves a deadline to a new due date with its history and audit entry; returns its re-planned reminders. */
  async move(
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
    const { plan } = await rulesOfAssignment(manager, deadline.assignmentId);
    return this.reminders.plan(manager, deadline, plan);
  }

  private async end(
    manager: EntityManager,
    actorUserId: string | null,
    where: { assignmentId: string; kind?: ReturnType<typeof In> },
    action: DeadlineAction.Meet | DeadlineAction.Cancel,
  ): Promise<void> {
    // The deadlines the action may end (the running ones); the others are left as they are.
    const running = await manager.getRepository(Deadline).find({
      where: DEADLINE_TRANSITIONS[action].from.map((status) => ({ ...where, status })) as never,
    });
    if (running.length === 0) return;
    const status = requireDeadlineAllowed(running[0], action);
    await manager.update(Deadline, { id: In(running.map((d) => d.id)) }, { status, metAt: status === DeadlineStatus.Met ? this.clock.now() : null, pausedOn: null });
    await this.reminders.cancelFor(manager, running.map((d) => d.id));
    for (const deadline of running) {
      await this.record(manager, actorUserId, deadline, status === DeadlineStatus.Met ? 'met' : 'cancelled', deadline.dueDate, null, null);
    }
  }

  /** One event of a deadline's history with its audit entry. */
  async record(
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
        entity: HandlingEntity.Deadline,
        entityId: deadline.id,
        action: `deadline.${kind}`,
        before: fromDate ? { kind: deadline.kind, dueDate: fromDate } : null,
        after: { kind: deadline.kind, dueDate: toDate, reason },
        at,
      })),
    );
  }
}
