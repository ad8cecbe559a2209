import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, DomainError, updateAtVersion, type Page } from '#app/core';
import { ProposalAction, proposalNumberSql, ProposalsService, ProposalStatus, proposalTitleSql } from '#app/proposals';
import { AssignmentAction, nextAssignmentStatus } from './assignment-status.js';
import { AdjustmentRequest, AdjustmentStatus } from './adjustment-request.entity.js';
import { Assignment, AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { ASSIGNMENT_SORTS, assignmentQuery, type AssignmentView, assignmentViews, type ListAssignmentsQuery, type RawAssignment, toAssignmentView } from './assignment-views.js';
import { DeadlinesService, type DeadlineView } from './deadlines.service.js';
import { HandlingNotices } from './handling-notices.js';
import { visibleAssignments, worksForUnit } from './handling.policy.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { HandlingErrorCode } from './handling.errors.js';
import { unitNameSql } from '#app/org';

export interface ActiveAssignment {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
}

/** Still owing its work: assigned or accepted, not yet replied or closed. */
export const isOpen = (a: Pick<ActiveAssignment, 'status'>): boolean => a.status === AssignmentStatus.Assigned || a.status === AssignmentStatus.Accepted;

/**
 * Assignments once given (交办 is {@link AssigningService}'s, the clock and 催办 {@link AssignmentDeadlinesService}'s):
 * 签收 and the unit's work on them (办前面商), 免于会签, their reads, and the loading and transitions
 * the other handling, reply and feedback services build on.
 */
@Injectable()
export class HandlingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** 签收: the unit takes the assignment on; the proposal is then in handling. */
  async accept(actor: Actor, id: string, version: number): Promise<AssignmentView> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadForUnitWork(manager, actor, id);
      const pending = await manager.getRepository(AdjustmentRequest).existsBy({ assignmentId: id, status: AdjustmentStatus.Pending });
      if (pending) {
        throw new DomainError('conflict', HandlingErrorCode.ADJUSTMENT_PENDING, 'Your request for adjustment (申请调整) is still before the committee; accept once it is decided');
      }
      const now = this.clock.now();
      await this.transition(manager, actor, assignment, version, AssignmentAction.Accept, { acceptedAt: now });
      await this.deadlines.meet(manager, actor.userId, assignment.id, ['adjustment_window']);
      // The proposal is in handling once its lead unit, or the first of its 分办 units, has accepted.
      const proposal = await this.proposals.loadVisible(manager, actor, assignment.proposalId);
      if (assignment.role !== AssignmentRole.Co && proposal.status === ProposalStatus.Assigned) {
        await this.proposals.transition(manager, actor, proposal, proposal.version, ProposalAction.StartHandling, {});
      }
    });
    return this.get(actor, id);
  }

  /** 办前面商: the unit records that it contacted the member; the first-contact deadline is met. */
  async recordContact(actor: Actor, id: string, note: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadForUnitWork(manager, actor, id);
      if (assignment.status !== AssignmentStatus.Accepted) {
        throw new DomainError('conflict', HandlingErrorCode.ASSIGNMENT_NOT_ACCEPTED, 'Accept (签收) the assignment before recording the contact with the member');
      }
      await this.deadlines.meet(manager, actor.userId, assignment.id, ['first_contact']);
      await this.audit.record(manager, {
        committeeId: assignment.committeeId,
        actorUserId: actor.userId,
        entity: HandlingEntity.Assignment,
        entityId: assignment.id,
        action: 'assignment.member-contacted',
        after: { note },
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /**
   * 免于会签: the committee waives a co-unit's opinion (会办意见) with a reason, so the lead unit's reply
   * need not wait for it; the co-unit's assignment ends and its reminders stop. Both units are told.
   */
  async waiveCountersign(actor: Actor, id: string, version: number, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadVisible(manager, actor, id);
      if (assignment.role !== AssignmentRole.Co) {
        throw new DomainError('conflict', HandlingErrorCode.NOT_A_CO_UNIT, 'Only a co-unit’s (会办) opinion can be waived');
      }
      const now = this.clock.now();
      await this.transition(manager, actor, assignment, version, AssignmentAction.Waive, { waivedAt: now, waivedByUserId: actor.userId, waiverReason: reason });
      const [row]: Array<{ number: number | null; title: string; unit: string }> = await manager.query(
        `SELECT ${proposalNumberSql('$1::uuid')} AS number, ${proposalTitleSql('$1::uuid')} AS title, ${unitNameSql('$2::uuid')} AS unit`,
        [assignment.proposalId, assignment.unitId],
      );
      const lead = (await this.activeAssignments(manager, assignment.proposalId)).find((a) => a.role === AssignmentRole.Lead);
      const unitIds = [assignment.unitId, ...(lead ? [lead.unitId] : [])];
      await this.notices.toUnits(manager, unitIds, {
        committeeId: assignment.committeeId,
        kind: HandlingNoticeKind.CountersignWaived,
        title: `第${row.number}号提案《${row.title}》免于${row.unit}会签：${reason}`,
        subject: { entity: HandlingEntity.Assignment, id },
        dedupeKey: `assignment.countersign-waived-${id}`,
        at: now,
      });
    });
    return this.get(actor, id);
  }

  /**
   * The units working on a proposal (reassigned ones left out), by unit name: what lead, co-units and
   * 分办 units have done decides drafting, 会签, dispatch and adjustment.
   */
  async activeAssignments(manager: EntityManager, proposalId: string): Promise<ActiveAssignment[]> {
    return manager.query(
      `SELECT a.id, a.unit_id AS "unitId", ${unitNameSql('a.unit_id')} AS "unitName", a.role, a.status FROM assignments a
       WHERE a.proposal_id = $1 AND a.status <> $2 ORDER BY "unitName"`,
      [proposalId, AssignmentStatus.Reassigned],
    );
  }

  /** An assignment the committee may act on that is still being handled; 409 once replied or closed. */
  async loadOpen(manager: EntityManager, actor: Actor, id: string): Promise<Assignment> {
    const assignment = await this.loadVisible(manager, actor, id);
    if (assignment.status !== AssignmentStatus.Assigned && assignment.status !== AssignmentStatus.Accepted) {
      throw new DomainError('conflict', HandlingErrorCode.ASSIGNMENT_NOT_OPEN, `Assignment ${id} is ${assignment.status}; only an open assignment can be urged or have its clock changed`);
    }
    return assignment;
  }

  /** One assignment with all its deadlines and their history. */
  async get(actor: Actor, id: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    const [view] = await assignmentQuery(this.dataSource.manager, actor).andWhere('a.id = :id', { id }).getRawMany<RawAssignment>();
    if (!view) throw DomainError.notFound('Assignment', id);
    return { ...toAssignmentView(view), deadlines: await this.deadlines.views(this.dataSource.manager, id) };
  }

  async list(actor: Actor, query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const builder = assignmentQuery(this.dataSource.manager, actor);
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.unitId) builder.andWhere('a.unit_id = :unitId', { unitId: query.unitId });
    if (query.role) builder.andWhere('a.role = :role', { role: query.role });
    if (query.proposalId) builder.andWhere('a.proposal_id = :proposalId', { proposalId: query.proposalId });
    if (query.key !== undefined) builder.andWhere('p.is_key = :key', { key: query.key });
    if (query.urgent !== undefined) builder.andWhere('p.urgent = :urgent', { urgent: query.urgent });
    const [column, direction] = ASSIGNMENT_SORTS[query.sort ?? 'dueDate'];
    // The total and the page side by side, on two pooled connections.
    const [total, rows] = await Promise.all([
      builder.clone().getCount(),
      builder
        .orderBy(column, direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
        .addOrderBy('a.id', 'ASC')
        .limit(query.limit)
        .offset(query.offset)
        .getRawMany<RawAssignment>(),
    ]);
    return { items: rows.map(toAssignmentView), total, limit: query.limit, offset: query.offset };
  }

  /** Views of assignments by id, in the order given (ids the actor may not see are left out). */
  async views(actor: Actor, ids: string[]): Promise<AssignmentView[]> {
    return assignmentViews(this.dataSource.manager, actor, ids);
  }

  /** An assignment the actor may see, locked for the transaction; 404 otherwise. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string): Promise<Assignment> {
    const policy = visibleAssignments(actor);
    const assignment = await manager
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .andWhere(policy.sql, policy.params)
      .getOne();
    if (!assignment) throw DomainError.notFound('Assignment', id);
    return assignment;
  }

  /** An assignment the actor's own unit works on, locked; 404 when hidden, 403 when not the unit's. */
  async loadForUnitWork(manager: EntityManager, actor: Actor, id: string): Promise<Assignment> {
    const assignment = await this.loadVisible(manager, actor, id);
    if (!worksForUnit(actor, assignment.unitId)) {
      throw new DomainError('forbidden', HandlingErrorCode.NOT_ASSIGNED_UNIT, 'Only the assigned unit may do this');
    }
    return assignment;
  }

  async transition(
    manager: EntityManager,
    actor: Actor,
    assignment: Assignment,
    expectedVersion: number,
    action: AssignmentAction,
    changes: Partial<Assignment>,
  ): Promise<void> {
    const to = nextAssignmentStatus(assignment.status, action);
    if (!to) {
      throw new DomainError('conflict', HandlingErrorCode.ASSIGNMENT_ILLEGAL_TRANSITION, `An assignment in status ${assignment.status} cannot ${action}`, {
        status: assignment.status,
        action,
      });
    }
    await updateAtVersion(manager, Assignment, 'Assignment', assignment.id, expectedVersion, { ...changes, status: to });
    await this.audit.record(manager, {
      committeeId: assignment.committeeId,
      actorUserId: actor.userId,
      entity: HandlingEntity.Assignment,
      entityId: assignment.id,
      action: `assignment.${action}`,
      before: { status: assignment.status, version: expectedVersion },
      after: { status: to, version: expectedVersion + 1 },
      at: this.clock.now(),
    });
    if (to === AssignmentStatus.Replied) await this.deadlines.meet(manager, actor.userId, assignment.id, ['reply', 'adjustment_window', 'co_opinion']);
    // A closed assignment (办结) or one given to another unit (adjusted away) leaves no deadline running.
    if (to === AssignmentStatus.Closed || to === AssignmentStatus.Reassigned) await this.deadlines.cancelAll(manager, actor.userId, assignment.id);
    assignment.status = to;
    assignment.version = expectedVersion + 1;
  }
}
