import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate, type Page } from '#app/core';
import { SATISFACTION_LABELS } from '#app/feedback';
import {
  type AdjustmentView,
  AdjustmentsService,
  type AssignmentView,
  type ExtensionView,
  ExtensionsService,
  HandlingService,
  type ListAdjustmentsQuery,
  type ListAssignmentsQuery,
  type ListExtensionsQuery,
} from '#app/handling';
import { type ListProposalsQuery, ProposalQueriesService, type ProposalView } from '#app/proposals';
import { type ListRepliesQuery, ReplyQueriesService, type ReplyView } from '#app/replies';
import { type CellFormat, type Column, type ExportFile, streamWorkbook, type XlsxWriter } from './excel.js';
import type { FigureKind } from './figures.js';
import {
  ASSIGNMENT_STATUS_LABELS,
  DECISION_STATUS_LABELS,
  DISCLOSURE_LABELS,
  labelOf,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  REPLY_KIND_LABELS,
  REPLY_STATUS_LABELS,
  ROLE_LABELS,
} from './labels.js';
import { type DrillItem, StatisticsService, type StatisticsQuery } from './statistics.service.js';

/** A list's filters without its paging: an export takes every row the filters select, up to the cap. */
export type ExportQuery<Q> = Omit<Q, 'limit' | 'offset'>;

/** Rows fetched from a list service at a time. */
const PAGE = 500;

