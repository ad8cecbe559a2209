import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate } from '#app/core';
import { CodeTable, CodeTablesService, Committee, CppccSession } from '#app/org';
import {
  COUNTED_THING,
  type CountedThing,
  type FigureDefinition,
  figuresAt,
  type FigureKind,
  type FigureLevel,
  GRADE_CODE,
  gradeOfKey,
} from './figures.js';
import { keptDatabaseOn, keptOrLive } from './kept-statistics.js';
import { aggregateSql, drillSql, type DrillRow, type StatisticsScope } from './statistics-sql.js';
import { statisticsUnits } from './statistics.policy.js';
import { StatisticsErrorCode } from './statistics.errors.js';

export interface StatisticsQuery {
  /** One session; all sessions of the committee when absent. */
  sessionId?: string;
  /** YYYY-MM-DD (China date); today when absent. */
  asOf?: string;
}

export interface DrillQuery extends StatisticsQuery {
  figure: string;
  /** The per-unit line's list; the committee's when absent. */
  unitId?: string;
  limit: number;
  offset: number;
}

export interface FigureView {
  key: string;
  label: string;
  kind: FigureKind;
  /** What one row of the figure's drill-down list is. */
  of: CountedThing;
  /** The count whose rows the drill-down lists: the figure itself, a rate's numerator, an average's base. */
  drill: string;
}

export type Figures = Record<string, number | null>;

export interface UnitLine {
  unitId: string;
  unitName: string;
  figures: Figures;
}

export interface StatisticsView {
  committeeId: string;
  committeeName: string;
  /** The sessions counted (one, those of a year, or every session of the committee). */
  sessions: Array<{ id: string; name: string; year: number }>;
  sessionId: string | null;
  asOf: string;
  /** What each figure is, per level, in report order. */
  definitions: { summary: FigureView[]; unit: FigureView[] };
  /** The committee's (or session's) figures; null for a unit leader, who reads only their units' lines. */
  summary: Figures | null;
  /** One line per unit with assignments in the scope, by unit name. */
  units: UnitLine[];
}

export interface DrillItem {
  proposalId: string | null;
  number: number | null;
  title: string | null;
  sessionName: string | null;
  status: string | null;
  unitId: string | null;
  unitName: string | null;
  role: string | null;
  /** Replied (or answer sent, or form given) on, China date. */
  date: string | null;
  daysToReply: number | null;
  onTime: boolean | null;
  /** Due date in force at `asOf`, and the days past it (overdue only). */
  dueDate: string | null;
  daysOverdue: number | null;
  grade: string | null;
  userId: string | null;
  userName: string | null;
  satisfaction: string | null;
  /** A paper form (纸质意见表) recorded by committee staff. */
  paperForm: boolean | null;
}

export interface DrillPage {
  figure: string;
  label: string;
  of: CountedThing;
  /** The count listed (for a rate its numerator, for an average its base). */
  countOf: string;
  unitId: string | null;
  sessionId: string | null;
  asOf: string;
  total: number;
  limit: number;
  offset: number;
  items: DrillItem[];
}

