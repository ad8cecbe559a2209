import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate } from '#app/core';
import { StatisticsService } from './statistics.service.js';
import { renderYearlyReport } from './yearly-report-pdf.js';

/** The overdue list of the report stops here (the most overdue first); the report says how many there are in all. */
const OVERDUE_IN_REPORT = 1000;

/** 年度报告: the statistics of a year's sessions as a PDF with tables and charts. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The report of `year`: the committee's sessions of that year (cppcc_sessions.year), as of `asOf` —
   * by default the year's last day, or today while the year is still running. Committee staff and
   * administrators only.
   */
  async yearly(actor: Actor, year: number, asOf?: string): Promise<{ fileName: string; bytes: Buffer }> {
    const sessions: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM cppcc_sessions WHERE committee_id = $1 AND year = $2 ORDER BY name', [
      actor.committeeId,
      year,
    ]);
    if (sessions.length === 0) throw DomainError.invalidField('year', `year must be a year with a session of your committee; there is none in ${year}`);
    const today = localDate(this.clock.now(), this.config.TIME_ZONE);
    const endOfYear = `${year}-12-31`;
    const scope = await this.statistics.scope(actor, sessions.map((s) => s.id), asOf ?? (endOfYear < today ? endOfYear : today), true);
    const view = await this.statistics.statisticsOf(actor, scope);
    const overdue = await this.statistics.drillOf(actor, scope, 'overdue', null, OVERDUE_IN_REPORT, 0);
    const bytes = await renderYearlyReport({ year, view, overdue: overdue.items, overdueTotal: overdue.total, generatedOn: today });
    return { fileName: `${view.committeeName}${year}年度提案办理工作统计报告.pdf`, bytes };
  }
}
