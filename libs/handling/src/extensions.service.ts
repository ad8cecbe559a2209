import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { Clock, DomainError, updateAtVersion, type Page } from '#app/core';
import { AssignmentStatus } from './assignment.entity.js';
import { DeadlineStatus } from './deadline.entity.js';
import { DeadlinesService } from './deadlines.service.js';
import { ExtensionRequest, ExtensionStatus } from './extension-request.entity.js';
import { dueKindOf } from './assigning.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { RequestAction, requireExtensionAllowed } from './handling-transitions.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { HandlingErrorCode } from './handling.errors.js';

export interface ListExtensionsQuery {
  status?: ExtensionStatus;
  assignmentId?: string;
  sort?: 'createdAt' | '-createdAt';
  limit: number;
  offset: number;
}

export interface ExtensionView {
  id: string;
  assignmentId: string;
  requestedDueDate: string;
  reason: string;
  status: ExtensionStatus;
  requestedByUserId: string;
  requestedAt: string;
  decidedByUserId: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

const toView = (e: ExtensionRequest): ExtensionView => ({
  id: e.id,
  assignmentId: e.assignmentId,
  requestedDueDate: e.requestedDueDate,
  reason: e.reason,
  status: e.status,
  requestedByUserId: e.requestedByUserId,
  requestedAt: e.createdAt.toISOString(),
  decidedByUserId: e.decidedByUserId,
  decidedAt: e.decidedAt?.toISOString() ?? null,
  decisionNote: e.decisionNote,
  version: e.version,
});

/** 延期: a unit asks for a later reply deadline; the committee approves (moving it) or rejects. */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, assignmentId: string, requestedDueDate: string, reason: string): Promise<ExtensionView> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadForUnitWork(manager, actor, assignmentId);
      if (assignment.status !== AssignmentStatus.Assigned && assignment.status !== AssignmentStatus.Accepted) {
        throw new DomainError('conflict', HandlingErrorCode.ASSIGNMENT_NOT_OPEN, `The assignment is ${assignment.status}; no extension can be asked`);
      }
      const deadline = await this.deadlines.load(manager, assignmentId, dueKindOf(assignment.role));
      if (deadline.status !== DeadlineStatus.Open && deadline.status !== DeadlineStatus.Paused) {
        throw new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_OPEN, `The ${deadline.kind} deadline is no longer running`);
      }
      if (requestedDueDate <= deadline.dueDate) {
        throw new DomainError('invalid', HandlingErrorCode.EXTENSION_NOT_LATER, `requestedDueDate must be after the current due date ${deadline.dueDate}`);
      }
      if (await manager.getRepository(ExtensionRequest).existsBy({ assignmentId, status: ExtensionStatus.Pending })) {
        throw new DomainError('conflict', HandlingErrorCode.EXTENSION_PENDING, 'An extension request for this assignment is already waiting for the committee');
      }
      const request = await manager.save(
        manager.create(ExtensionRequest, {
          committeeId: assignment.committeeId,
          assignmentId,
          requestedDueDate,
          reason,
          status: ExtensionStatus.Pending,
          requestedByUserId: actor.userId,
        }),
      );
      const now = this.clock.now();
      await this.audit.record(manager, {
        committeeId: assignment.committeeId,
        actorUserId: actor.userId,
        entity: HandlingEntity.Extension,
        entityId: request.id,
        action: 'extension.requested',
        after: { assignmentId, from: deadline.dueDate, requestedDueDate, reason },
        at: now,
      });
      await this.notices.toStaff(manager, {
        committeeId: assignment.committeeId,
        kind: HandlingNoticeKind.ExtensionRequested,
        title: `延期申请：办复期限 ${deadline.dueDate} → ${requestedDueDate}（${reason}）`,
        subject: { entity: HandlingEntity.Assignment, id: assignmentId },
        dedupeKey: `extension.requested-${request.id}`,
        at: now,
      });
      return toView(request);
    });
  }

  /** Staff see the committee's requests, units their own; newest first unless `sort` says otherwise. */
  async list(actor: Actor, query: ListExtensionsQuery): Promise<Page<ExtensionView>> {
    const builder = this.dataSource
      .getRepository(ExtensionRequest)
      .createQueryBuilder('e')
      .where('e.committee_id = :committeeId', { committeeId: actor.committeeId })
      .orderBy('e.created_at', query.sort === 'createdAt' ? 'ASC' : 'DESC')
      .addOrderBy('e.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (!seesWholeCommittee(actor)) {
      builder.innerJoin('assignments', 'a', 'a.id = e.assignment_id').andWhere('a.unit_id = ANY(:unitIds::uuid[])', { unitIds: actor.handlingUnitIds });
    }
    if (query.status) builder.andWhere('e.status = :status', { status: query.status });
    if (query.assignmentId) builder.andWhere('e.assignment_id = :assignmentId', { assignmentId: query.assignmentId });
    const [rows, total] = await builder.getManyAndCount();
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }

  /** The committee grants the extension (to the date asked, or another later date). */
  async approve(actor: Actor, id: string, version: number, grantedDueDate?: string, note?: string): Promise<ExtensionView> {
    const { view } = await this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id, RequestAction.Approve);
      const assignment = await this.handling.loadVisible(manager, actor, request.assignmentId);
      const deadline = await this.deadlines.load(manager, request.assignmentId, dueKindOf(assignment.role));
      const to = grantedDueDate ?? request.requestedDueDate;
      if (to <= deadline.dueDate) {
        throw new DomainError('invalid', HandlingErrorCode.EXTENSION_NOT_LATER, `grantedDueDate must be after the current due date ${deadline.dueDate}`);
      }
      const planned = await this.deadlines.extend(manager, actor.userId, deadline, to, request.reason);
      const view = await this.decide(manager, actor, request, version, requireExtensionAllowed(request, RequestAction.Approve), note ?? `批准延期至${to}`);
      return { view, planned };
    });
    return view;
  }

  async reject(actor: Actor, id: string, version: number, reason: string): Promise<ExtensionView> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id, RequestAction.Reject);
      return this.decide(manager, actor, request, version, requireExtensionAllowed(request, RequestAction.Reject), reason);
    });
  }

  private async decide(
    manager: EntityManager,
    actor: Actor,
    request: ExtensionRequest,
    version: number,
    status: ExtensionStatus,
    note: string,
  ): Promise<ExtensionView> {
    const now = this.clock.now();
    await updateAtVersion(manager, ExtensionRequest, 'Extension request', request.id, version, {
      status,
      decidedByUserId: actor.userId,
      decidedAt: now,
      decisionNote: note,
    });
    await this.audit.record(manager, {
      committeeId: request.committeeId,
      actorUserId: actor.userId,
      entity: HandlingEntity.Extension,
      entityId: request.id,
      action: `extension.${status}`,
      before: { status: ExtensionStatus.Pending },
      after: { status, note },
      at: now,
    });
    await this.notices.toUsers(manager, [request.requestedByUserId], {
      committeeId: request.committeeId,
      kind: status === ExtensionStatus.Approved ? HandlingNoticeKind.ExtensionApproved : HandlingNoticeKind.ExtensionRejected,
      title: status === ExtensionStatus.Approved ? `延期申请已批准：${note}` : `延期申请未批准：${note}`,
      subject: { entity: HandlingEntity.Assignment, id: request.assignmentId },
      dedupeKey: `extension.${status}-${request.id}`,
      at: now,
    });
    return toView(await manager.getRepository(ExtensionRequest).findOneByOrFail({ id: request.id }));
  }

  private async loadPending(manager: EntityManager, actor: Actor, id: string, action: RequestAction): Promise<ExtensionRequest> {
    const request = await manager
      .getRepository(ExtensionRequest)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id AND e.committee_id = :committeeId', { id, committeeId: actor.committeeId })
      .getOne();
    if (!request) throw DomainError.notFound('Extension', id);
    requireExtensionAllowed(request, action);
    return request;
  }
}
