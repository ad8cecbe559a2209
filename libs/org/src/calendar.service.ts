import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { addDays, AppConfig, type CalendarException, Clock, DomainError, localDate, statutoryHolidays, WorkingCalendar } from '#app/core';
import { CalendarDay } from './calendar-day.entity.js';
import type { OrgActor } from './org-audit.js';
import { OrgErrorCode } from './org.errors.js';
import { OrgEntity } from './org.vocabulary.js';

export interface CalendarDayView {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  /**
   * `national` (the State Council's schedule), `provisional` (a statutory day of a year whose schedule is
   * not loaded yet) or `committee` (this committee's override).
   */
  source: 'national' | 'provisional' | 'committee';
}

/** Whether next year's national schedule is loaded, and whether it is time to say so. */
export interface CalendarScheduleStatus {
  /** The year after today's (in TIME_ZONE). */
  year: number;
  loaded: boolean;
  /** Years from today's on whose deadlines rest on the statutory days only. */
  provisionalYears: number[];
  /** From CALENDAR_NOTICE_FROM until `year` is loaded: admins and staff are told to load it. */
  warning: boolean;
  message: string | null;
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
    private readonly config: AppConfig,
  ) {}

  /** The years with a loaded national schedule, in order. */
  async loadedYears(manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows: Array<{ year: number }> = await manager.query(
      'SELECT DISTINCT extract(year FROM date)::int AS year FROM calendar_days WHERE committee_id IS NULL ORDER BY 1',
    );
    return rows.map((row) => row.year);
  }

  /**
   * Years from `fromYear` to `toYear` without a loaded schedule: their days off are the statutory ones and
   * their deadlines provisional. Years before the first loaded schedule are history and stay as they are.
   */
  provisionalYears(loaded: readonly number[], fromYear: number, toYear: number): number[] {
    const years: number[] = [];
    for (let year = Math.max(fromYear, loaded[0] ?? fromYear); year <= toYear; year += 1) if (!loaded.includes(year)) years.push(year);
    return years;
  }

  /** Whether next year's schedule is loaded; from CALENDAR_NOTICE_FROM until it is, a warning. */
  async scheduleStatus(manager: EntityManager = this.dataSource.manager): Promise<CalendarScheduleStatus> {
    const today = localDate(this.clock.now(), this.config.TIME_ZONE);
    const year = Number(today.slice(0, 4)) + 1;
    const loaded = await this.loadedYears(manager);
    const provisionalYears = this.provisionalYears(loaded, year - 1, year);
    const warning = !loaded.includes(year) && today.slice(5) >= this.config.CALENDAR_NOTICE_FROM;
    return {
      year,
      loaded: loaded.includes(year),
      provisionalYears,
      warning,
      message: warning
        ? `${year}年节假日安排尚未载入：跨入${year}年的期限按法定节假日暂定（不含调休）。国务院办公厅通知发布后，请管理员在“日历与规则”中粘贴通知载入，期限将自动重算。`
        : null,
    };
  }

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
    const provisional = this.provisionalYears(await this.loadedYears(manager), Number(addDays(from, -7).slice(0, 4)), Number(addDays(from, HORIZON_DAYS).slice(0, 4)));
    // A provisional year has no national rows: its statutory days come first, the committee's rows still win.
    return new WorkingCalendar([...provisional.flatMap(statutoryHolidays), ...rows], { provisionalYears: provisional });
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
    const views = rows as CalendarDayView[];
    if (this.provisionalYears(await this.loadedYears(), year, year).length === 0) return views;
    const own = new Set(views.map((view) => view.date));
    const statutory = statutoryHolidays(year)
      .filter((day) => !own.has(day.date))
      .map((day: CalendarException): CalendarDayView => ({ ...day, source: 'provisional' }));
    return [...views, ...statutory].sort((a, b) => a.date.localeCompare(b.date));
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
      entity: OrgEntity.CalendarDay,
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
  async replaceNationalYear(
    manager: EntityManager,
    year: number,
    days: Array<CalendarDayInput & { date: string }>,
    source: string,
    actorUserId: string | null = null,
  ): Promise<void> {
    const outside = days.filter((day) => !day.date.startsWith(`${year}-`));
    if (outside.length > 0) throw new DomainError('invalid', OrgErrorCode.CALENDAR_DAY_OUTSIDE_YEAR, `${outside[0].date} is not in ${year}`);
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
      actorUserId,
      entity: OrgEntity.CalendarYear,
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
    if (!before) throw new DomainError('not_found', OrgErrorCode.CALENDAR_DAY_NOT_FOUND, `Your committee has no entry of its own for ${date}`);
    await manager.delete(CalendarDay, { id: before.id });
    await this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: OrgEntity.CalendarDay,
      entityId: before.id,
      action: 'calendar.day-removed',
      before: { date, kind: before.kind, name: before.name },
      after: null,
      at: this.clock.now(),
    });
  }
}
