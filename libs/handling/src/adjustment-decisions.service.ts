import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { Clock, DomainError, publish, updateAtVersion } from '#app/core';
import type { Unit } from '#app/org';
import { proposalNumberSql, proposalTitleSql, ProposalsChangedEvent } from '#app/proposals';
import type { Reminder } from '#app/reminders';
import { AdjustmentRequest } from './adjustment-request.entity.js';
import { adjustmentAuditEntry, type AdjustmentView, adjustmentView, requireHandlingUnits } from './adjustment-requests.js';
import { AssigningService } from './assigning.service.js';
import { AssignmentAction } from './assignment-status.js';
import { type Assignment, AssignmentRole } from './assignment.entity.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { RequestAction, requireAdjustmentAllowed } from './handling-transitions.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';

/**
 * The committee decides a unit's request for adjustment (申请调整, see {@link AdjustmentsService}): it
 * approves and reassigns (for a co-unit it may simply drop it), or rejects; the unit is told either way.
 */
@Injectable()
export class AdjustmentDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly assigning: AssigningService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The committee approves: the unit's assignment ends (reassigned, its deadlines cancelled) and, when
   * `newUnitId` is given, that unit takes the same role with fresh deadlines. A lead unit, or the
   * second-to-last 分办 unit, must be replaced.
   */
  async approve(actor: Actor, id: string, version: number, newUnitId: string | undefined, note: string | undefined): Promise<AdjustmentView> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id, RequestAction.Approve);
      const assignment = await this.handling.loadVisible(manager, actor, request.assignmentId);
      const active = await this.handling.activeAssignments(manager, assignment.proposalId);
      if (!newUnitId) {
        const separateLeft = active.filter((a) => a.role === AssignmentRole.Separate && a.id !== assignment.id).length;
        if (assignment.role === AssignmentRole.Lead || (assignment.role === AssignmentRole.Separate && separateLeft < 2)) {
          throw DomainError.invalidField('newUnitId', 'newUnitId is required: the proposal needs a unit to take over this role');
        }
      }
      let unit: Unit | null = null;
      if (newUnitId) {
        [unit] = await requireHandlingUnits(manager, actor.committeeId, [newUnitId], 'newUnitId');
        if (active.some((a) => a.unitId === newUnitId)) throw DomainError.invalidField('newUnitId', 'newUnitId already handles this proposal');
      }
      // Reassigned, the assignment's deadlines are cancelled with it.
      await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Reassign, {});
      let newAssignmentId: string | null = null;
      let planned: Reminder[] = [];
      if (unit) {
        const opened = await this.assigning.openReplacement(manager, actor, assignment.proposalId, unit, assignment.role);
        newAssignmentId = opened.assignment.id;
        planned = opened.planned;
      }
      await publish(manager, ProposalsChangedEvent, assignment.committeeId, { proposalIds: [assignment.proposalId], change: 'reassigned' }); // found by the units now working on it
      const now = this.clock.now();
      await this.decide(manager, actor, request, version, { status: requireAdjustmentAllowed(request, RequestAction.Approve), decisionNote: note ?? null, newAssignmentId });
      await this.tellUnit(manager, assignment, request, `申请调整已同意${unit ? `，改由${unit.name}办理` : ''}${note ? `：${note}` : ''}`, now);
      return planned;
    });
    return adjustmentView(this.dataSource.manager, actor, id);
  }

  /** The committee keeps the assignment with the unit, giving its reason. */
  async reject(actor: Actor, id: string, version: number, reason: string): Promise<AdjustmentView> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id, RequestAction.Reject);
      const assignment = await this.handling.loadVisible(manager, actor, request.assignmentId);
      await this.decide(manager, actor, request, version, { status: requireAdjustmentAllowed(request, RequestAction.Reject), decisionNote: reason });
      await this.tellUnit(manager, assignment, request, `申请调整未获同意，请继续办理：${reason}`, this.clock.now());
    });
    return adjustmentView(this.dataSource.manager, actor, id);
  }

  private async loadPending(manager: EntityManager, actor: Actor, id: string, action: RequestAction): Promise<AdjustmentRequest> {
    if (!seesWholeCommittee(actor)) throw DomainError.notFound('Adjustment', id);
    const request = await manager
      .getRepository(AdjustmentRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id AND r.committee_id = :committeeId', { id, committeeId: actor.committeeId })
      .getOne();
    if (!request) throw DomainError.notFound('Adjustment', id);
    requireAdjustmentAllowed(request, action);
    return request;
  }

  private async decide(
    manager: EntityManager,
    actor: Actor,
    request: AdjustmentRequest,
    version: number,
    changes: Pick<AdjustmentRequest, 'status' | 'decisionNote'> & Partial<Pick<AdjustmentRequest, 'newAssignmentId'>>,
  ): Promise<void> {
    await updateAtVersion(manager, AdjustmentRequest, 'Adjustment', request.id, version, {
      ...changes,
      decidedByUserId: actor.userId,
      decidedAt: this.clock.now(),
    });
    await this.audit.record(manager, adjustmentAuditEntry(actor, request, `adjustment.${changes.status}`, { status: request.status }, { ...changes }, this.clock.now()));
  }

  private async tellUnit(manager: EntityManager, assignment: Assignment, request: AdjustmentRequest, text: string, at: Date): Promise<void> {
    const [row]: Array<{ number: number | null; title: string }> = await manager.query(
      `SELECT ${proposalNumberSql('$1::uuid')} AS number, ${proposalTitleSql('$1::uuid')} AS title`,
      [assignment.proposalId],
    );
    await this.notices.toUnits(manager, [assignment.unitId], {
      committeeId: assignment.committeeId,
      kind: HandlingNoticeKind.AdjustmentDecided,
      title: `第${row.number}号提案《${row.title}》${text}`,
      subject: { entity: HandlingEntity.Adjustment, id: request.id },
      dedupeKey: `adjustment.decided-${request.id}`,
      at,
    });
  }
}