/** A resolved scope with what the views show about it. */
export interface ResolvedScope extends StatisticsScope {
  facts: 'live' | 'kept';
  committeeName: string;
  sessions: Array<{ id: string; name: string; year: number }>;
  sessionId: string | null;
  gradeCodes: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 提案办理统计: the committee's figures for a session (or all sessions, or a year's) as of any date,
 * per unit, and the rows behind every figure. Each figure is a count of fact-table rows under a
 * condition (figures.ts, statistics-sql.ts); the same condition lists its rows, so a drill-down list
 * always has as many rows as its figure. All in SQL: a few aggregate statements, no per-proposal loops.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codeTables: CodeTablesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async statistics(actor: Actor, query: StatisticsQuery): Promise<StatisticsView> {
    const scope = await this.scope(actor, query.sessionId ? [query.sessionId] : null, query.asOf);
    return this.statisticsOf(actor, scope);
  }

  /** The figures of a resolved scope: the summary (staff) and the unit lines the actor may read. */
  async statisticsOf(actor: Actor, scope: ResolvedScope): Promise<StatisticsView> {
    const units = statisticsUnits(actor);
    const [summary, lines] = await Promise.all([units === 'committee' ? this.summaryOf(scope) : Promise.resolve(null), this.unitLinesOf(scope, units)]);
    return {
      committeeId: scope.committeeId,
      committeeName: scope.committeeName,
      sessions: scope.sessions,
      sessionId: scope.sessionId,
      asOf: scope.asOf,
      definitions: { summary: this.definitions('summary', scope.gradeCodes), unit: this.definitions('unit', scope.gradeCodes) },
      summary,
      units: lines,
    };
  }

  /**
   * The rows behind one figure (a rate lists its numerator, an average or maximum the rows it is taken
   * over), a page at a time; with `unitId` the figure of that unit's line.
   */
  async drill(actor: Actor, query: DrillQuery): Promise<DrillPage> {
    const scope = await this.scope(actor, query.sessionId ? [query.sessionId] : null, query.asOf);
    const { figure, countOf, total, items } = await this.drillOf(actor, scope, query.figure, query.unitId ?? null, query.limit, query.offset);
    return {
      figure: figure.key,
      label: figure.label,
      of: COUNTED_THING[countOf.source],
      countOf: countOf.key,
      unitId: query.unitId ?? null,
      sessionId: scope.sessionId,
      asOf: scope.asOf,
      total,
      limit: query.limit,
      offset: query.offset,
      items,
    };
  }

  /** Rows behind a figure in a resolved scope (`limit` null: all of them). */
  async drillOf(
    actor: Actor,
    scope: ResolvedScope,
    key: string,
    unitId: string | null,
    limit: number | null,
    offset: number,
  ): Promise<{ figure: FigureDefinition; countOf: { key: string; source: keyof typeof COUNTED_THING }; total: number; items: DrillItem[] }> {
    const level: FigureLevel = unitId ? 'unit' : 'summary';
    const units = statisticsUnits(actor);
    if (units !== 'committee') {
      if (!unitId) {
        throw new DomainError('forbidden', StatisticsErrorCode.STATISTICS_UNIT_ONLY, 'Unit leaders read the figures of their own units: give unitId');
      }
      if (!units.includes(unitId)) throw DomainError.notFound('Unit', unitId);
    }
    const grade = gradeOfKey(key.replace(/Share$/, ''));
    const figures = figuresAt(level, grade && GRADE_CODE.test(grade) ? withCodes(scope, [grade]) : scope.gradeCodes);
    const figure = figures.find((f) => f.key === key) ?? this.unknownFigure(key, level, scope.gradeCodes);
    const countKey = figure.kind === 'count' ? figure.key : figure.kind === 'rate' ? (figure.numerator as string) : (figure.over as string);
    const counted = figures.find((f) => f.key === countKey)?.counts?.[level];
    if (!counted) throw new Error(`figure ${countKey} has no count at level ${level}`);
    const run = async (pageLimit: number | null, pageOffset: number) => {
      const { text, values } = drillSql(scope, counted, { grade: gradeOfKey(countKey), unitId, limit: pageLimit, offset: pageOffset });
      return this.factQuery<DrillRow>(scope, text, values);
    };
    const rows = await run(limit, offset);
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && offset > 0) {
      // Past the last page no row carries the total: count with a one-row page.
      const [first] = await run(1, 0);
      total = first ? Number(first.total) : 0;
    }
    return { figure, countOf: { key: countKey, source: counted.source }, total, items: rows.map(toItem) };
  }

  /**
   * Sessions counted and the day: one session, the given ones, or all of the committee's; `asOf`
   * today by default and never after today. Another committee's session is a 404. `committeeWide`:
   * for what shows the whole committee (workbook, feedback forms, yearly report), not a unit leader's.
   */
  async scope(actor: Actor, sessionIds: readonly string[] | null, asOf: string | undefined, committeeWide = false): Promise<ResolvedScope> {
    if (committeeWide && statisticsUnits(actor) !== 'committee') {
      throw new DomainError('forbidden', StatisticsErrorCode.STATISTICS_COMMITTEE_ONLY, 'Only committee staff and administrators read the committee’s figures as a whole');
    }
    const today = localDate(this.clock.now(), this.config.TIME_ZONE);
    const day = asOf ?? today;
    if (!DATE.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw DomainError.invalidField('asOf', 'asOf must be a date YYYY-MM-DD');
    }
    if (day > today) throw DomainError.invalidField('asOf', `asOf must not be after today (${today})`);
    const builder = this.dataSource
      .getRepository(CppccSession)
      .createQueryBuilder('s')
      .where('s.committee_id = :committeeId', { committeeId: actor.committeeId })
      .orderBy('s.year')
      .addOrderBy('s.name');
    if (sessionIds) builder.andWhere('s.id = ANY(:sessionIds::uuid[])', { sessionIds });
    // Independent lookups, side by side (the dashboard's latency is their sum otherwise).
    const [committee, sessions, facts, gradeCodes] = await Promise.all([
      this.dataSource.getRepository(Committee).findOneByOrFail({ id: actor.committeeId }),
      builder.getMany(),
      this.factsFor(actor.committeeId, day),
      this.gradeCodes(actor.committeeId),
    ]);
    const missing = sessionIds?.find((id) => !sessions.some((s) => s.id === id));
    if (missing) throw DomainError.notFound('Session', missing);
    return {
      committeeId: actor.committeeId,
      committeeName: committee.name,
      sessionIds: sessionIds ? sessions.map((s) => s.id) : null,
      sessionId: sessionIds?.length === 1 ? sessionIds[0] : null,
      sessions: sessions.map((s) => ({ id: s.id, name: s.name, year: s.year })),
      asOf: day,
      timeZone: this.config.TIME_ZONE,
      facts,
      gradeCodes,
    };
  }

  /**
   * Where a scope's fact rows come from (ADR 14): the committee's kept statistics, brought up to date
   * first, when they stand for `asOf` (always for today); else computed live from the base tables.
   */
  private factsFor(committeeId: string, asOf: string): Promise<'kept' | 'live'> {
    return keptOrLive(keptDatabaseOn(this.dataSource), committeeId, asOf, this.config.TIME_ZONE);
  }

  async summaryOf(scope: ResolvedScope): Promise<Figures> {
    const figures = figuresAt('summary', scope.gradeCodes);
    const { text, values } = aggregateSql(scope, 'summary', figures);
    const [row] = await this.factQuery<Record<string, Record<string, number | string | null> | null>>(scope, text, values);
    const counts: Record<string, number | null> = {};
    for (const [source, object] of Object.entries(row)) {
      if (source === 'grades') continue;
      for (const [key, value] of Object.entries(object ?? {})) counts[key] = value === null ? null : Number(value);
    }
    // A grade no longer in the code table may still be on older answers: it is counted under its own code.
    const codes = withCodes(scope, Object.keys(row.grades ?? {}));
    for (const code of codes) counts[`grade${code}`] = Number(row.grades?.[code] ?? 0);
    return complete(figuresAt('summary', codes), counts, 'summary');
  }

  async unitLinesOf(scope: ResolvedScope, units: 'committee' | readonly string[]): Promise<UnitLine[]> {
    if (units !== 'committee' && units.length === 0) return [];
    const figures = figuresAt('unit', scope.gradeCodes);
    const { text, values } = aggregateSql(scope, 'unit', figures);
    const [row] = await this.factQuery<Record<string, Record<string, Record<string, number | string | null>> | null>>(scope, text, values);
    const unitIds = Object.keys(row.sa ?? {}).filter((id) => units === 'committee' || units.includes(id));
    if (unitIds.length === 0) return [];
    const codes = withCodes(scope, Object.values(row.grades ?? {}).flatMap((grades) => Object.keys(grades)));
    const lineFigures = figuresAt('unit', codes);
    const names: Array<{ id: string; name: string }> = await this.dataSource.query('SELECT id, name FROM units WHERE id = ANY($1::uuid[])', [unitIds]);
    return names
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
      .map(({ id, name }) => {
        const counts: Record<string, number | null> = {};
        for (const [source, byUnit] of Object.entries(row)) {
          if (source === 'grades') continue;
          for (const [key, value] of Object.entries(byUnit?.[id] ?? {})) counts[key] = value === null ? null : Number(value);
        }
        for (const code of codes) counts[`grade${code}`] = Number(row.grades?.[id]?.[code] ?? 0);
        return { unitId: id, unitName: name, figures: complete(lineFigures, counts, 'unit') };
      });
  }

  definitions(level: FigureLevel, gradeCodes: readonly string[]): FigureView[] {
    const figures = figuresAt(level, gradeCodes);
    return figures.map((f) => {
      const drill = f.kind === 'count' ? f.key : f.kind === 'rate' ? (f.numerator as string) : (f.over as string);
      const source = figures.find((c) => c.key === drill)?.counts?.[level]?.source ?? 'pf';
      return { key: f.key, label: f.label, kind: f.kind, of: COUNTED_THING[source], drill };
    });
  }

  /**
   * Runs a statement over the fact tables. Live ones with JIT off: their plans cost enough to trigger
   * PostgreSQL's JIT compilation, which took longer than the execution itself (5.8 s of 8.8 s for 30,000
   * proposals). Kept ones are a scan of the committee's kept rows, far below JIT's threshold (ADR 14),
   * so they need no transaction around them.
   */
  private async factQuery<T>(scope: StatisticsScope, text: string, values: unknown[]): Promise<T[]> {
    if (scope.facts === 'kept') return (await this.dataSource.query(text, values)) as T[];
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return (await manager.query(text, values)) as T[];
    });
  }

  /** The committee's grade codes (办理结果: A/B/C by default, A–D where configured), in table order. */
  private async gradeCodes(committeeId: string): Promise<string[]> {
    return (await this.codeTables.list(committeeId, CodeTable.ReplyGrade)).map((g) => g.code).filter((code) => GRADE_CODE.test(code));
  }

  private unknownFigure(key: string, level: FigureLevel, gradeCodes: readonly string[]): never {
    const other = figuresAt(level === 'unit' ? 'summary' : 'unit', gradeCodes).some((f) => f.key === key);
    const problem = other
      ? level === 'unit'
        ? `${key} is a committee figure, not one of a unit's line: leave out unitId`
        : `${key} is a figure of a unit's line: give unitId`
      : `figure must be one of ${figuresAt(level, gradeCodes).map((f) => f.key).join(', ')}`;
    throw DomainError.invalidField('figure', problem);
  }
}

