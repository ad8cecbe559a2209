import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { Clock, DomainError, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { OrgService, Role, Unit, UnitKind } from '#app/org';
import { type Page, ProposalsService, refreshProposalSearch } from '#app/proposals';
import { type Reminder, RemindersService } from '#app/reminders';
import { AdjustmentRequest, AdjustmentStatus } from './adjustment-request.entity.js';
import { AssignmentAction } from './assignment-status.js';
import { type Assignment, AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { DeadlinesService } from './deadlines.service.js';
import { HandlingService } from './handling.service.js';
import { visibleAssignments } from './handling.policy.js';

export interface AdjustmentView {
  id: string;
  assignmentId: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  reason: string;
  suggestedUnitIds: string[];
  status: AdjustmentStatus;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  newAssignmentId: string | null;
  version: number;
}

export interface ListAdjustmentsQuery {
  status?: AdjustmentStatus;
  assignmentId?: string;
  sort?: 'requestedAt' | '-requestedAt';
  limit: number;
  offset: number;
}

/**
 * 申请调整: a unit that thinks a proposal is not its to handle asks, with a reason, within the window
 * (default 5 working days from assignment). Only the committee decides: it approves and reassigns (for a
 * co-unit it may simply drop it), or rejects. A unit never passes a proposal on by itself.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly proposals: ProposalsService,
    private readonly reminders: RemindersService,
    private readonly org: OrgService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, assignmentId: string, reason: string, suggestedUnitIds: string[]): Promise<AdjustmentView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadForUnitWork(manager, actor, assignmentId);
      if (assignment.status !== AssignmentStatus.Assigned) {
        throw new DomainError('conflict', 'ADJUSTMENT_NOT_OPEN', `Adjustment can be asked for only before accepting (签收); the assignment is ${assignment.status}`);
      }
      const window = await this.deadlines.load(manager, assignmentId, 'adjustment_window');
      if (window.dueDate < this.deadlines.today()) {
        throw new DomainError('conflict', 'ADJUSTMENT_WINDOW_CLOSED', `The adjustment window closed on ${window.dueDate}; accept the assignment, or ask the committee directly`);
      }
      if (await manager.getRepository(AdjustmentRequest).existsBy({ assignmentId, status: AdjustmentStatus.Pending })) {
        throw new DomainError('conflict', 'ADJUSTMENT_PENDING', 'A request for this assignment is already before the committee');
      }
      await this.requireHandlingUnits(manager, actor.committeeId, suggestedUnitIds, 'suggestedUnitIds');
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
      await this.record(manager, actor, request, 'adjustment.requested', null, { assignmentId, reason, suggestedUnitIds });
      const [row]: Array<{ number: number | null; title: string; unit: string }> = await manager.query(
        'SELECT p.number, p.title, u.name AS unit FROM proposals p, units u WHERE p.id = $1 AND u.id = $2',
        [assignment.proposalId, assignment.unitId],
      );
      await this.notifications.notify(manager, {
        committeeId: actor.committeeId,
        recipientUserIds: await this.org.userIdsWithRole(manager, actor.committeeId, Role.Staff),
        kind: 'adjustment.requested',
        title: `${row.unit}申请调整第${row.number}号提案《${row.title}》：${reason}`,
        subject: { entity: 'adjustment', id: request.id },
        dedupeKey: `adjustment.requested-${request.id}`,
        at: now,
      });
      return request.id;
    });
    return this.get(actor, id);
  }

  /**
   * The committee approves: the unit's assignment ends (reassigned, its deadlines cancelled) and, when
   * `newUnitId` is given, that unit takes the same role with fresh deadlines. A lead unit, or the
   * second-to-last 分办 unit, must be replaced.
   */
  async approve(actor: Actor, id: string, version: number, newUnitId: string | undefined, note: string | undefined): Promise<AdjustmentView> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id);
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
        [unit] = await this.requireHandlingUnits(manager, actor.committeeId, [newUnitId], 'newUnitId');
        if (active.some((a) => a.unitId === newUnitId)) throw DomainError.invalidField('newUnitId', 'newUnitId already handles this proposal');
      }
      await this.handling.transition(manager, actor, assignment, assignment.version, AssignmentAction.Reassign, {});
      await this.deadlines.cancelAll(manager, actor.userId, assignment.id);
      let newAssignmentId: string | null = null;
      let planned: Reminder[] = [];
      if (unit) {
        const proposal = await this.proposals.loadVisible(manager, actor, assignment.proposalId);
        const opened = await this.handling.openAssignment(manager, actor, proposal, unit, assignment.role);
        newAssignmentId = opened.assignment.id;
        planned = opened.planned;
      }
      await refreshProposalSearch(manager, [assignment.proposalId]); // found by the units now working on it
      const now = this.clock.now();
      await this.decide(manager, actor, request, version, { status: AdjustmentStatus.Approved, decisionNote: note ?? null, newAssignmentId });
      await this.tellUnit(manager, assignment, request, `申请调整已同意${unit ? `，改由${unit.name}办理` : ''}${note ? `：${note}` : ''}`, now);
      return planned;
    });
    await this.reminders.schedule(planned);
    return this.get(actor, id);
  }

  /** The committee keeps the assignment with the unit, giving its reason. */
  async reject(actor: Actor, id: string, version: number, reason: string): Promise<AdjustmentView> {
    await this.dataSource.transaction(async (manager) => {
      const request = await this.loadPending(manager, actor, id);
      const assignment = await this.handling.loadVisible(manager, actor, request.assignmentId);
      await this.decide(manager, actor, request, version, { status: AdjustmentStatus.Rejected, decisionNote: reason });
      await this.tellUnit(manager, assignment, request, `申请调整未获同意，请继续办理：${reason}`, this.clock.now());
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<AdjustmentView> {
    const [view] = await this.query(actor).andWhere('r.id = :id', { id }).getRawMany<RawAdjustment>();
    if (!view) throw DomainError.notFound('Adjustment', id);
    return toView(view);
  }

  /** Staff see their committee's requests; units their own. Oldest first unless `sort` says otherwise. */
  async list(actor: Actor, query: ListAdjustmentsQuery): Promise<Page<AdjustmentView>> {
    const builder = this.query(actor);
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.assignmentId) builder.andWhere('r.assignment_id = :assignmentId', { assignmentId: query.assignmentId });
    const total = await builder.clone().getCount();
    const rows = await builder.orderBy('r.requested_at', query.sort === '-requestedAt' ? 'DESC' : 'ASC').addOrderBy('r.id', 'ASC').limit(query.limit).offset(query.offset).getRawMany<RawAdjustment>();
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }

  private async loadPending(manager: EntityManager, actor: Actor, id: string): Promise<AdjustmentRequest> {
    if (!seesWholeCommittee(actor)) throw DomainError.notFound('Adjustment', id);
    const request = await manager
      .getRepository(AdjustmentRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id AND r.committee_id = :committeeId', { id, committeeId: actor.committeeId })
      .getOne();
    if (!request) throw DomainError.notFound('Adjustment', id);
    if (request.status !== AdjustmentStatus.Pending) {
      throw new DomainError('conflict', 'ADJUSTMENT_DECIDED', `This request was already ${request.status}`);
    }
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
    await this.record(manager, actor, request, `adjustment.${changes.status}`, { status: request.status }, { ...changes });
  }

  private async tellUnit(manager: EntityManager, assignment: Assignment, request: AdjustmentRequest, text: string, at: Date): Promise<void> {
    const [row]: Array<{ number: number | null; title: string }> = await manager.query('SELECT number, title FROM proposals WHERE id = $1', [assignment.proposalId]);
    await this.notifications.notify(manager, {
      committeeId: assignment.committeeId,
      recipientUserIds: await this.org.userIdsWithRole(manager, assignment.committeeId, [Role.Drafter, Role.Leader], [assignment.unitId]),
      kind: 'adjustment.decided',
      title: `第${row.number}号提案《${row.title}》${text}`,
      subject: { entity: 'adjustment', id: request.id },
      dedupeKey: `adjustment.decided-${request.id}`,
      at,
    });
  }

  private async requireHandlingUnits(manager: EntityManager, committeeId: string, ids: string[], field: string): Promise<Unit[]> {
    if (ids.length === 0) return [];
    const units = await manager.getRepository(Unit).findBy({ id: In(ids), committeeId, kind: UnitKind.Handling });
    if (units.length !== new Set(ids).size) throw DomainError.invalidField(field, `${field} must be handling units (承办单位) of your committee`);
    return units;
  }

  private async record(manager: EntityManager, actor: Actor, request: AdjustmentRequest, action: string, before: object | null, after: object): Promise<void> {
    await this.audit.record(manager, {
      committeeId: request.committeeId,
      actorUserId: actor.userId,
      entity: 'adjustment',
      entityId: request.id,
      action,
      before: before as Record<string, unknown> | null,
      after: after as Record<string, unknown>,
      at: this.clock.now(),
    });
  }

  private query(actor: Actor) {
    const policy = visibleAssignments(actor);
    return this.dataSource
      .getRepository(AdjustmentRequest)
      .createQueryBuilder('r')
      .innerJoin('assignments', 'a', 'a.id = r.assignment_id')
      .innerJoin('proposals', 'p', 'p.id = a.proposal_id')
      .innerJoin('units', 'u', 'u.id = a.unit_id')
      .select([
        'r.id AS id',
        'r.assignment_id AS assignment_id',
        'a.proposal_id AS proposal_id',
        'p.number AS proposal_number',
        'p.title AS proposal_title',
        'a.unit_id AS unit_id',
        'u.name AS unit_name',
        'a.role AS role',
        'r.reason AS reason',
        'r.suggested_unit_ids AS suggested_unit_ids',
        'r.status AS status',
        'r.requested_at AS requested_at',
        'r.decided_at AS decided_at',
        'r.decision_note AS decision_note',
        'r.new_assignment_id AS new_assignment_id',
        'r.version AS version',
      ])
      .where(policy.sql, policy.params);
  }
}

interface RawAdjustment {
  id: string;
  assignment_id: string;
  proposal_id: string;
  proposal_number: number | null;
  proposal_title: string;
  unit_id: string;
  unit_name: string;
  role: AssignmentRole;
  reason: string;
  suggested_unit_ids: string[];
  status: AdjustmentStatus;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  new_assignment_id: string | null;
  version: number;
}

const toView = (row: RawAdjustment): AdjustmentView => ({
  id: row.id,
  assignmentId: row.assignment_id,
  proposalId: row.proposal_id,
  proposalNumber: row.proposal_number,
  proposalTitle: row.proposal_title,
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  reason: row.reason,
  suggestedUnitIds: row.suggested_unit_ids,
  status: row.status,
  requestedAt: new Date(row.requested_at).toISOString(),
  decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  decisionNote: row.decision_note,
  newAssignmentId: row.new_assignment_id,
  version: Number(row.version),
});