const yes = (value: boolean | null | undefined) => (value === null || value === undefined ? '' : value ? '是' : '否');

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
 * Excel exports (exceljs, streamed): every list the API has — proposals, assignments, replies,
 * adjustment requests, extensions — through the same list service and row policy as `GET` of that list
 * (a member exporting proposals gets their own), the feedback forms of a session, and the statistics
 * (summary, per-unit table, overdue list). Chinese headers, widths, number and date formats, frozen
 * header with an auto filter. At most EXPORT_MAX_ROWS rows (default 100,000): a larger one is a 400
 * asking to narrow the filters, refused before anything is sent.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposalsService: ProposalQueriesService,
    private readonly handling: HandlingService,
    private readonly adjustmentsService: AdjustmentsService,
    private readonly extensionsService: ExtensionsService,
    private readonly replyQueries: ReplyQueriesService,
    private readonly statisticsService: StatisticsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async proposals(actor: Actor, query: ExportQuery<ListProposalsQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.proposalsService.list(actor, { ...query, limit, offset });
    const first = await this.firstPage(fetch);
    return this.listWorkbook('提案', first, fetch, (x): Array<Column<ProposalView>> => [
      { header: '届次会议', width: 34, value: (p) => p.sessionName },
      { header: '提案号', width: 8, format: 'integer', value: (p) => p.number },
      { header: '案由', width: 50, value: (p) => p.title },
      { header: '类别', width: 10, value: (p) => p.category },
      { header: '提案类型', width: 10, value: (p) => labelOf(PROPOSAL_KIND_LABELS, p.kind) },
      { header: '状态', width: 12, value: (p) => labelOf(PROPOSAL_STATUS_LABELS, p.status) },
      { header: '领衔人', width: 10, value: (p) => p.proposers.find((r) => r.role === 'lead')?.displayName ?? '' },
      { header: '联名人', width: 24, value: (p) => p.proposers.filter((r) => r.role !== 'lead' && !r.viaProposalId).map((r) => r.displayName).join('、') },
      { header: '集体提案', width: 16, value: (p) => p.group?.name ?? '' },
      { header: '重点提案', width: 9, value: (p) => yes(p.key) },
      { header: '加急', width: 6, value: (p) => yes(p.urgent) },
      { header: '提交时间', width: 17, format: 'datetime', value: (p) => x.time(p.submittedAt) },
      { header: '立案时间', width: 17, format: 'datetime', value: (p) => x.time(p.filedAt) },
      { header: '办结时间', width: 17, format: 'datetime', value: (p) => x.time(p.closedAt) },
    ]);
  }

  async assignments(actor: Actor, query: ExportQuery<ListAssignmentsQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.handling.list(actor, { ...query, limit, offset });
    const first = await this.firstPage(fetch);
    return this.listWorkbook('交办', first, fetch, (x) => this.assignmentColumns(x));
  }

  async replies(actor: Actor, query: ExportQuery<ListRepliesQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.replyQueries.list(actor, { ...query, limit, offset });
    const first = await this.firstPage(fetch);
    return this.listWorkbook('答复', first, fetch, (x): Array<Column<ReplyView>> => [
      { header: '发文字号', width: 22, value: (r) => r.document.docNumber },
      { header: '标题', width: 50, value: (r) => r.document.title },
      { header: '承办单位', width: 24, value: (r) => r.document.issuingUnit },
      { header: '答复类型', width: 10, value: (r) => labelOf(REPLY_KIND_LABELS, r.kind) },
      { header: '状态', width: 10, value: (r) => labelOf(REPLY_STATUS_LABELS, r.status) },
      { header: '办理结果', width: 9, value: (r) => r.grade },
      { header: '公开属性', width: 10, value: (r) => labelOf(DISCLOSURE_LABELS, r.disclosure) },
      { header: '签发人', width: 10, value: (r) => r.document.signer },
      { header: '签发时间', width: 17, format: 'datetime', value: (r) => x.time(r.signedAt) },
      { header: '发出时间', width: 17, format: 'datetime', value: (r) => x.time(r.dispatchedAt) },
    ]);
  }

  async adjustments(actor: Actor, query: ExportQuery<ListAdjustmentsQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.adjustmentsService.list(actor, { ...query, limit, offset });
    const first = await this.firstPage(fetch);
    return this.listWorkbook('调整申请', first, fetch, (x): Array<Column<AdjustmentView>> => [
      { header: '提案号', width: 8, format: 'integer', value: (a) => a.proposalNumber },
      { header: '案由', width: 46, value: (a) => a.proposalTitle },
      { header: '承办单位', width: 24, value: (a) => a.unitName },
      { header: '办理方式', width: 9, value: (a) => labelOf(ROLE_LABELS, a.role) },
      { header: '申请理由', width: 40, value: (a) => a.reason },
      { header: '状态', width: 9, value: (a) => labelOf(DECISION_STATUS_LABELS, a.status) },
      { header: '申请时间', width: 17, format: 'datetime', value: (a) => x.time(a.requestedAt) },
      { header: '决定时间', width: 17, format: 'datetime', value: (a) => x.time(a.decidedAt) },
      { header: '决定说明', width: 30, value: (a) => a.decisionNote },
    ]);
  }

  /** 延期申请, each with its assignment's proposal and unit (read through the assignment policy). */
  async extensions(actor: Actor, query: ExportQuery<ListExtensionsQuery>): Promise<ExportFile> {
    const fetch = async (limit: number, offset: number): Promise<Page<ExtensionView & { assignment?: AssignmentView }>> => {
      const page = await this.extensionsService.list(actor, { ...query, limit, offset });
      const assignments = await this.handling.views(actor, [...new Set(page.items.map((e) => e.assignmentId))]);
      return { ...page, items: page.items.map((e) => ({ ...e, assignment: assignments.find((a) => a.id === e.assignmentId) })) };
    };
    const first = await this.firstPage(fetch);
    return this.listWorkbook('延期申请', first, fetch, (x): Array<Column<ExtensionView & { assignment?: AssignmentView }>> => [
      { header: '提案号', width: 8, format: 'integer', value: (e) => e.assignment?.proposalNumber ?? null },
      { header: '案由', width: 46, value: (e) => e.assignment?.proposalTitle ?? '' },
      { header: '承办单位', width: 24, value: (e) => e.assignment?.unitName ?? '' },
      { header: '申请期限', width: 12, format: 'date', value: (e) => x.date(e.requestedDueDate) },
      { header: '申请理由', width: 40, value: (e) => e.reason },
      { header: '状态', width: 9, value: (e) => labelOf(DECISION_STATUS_LABELS, e.status) },
      { header: '申请时间', width: 17, format: 'datetime', value: (e) => x.time(e.requestedAt) },
      { header: '决定时间', width: 17, format: 'datetime', value: (e) => x.time(e.decidedAt) },
      { header: '决定说明', width: 30, value: (e) => e.decisionNote },
    ]);
  }

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
    const first = await this.firstPage(fetch);
    return this.listWorkbook('征询意见表', first, fetch, (x): Array<Column<FeedbackRow>> => [
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

  private assignmentColumns(x: XlsxWriter): Array<Column<AssignmentView>> {
    return [
      { header: '提案号', width: 8, format: 'integer', value: (a) => a.proposalNumber },
      { header: '案由', width: 46, value: (a) => a.proposalTitle },
      { header: '承办单位', width: 24, value: (a) => a.unitName },
      { header: '办理方式', width: 9, value: (a) => labelOf(ROLE_LABELS, a.role) },
      { header: '状态', width: 9, value: (a) => labelOf(ASSIGNMENT_STATUS_LABELS, a.status) },
      { header: '期限类型', width: 11, value: (a) => (a.dueKind === 'co_opinion' ? '会办意见' : a.dueKind === 'reply' ? '办复' : a.dueKind) },
      { header: '期限', width: 12, format: 'date', value: (a) => x.date(a.dueDate) },
      // A due date counted through a year whose holiday schedule is not loaded yet rests on the statutory days only.
      { header: '期限暂定', width: 9, value: (a) => (a.provisional ? '暂定' : '') },
      { header: '交办时间', width: 17, format: 'datetime', value: (a) => x.time(a.assignedAt) },
      { header: '签收时间', width: 17, format: 'datetime', value: (a) => x.time(a.acceptedAt) },
      { header: '答复时间', width: 17, format: 'datetime', value: (a) => x.time(a.repliedAt) },
      { header: '重点提案', width: 9, value: (a) => yes(a.key) },
      { header: '加急', width: 6, value: (a) => yes(a.urgent) },
    ];
  }

  /** The first page of a list, or a 400 when the whole list is longer than an export may be. */
  private async firstPage<T>(fetch: (limit: number, offset: number) => Promise<Page<T>>): Promise<Page<T>> {
    const first = await fetch(PAGE, 0);
    const max = this.config.EXPORT_MAX_ROWS;
    if (first.total > max) {
      throw new DomainError(
        'invalid',
        'EXPORT_TOO_LARGE',
        `导出最多 ${max} 行，当前条件下有 ${first.total} 行，请缩小筛选条件（如届次、状态、承办单位）后再导出. An export holds at most ${max} rows; these filters select ${first.total}: narrow them`,
        { total: first.total, max },
      );
    }
    return first;
  }

  /** One sheet with every page of a list, the first already fetched. */
  private listWorkbook<T>(name: string, first: Page<T>, fetch: (limit: number, offset: number) => Promise<Page<T>>, columns: (x: XlsxWriter) => Array<Column<T>>): ExportFile {
    const fileName = `${name}-${localDate(this.clock.now(), this.config.TIME_ZONE)}.xlsx`;
    return streamWorkbook(fileName, this.config.TIME_ZONE, async (x) => {
      const sheet = x.sheet(name, columns(x));
      let written = 0;
      for (let page = first; page.items.length > 0 && written < first.total; page = await fetch(PAGE, written)) {
        for (const item of page.items) sheet.add(item);
        written += page.items.length;
      }
      sheet.done();
    });
  }
}
