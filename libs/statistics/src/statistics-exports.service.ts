import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, type Page } from '#app/core';
import { SATISFACTION_LABELS } from '#app/feedback';
import { type CellFormat, type Column, type ExportFile, streamWorkbook } from './excel.js';
import type { FigureKind } from './figures.js';
import { labelOf, ROLE_LABELS } from './labels.js';
import { ListWorkbooks, yes } from './list-workbooks.js';
import { type DrillItem, StatisticsService, type StatisticsQuery } from './statistics.service.js';

interface FeedbackRow {
  session_name: string;
  number: number | null;
  title: string;
  unit_name: string;
  round: number;
  proposer: string;
  satisfaction: string;
  attitude_satisfaction: string | null;
  contacted: boolean;
  contact_method: string | null;
  answered: boolean;
  paper: boolean;
  comments: string | null;
  created_at: Date;
  total: string;
}

const CONTACT_METHOD_LABELS: Readonly<Record<string, string>> = { face_to_face: '当面', phone: '电话', letter: '书面', other: '其他' };

/**
 * The committee's tracking as Excel (committee staff and administrators, under the statistics policy):
 * every feedback form (征询意见表) of a session, and the statistics (summary, per-unit table, overdue list).
 */
@Injectable()
export class StatisticsExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statisticsService: StatisticsService,
    private readonly workbooks: ListWorkbooks,
    private readonly config: AppConfig,
  ) {}

  /** Every feedback form (征询意见表) of a session or of all sessions, paper forms marked: committee staff and administrators. */
  async feedback(actor: Actor, query: Pick<StatisticsQuery, 'sessionId'>): Promise<ExportFile> {
    const scope = await this.statisticsService.scope(actor, query.sessionId ? [query.sessionId] : null, undefined, true);
    const fetch = async (limit: number, offset: number): Promise<Page<FeedbackRow>> => {
      const rows: FeedbackRow[] = await this.dataSource.query(
        `SELECT s.name AS session_name, p.number, p.title, u.name AS unit_name, r.round, us.display_name AS proposer, f.satisfaction,
           f.attitude_satisfaction, f.contacted, f.contact_method, f.answered, f.recorded_by_user_id <> f.proposer_user_id AS paper,
           f.comments, f.created_at, count(*) OVER () AS total
         FROM proposals p JOIN feedback f ON f.proposal_id = p.id JOIN replies r ON r.id = f.reply_id
         JOIN cppcc_sessions s ON s.id = p.session_id JOIN units u ON u.id = r.unit_id JOIN users us ON us.id = f.proposer_user_id
         WHERE p.committee_id = $1 AND ($2::uuid[] IS NULL OR p.session_id = ANY($2::uuid[]))
         ORDER BY s.year, s.name, p.number NULLS LAST, u.name, us.display_name, r.round, f.id
         LIMIT $3 OFFSET $4`,
        [scope.committeeId, scope.sessionIds, limit, offset],
      );
      return { items: rows, total: rows.length ? Number(rows[0].total) : 0, limit, offset };
    };
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('征询意见表', first, fetch, (x): Array<Column<FeedbackRow>> => [
      { header: '届次会议', width: 34, value: (f) => f.session_name },
      { header: '提案号', width: 8, format: 'integer', value: (f) => f.number },
      { header: '案由', width: 46, value: (f) => f.title },
      { header: '承办单位', width: 24, value: (f) => f.unit_name },
      { header: '答复轮次', width: 9, format: 'integer', value: (f) => f.round },
      { header: '委员', width: 10, value: (f) => f.proposer },
      { header: '对办理结果', width: 11, value: (f) => labelOf(SATISFACTION_LABELS, f.satisfaction) },
      { header: '对办理态度', width: 11, value: (f) => labelOf(SATISFACTION_LABELS, f.attitude_satisfaction) },
      { header: '办前联系', width: 9, value: (f) => yes(f.contacted) },
      { header: '联系方式', width: 9, value: (f) => (f.contact_method ? (CONTACT_METHOD_LABELS[f.contact_method] ?? f.contact_method) : null) },
      { header: '答复切题', width: 9, value: (f) => yes(f.answered) },
      { header: '纸质意见表', width: 11, value: (f) => yes(f.paper) },
      { header: '意见', width: 40, value: (f) => f.comments },
      { header: '填写时间', width: 17, format: 'datetime', value: (f) => x.time(f.created_at) },
    ]);
  }

  /** The statistics as a workbook: the summary, the per-unit table and the overdue list (committee staff and administrators). */
  async statistics(actor: Actor, query: StatisticsQuery): Promise<ExportFile> {
    const scope = await this.statisticsService.scope(actor, query.sessionId ? [query.sessionId] : null, query.asOf, true);
    const view = await this.statisticsService.statisticsOf(actor, scope);
    const overdue = await this.statisticsService.drillOf(actor, scope, 'overdue', null, this.config.EXPORT_MAX_ROWS, 0);
    const scopeName = scope.sessionId ? scope.sessions[0].name : '全部届次';
    const fileName = `提案办理统计-${scopeName}-截至${scope.asOf}.xlsx`;
    return streamWorkbook(fileName, this.config.TIME_ZONE, async (x) => {
      const formatOf = (kind: FigureKind): CellFormat => (kind === 'rate' ? 'percent' : kind === 'average' ? 'decimal' : 'integer');
      const summary = x.sheet<{ label: string; kind: FigureKind; value: number | null }>('汇总', [
        { header: '指标', width: 30, value: (row) => row.label },
        { header: `数值（截至${scope.asOf}）`, width: 22, format: (row) => formatOf(row.kind), value: (row) => row.value },
      ]);
      for (const definition of view.definitions.summary) summary.add({ label: definition.label, kind: definition.kind, value: view.summary?.[definition.key] ?? null });
      summary.done();
      const units = x.sheet<(typeof view.units)[number]>('承办单位', [
        { header: '承办单位', width: 28, value: (line) => line.unitName },
        ...view.definitions.unit.map((definition) => ({
          header: definition.label,
          width: Math.max(8, definition.label.length * 2 + 2),
          format: formatOf(definition.kind),
          value: (line: (typeof view.units)[number]) => line.figures[definition.key] ?? null,
        })),
      ]);
      for (const line of view.units) units.add(line);
      units.done();
      const list = x.sheet<DrillItem>('超期未办', [
        { header: '届次会议', width: 34, value: (item) => item.sessionName },
        { header: '提案号', width: 8, format: 'integer', value: (item) => item.number },
        { header: '案由', width: 46, value: (item) => item.title },
        { header: '承办单位', width: 24, value: (item) => item.unitName },
        { header: '办理方式', width: 9, value: (item) => labelOf(ROLE_LABELS, item.role) },
        { header: '期限', width: 12, format: 'date', value: (item) => x.date(item.dueDate) },
        { header: '超期天数', width: 9, format: 'integer', value: (item) => item.daysOverdue },
      ]);
      for (const item of overdue.items) list.add(item);
      list.done();
    });
  }
}