/** The scope's grade codes and any other code found, the latter kept in the scope (for the definitions shown). */
function withCodes(scope: ResolvedScope, found: readonly string[]): string[] {
  const extra = [...new Set(found)].filter((code) => GRADE_CODE.test(code) && !scope.gradeCodes.includes(code)).sort();
  if (extra.length > 0) scope.gradeCodes = [...scope.gradeCodes, ...extra];
  return scope.gradeCodes;
}

/** Counts as computed, with the rates, averages and maxima of the level worked out from them. */
function complete(figures: readonly FigureDefinition[], counts: Record<string, number | null>, level: FigureLevel): Figures {
  const result: Figures = {};
  for (const figure of figures) {
    if (figure.kind === 'count') result[figure.key] = counts[figure.key] ?? 0;
  }
  for (const figure of figures) {
    if (figure.kind === 'rate') {
      const denominator = result[figure.denominators?.[level] as string] ?? 0;
      result[figure.key] = denominator ? (result[figure.numerator as string] ?? 0) / denominator : null;
    } else if (figure.kind === 'average') {
      const n = result[figure.over as string] ?? 0;
      result[figure.key] = n ? (counts[figure.key] ?? 0) / n : null;
    } else if (figure.kind === 'max') {
      result[figure.key] = counts[figure.key] ?? null;
    }
  }
  return result;
}

const toItem = (row: DrillRow): DrillItem => ({
  proposalId: row.proposal_id,
  number: row.number,
  title: row.title,
  sessionName: row.session_name,
  status: row.status,
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  date: row.replied_on,
  daysToReply: row.days_to_reply,
  onTime: row.on_time,
  dueDate: row.due_on,
  daysOverdue: row.days_overdue,
  grade: row.grade,
  userId: row.user_id,
  userName: row.user_name,
  satisfaction: row.satisfaction,
  paperForm: row.paper,
});
