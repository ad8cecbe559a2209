import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, DomainError, type Page } from '#app/core';
import { AdjustmentRequest, AdjustmentStatus } from './adjustment-request.entity.js';
import {
  adjustmentAuditEntry,
  adjustmentQuery,
  type AdjustmentView,
  adjustmentView,
  type ListAdjustmentsQuery,
  type RawAdjustment,
  requireHandlingUnits,
  toAdjustmentView,
} from './adjustment-requests.js';
import { AssignmentStatus } from './assignment.entity.js';
import { DeadlinesService } from './deadlines.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { HandlingErrorCode } from './handling.errors.js';
import { proposalNumberSql, proposalTitleSql } from '#app/proposals';
import { unitNameSql } from '#app/org';

/**
 * 申请调整: a unit that thinks a proposal is not its to handle asks, with a reason, within the window
 * (default 5 working days from assignment). Only the committee decides: it approves and reassigns (for a
 * co-unit it may simply drop it), or rejects. A unit never passes a proposal on by itself.
 * The committee's decision is {@link AdjustmentDecisionsService}'s.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, assignmentId: string, reason: string, suggestedUnitIds: string[]): Promise<AdjustmentView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadForUnitWork(manager, actor, assignmentId);
      if (assignment.status !== AssignmentStatus.Assigned) {
        throw new DomainError('conflict', HandlingErrorCode.ADJUSTMENT_NOT_OPEN, `Adjustment can be asked for only before accepting (签收); the assignment is ${assignment.status}`);
      }
      const window = await this.deadlines.load(manager, assignmentId, 'adjustment_window');
      if (window.dueDate < this.deadlines.today()) {
        throw new DomainError('conflict', HandlingErrorCode.ADJUSTMENT_WINDOW_CLOSED, `The adjustment window closed on ${window.dueDate}; accept the assignment, or ask the committee directly`);
      }
      if (await manager.getRepository(AdjustmentRequest).existsBy({ assignmentId, status: AdjustmentStatus.Pending })) {
        throw new DomainError('conflict', HandlingErrorCode.ADJUSTMENT_PENDING, 'A request for this assignment is already before the committee');
      }
      await requireHandlingUnits(manager, actor.committeeId, suggestedUnitIds, 'suggestedUnitIds');
      const now = this.clock.now();
      const request = await manager.save(
        manager.create(AdjustmentRequest, {
          committeeId: actor.committeeId,
          assignmentId,
          reason,
          suggestedUnitIds: [...new Set(suggestedUnitIds)],
          status: AdjustmentStatus.Pending,
          requestedByUserId: actor.userId,
          requestedAt: now,
        }),
      );
      await this.audit.record(manager, adjustmentAuditEntry(actor, request, 'adjustment.requested', null, { assignmentId, reason, suggestedUnitIds }, this.clock.now()));
      const [row]: Array<{ number: number | null; title: string; unit: string }> = await manager.query(
        `SELECT ${proposalNumberSql('$1::uuid')} AS number, ${proposalTitleSql('$1::uuid')} AS title, ${unitNameSql('$2::uuid')} AS unit`,
        [assignment.proposalId, assignment.unitId],
      );
      await this.notices.toStaff(manager, {
        committeeId: actor.committeeId,
        kind: HandlingNoticeKind.AdjustmentRequested,
        title: `${row.unit}申请调整第${row.number}号提案《${row.title}》：${reason}`,
        subject: { entity: HandlingEntity.Adjustment, id: request.id },
        dedupeKey: `adjustment.requested-${request.id}`,
        at: now,
      });
      return request.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<AdjustmentView> {
    return adjustmentView(this.dataSource.manager, actor, id);
  }

  /** Staff see their committee's requests; units their own. Oldest first unless `sort` says otherwise. */
  async list(actor: Actor, query: ListAdjustmentsQuery): Promise<Page<AdjustmentView>> {
    const builder = adjustmentQuery(this.dataSource.manager, actor);
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.assignmentId) builder.andWhere('r.assignment_id = :assignmentId', { assignmentId: query.assignmentId });
    const total = await builder.clone().getCount();
    const rows = await builder.orderBy('r.requested_at', query.sort === '-requestedAt' ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC').limit(query.limit).offset(query.offset).getRawMany<RawAdjustment>();
    return { items: rows.map(toAdjustmentView), total, limit: query.limit, offset: query.offset };
  }
}
