import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { addDays, Clock, computeDeadline, type HolidayNotice, parseHolidayNotice, type WorkingCalendar } from '#app/core';
import { type CalendarDayInput, type CalendarDayView, CalendarService, type OrgActor } from '#app/org';
import type { Reminder } from '#app/reminders';
import { Deadline, DeadlineStatus } from './deadline.entity.js';
import { DEADLINE_LABEL, DeadlinesService } from './deadlines.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { proposalNumberSql, proposalTitleSql } from '#app/proposals';

/**
 * Calendar changes and what they move: a day of a committee's calendar set or cleared, a year's
 * national schedule loaded (from data or from the State Council's notice); every open deadline worked
 * out by its rule that the change can affect is recomputed, and the units whose dates moved are told.
 */
@Injectable()
export class CalendarChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Changes a day of the committee's calendar and recomputes every open deadline still worked out by
   * its rule that the day can affect; the moved ones get new reminders. Returns how many moved.
   */
  async changeCalendarDay(
    actor: OrgActor,
    date: string,
    input: CalendarDayInput | null,
  ): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    const { day, moved } = await this.dataSource.transaction(async (manager) => {
      let day: CalendarDayView | null = null;
      if (input) day = await this.calendar.setDayIn(manager, actor, date, input);
      else await this.calendar.clearDayIn(manager, actor, date);
      const { moved, planned } = await this.recompute(manager, actor.userId, actor.committeeId, date, date, `本委日历变更：${date}`);
      return { day, moved, planned };
    });
    return { day, recomputed: moved };
  }

  /** Loads a year's national schedule and moves every open deadline it changes, in all committees. */
  async importNationalYear(
    year: number,
    days: Array<CalendarDayInput & { date: string }>,
    source: string,
    actorUserId: string | null = null,
  ): Promise<{ recomputed: number; confirmed: number }> {
    const { moved, confirmed } = await this.dataSource.transaction(async (manager) => {
      await this.calendar.replaceNationalYear(manager, year, days, source, actorUserId);
      return this.recompute(manager, actorUserId, null, `${year}-01-01`, `${year}-12-31`, `${year}年节假日安排已载入（${source}）`);
    });
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
          entity: HandlingEntity.Deadline,
          entityId: deadline.id,
          action: explanation.provisional ? 'deadline.made-provisional' : 'deadline.confirmed',
          before: { kind: deadline.kind, dueDate: deadline.dueDate, provisional: Boolean(deadline.explanation.provisional) },
          after: { kind: deadline.kind, dueDate: deadline.dueDate, provisional: Boolean(explanation.provisional), reason },
          at: this.clock.now(),
        });
        continue;
      }
      const from = deadline.dueDate;
      planned.push(...(await this.deadlines.move(manager, actorUserId, deadline, { dueDate: explanation.due, explanation }, 'recomputed', reason)));
      movedDeadlines.push({ deadline, from });
    }
    await this.tellMoved(manager, movedDeadlines, reason);
    return { moved: movedDeadlines.length, confirmed, planned };
  }

  /** Each unit whose due date a calendar change moved gets an inbox notice: which deadline, old → new, why. */
  private async tellMoved(manager: EntityManager, moved: ReadonlyArray<{ deadline: Deadline; from: string }>, reason: string): Promise<void> {
    if (moved.length === 0) return;
    const rows: Array<{ id: string; unit_id: string; number: number | null; title: string }> = await manager.query(
      `SELECT a.id, a.unit_id, ${proposalNumberSql('a.proposal_id')} AS number, ${proposalTitleSql('a.proposal_id')} AS title FROM assignments a WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(moved.map((m) => m.deadline.assignmentId))]],
    );
    const assignments = new Map(rows.map((row) => [row.id, row]));
    const byCommittee = new Map<string, Array<{ deadline: Deadline; from: string }>>();
    for (const m of moved) byCommittee.set(m.deadline.committeeId, [...(byCommittee.get(m.deadline.committeeId) ?? []), m]);
    const at = this.clock.now();
    for (const [committeeId, list] of byCommittee) {
      await this.notices.toEachUnit(
        manager,
        committeeId,
        list.map(({ deadline, from }) => {
          const assignment = assignments.get(deadline.assignmentId) as { unit_id: string; number: number | null; title: string };
          const proposal = assignment.number ? `第${assignment.number}号提案《${assignment.title}》` : `提案《${assignment.title}》`;
          return {
            unitId: assignment.unit_id,
            committeeId,
            kind: HandlingNoticeKind.DeadlineRecomputed,
            title: `${proposal}的${DEADLINE_LABEL[deadline.kind]}由${from}调整为${deadline.dueDate}（${reason}）`,
            subject: { entity: HandlingEntity.Assignment, id: deadline.assignmentId },
            dedupeKey: `deadline.recomputed-${deadline.id}-${deadline.dueDate}`,
            at,
          };
        }),
      );
    }
  }
}
