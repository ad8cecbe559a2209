import { Injectable } from '@nestjs/common';
import type { Actor } from '#app/auth';
import type { Page } from '#app/core';
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
import type { Column, ExportFile, XlsxWriter } from './excel.js';
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
import { ListWorkbooks, yes } from './list-workbooks.js';

/** A list's filters without its paging: an export takes every row the filters select, up to the cap. */
export type ExportQuery<Q> = Omit<Q, 'limit' | 'offset'>;

/**
 * Excel exports (exceljs, streamed) of every list the API has — proposals, assignments, replies,
 * adjustment requests, extensions — through the same list service and row policy as `GET` of that list
 * (a member exporting proposals gets their own). Chinese headers, widths, number and date formats, frozen
 * header with an auto filter. At most EXPORT_MAX_ROWS rows (default 100,000): a larger one is a 400
 * asking to narrow the filters, refused before anything is sent (`ListWorkbooks`). The feedback forms
 * and the statistics are `StatisticsExportsService`.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly proposalsService: ProposalQueriesService,
    private readonly handling: HandlingService,
    private readonly adjustmentsService: AdjustmentsService,
    private readonly extensionsService: ExtensionsService,
    private readonly replyQueries: ReplyQueriesService,
    private readonly workbooks: ListWorkbooks,
  ) {}

  async proposals(actor: Actor, query: ExportQuery<ListProposalsQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.proposalsService.list(actor, { ...query, limit, offset });
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('提案', first, fetch, (x): Array<Column<ProposalView>> => [
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
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('交办', first, fetch, (x) => this.assignmentColumns(x));
  }

  async replies(actor: Actor, query: ExportQuery<ListRepliesQuery>): Promise<ExportFile> {
    const fetch = (limit: number, offset: number) => this.replyQueries.list(actor, { ...query, limit, offset });
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('答复', first, fetch, (x): Array<Column<ReplyView>> => [
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
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('调整申请', first, fetch, (x): Array<Column<AdjustmentView>> => [
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
    const first = await this.workbooks.firstPage(fetch);
    return this.workbooks.list('延期申请', first, fetch, (x): Array<Column<ExtensionView & { assignment?: AssignmentView }>> => [
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
}
