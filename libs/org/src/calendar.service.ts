import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { addDays, Clock, DomainError, WorkingCalendar } from '#app/core';
import { CalendarDay } from './calendar-day.entity.js';
import type { OrgActor } from './org.service.js';

export interface CalendarDayView {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  /** `national` (the State Council's schedule) or `committee` (this committee's override). */
  source: 'national' | 'committee';
}

export interface CalendarDayInput {
  kind: 'holiday' | 'workday';
  name: string;
}

/** How far past its start a deadline may reach: the calendar is loaded for that span. */
const HORIZON_DAYS = 800;

/** The working-day calendar of a committee: the national schedule plus the committee's own days. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A calendar good for deadlines starting on `from` (national rows first, committee rows override). */
  async calendarFor(manager: EntityManager, committeeId: string, from: string): Promise<WorkingCalendar> {
    const rows = await manager
      .getRepository(CalendarDay)
      .createQueryBuilder('d')
      .select(["to_char(d.date, 'YYYY-MM-DD') AS date", 'd.kind AS kind', 'd.name AS name', 'd.committee_id AS committee_id'])
      .where('(d.committee_id IS NULL OR d.committee_id = :committeeId)', { committeeId })
      .andWhere('d.date BETWEEN :from AND :to', { from: addDays(from, -7), to: addDays(from, HORIZON_DAYS) })
      .orderBy('d.committee_id IS NULL', 'DESC')
      .addOrderBy('d.date', 'ASC')
      .getRawMany<{ date: string; kind: 'holiday' | 'workday'; name: string }>();
    return new WorkingCalendar(rows);
  }

  /** The exceptions of a year as this committee sees them. */
  async listYear(committeeId: string, year: number): Promise<CalendarDayView[]> {
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ON (d.date) to_char(d.date, 'YYYY-MM-DD') AS date, d.kind, d.name,
              CASE WHEN d.committee_id IS NULL THEN 'national' ELSE 'committee' END AS source
       FROM calendar_days d
       WHERE (d.committee_id IS NULL OR d.committee_id = $1) AND d.date BETWEEN $2 AND $3
       ORDER BY d.date, d.committee_id IS NULL`,
      [committeeId, `${year}-01-01`, `${year}-12-31`],
    );
    return rows as CalendarDayView[];
  }

  /**
   * Sets this committee's own entry for a day (e.g. a local holiday, or a correction), audited, in the
   * caller's transaction (deadlines that depend on the day are recomputed in the same one).
   */
  async setDayIn(manager: EntityManager, actor: OrgActor, date: string, input: CalendarDayInput): Promise<CalendarDayView> {
    const before = await manager.getRepository(CalendarDay).findOneBy({ committeeId: actor.committeeId, date });
    await manager.query(
      `INSERT INTO calendar_days (committee_id, date, kind, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (committee_id, date) WHERE committee_id IS NOT NULL DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
      [actor.committeeId, date, input.kind, input.name],
    );
    const after = await manager.getRepository(CalendarDay).findOneByOrFail({ committeeId: actor.committeeId, date });
    await this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: 'calendar_day',
      entityId: after.id,
      action: before ? 'calendar.day-changed' : 'calendar.day-added',
      before: before ? { date, kind: before.kind, name: before.name } : null,
      after: { date, kind: input.kind, name: input.name },
      at: this.clock.now(),
    });
    return { date, kind: input.kind, name: input.name, source: 'committee' };
  }

  /**
   * Replaces the national schedule of a year (the State Council publishes it each autumn), audited,
   * in the caller's transaction. Committees' own days are left as they are.
   */
  async replaceNationalYear(manager: EntityManager, year: number, days: Array<CalendarDayInput & { date: string }>, source: string): Promise<void> {
    const outside = days.filter((day) => !day.date.startsWith(`${year}-`));
    if (outside.length > 0) throw new DomainError('invalid', 'CALENDAR_DAY_OUTSIDE_YEAR', `${outside[0].date} is not in ${year}`);
    const before: Array<{ date: string; kind: string; name: string }> = await manager.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE committee_id IS NULL AND date BETWEEN $1 AND $2 ORDER BY date`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    await manager.query('DELETE FROM calendar_days WHERE committee_id IS NULL AND date BETWEEN $1 AND $2', [`${year}-01-01`, `${year}-12-31`]);
    if (days.length > 0) {
      await manager.query(
        `INSERT INTO calendar_days (date, kind, name) SELECT d::date, k, n FROM unnest($1::text[], $2::text[], $3::text[]) AS t(d, k, n)`,
        [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
      );
    }
    await this.audit.record(manager, {
      committeeId: null,
      actorUserId: null,
      entity: 'calendar_year',
      entityId: '00000000-0000-0000-0000-' + String(year).padStart(12, '0'),
      action: 'calendar.national-year-replaced',
      before: { year, days: before.length },
      after: { year, days: days.length, source },
      at: this.clock.now(),
    });
  }

  /** Removes this committee's own entry for a day; the national schedule applies again. */
  async clearDayIn(manager: EntityManager, actor: OrgActor, date: string): Promise<void> {
    const before = await manager.getRepository(CalendarDay).findOneBy({ committeeId: actor.committeeId, date });
    if (!before) throw new DomainError('not_found', 'CALENDAR_DAY_NOT_FOUND', `Your committee has no entry of its own for ${date}`);
    await manager.delete(CalendarDay, { id: before.id });
    await this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: 'calendar_day',
      entityId: before.id,
      action: 'calendar.day-removed',
      before: { date, kind: before.kind, name: before.name },
      after: null,
      at: this.clock.now(),
    });
  }
}
