import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, type DeadlineKind, DomainError, type DueExplanation, insertRows, localDate, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { committeeUserIds, notCommitteeUser, OrgService, Role, Unit, UnitKind } from '#app/org';
import { type Page, type Proposal, ProposalAction, ProposalsService, ProposalStatus, refreshProposalSearch } from '#app/proposals';
import { type Reminder, RemindersService } from '#app/reminders';
import { AssignmentAction, nextAssignmentStatus } from './assignment-status.js';
import { AdjustmentRequest, AdjustmentStatus } from './adjustment-request.entity.js';
import { Assignment, AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { DeadlinesService, type DeadlineView } from './deadlines.service.js';
import { visibleAssignments, worksForUnit } from './handling.policy.js';

export interface AssignInput {
  /** The proposal version the committee saw. */
  version: number;
  /** 主办: one lead unit (with optional co-units) … */
  leadUnitId?: string;
  /** 会办/协办 units, with a lead unit only. */
  coUnitIds?: string[];
  /** … or 分办: two or more units, each answering separately. */
  separateUnitIds?: string[];
  /** 重点提案, optionally with the leader who supervises it (督办). */
  key?: boolean;
  supervisorUserId?: string | null;
  /** 加急 / 快速通道 */
  urgent?: boolean;
  /** Overrides the session's default reply deadline (YYYY-MM-DD). */
  replyDueDate?: string;
}

export interface ActiveAssignment {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
}

/** Still owing its work: assigned or accepted, not yet replied or closed. */
export const isOpen = (a: Pick<ActiveAssignment, 'status'>): boolean => a.status === AssignmentStatus.Assigned || a.status === AssignmentStatus.Accepted;

export interface AssignResult {
  proposalId: string;
  assignments: AssignmentView[];
}

export type AssignmentSort = 'dueDate' | '-dueDate' | 'assignedAt' | '-assignedAt' | 'proposalNumber' | '-proposalNumber';

export interface ListAssignmentsQuery {
  status?: AssignmentStatus;
  unitId?: string;
  role?: AssignmentRole;
  proposalId?: string;
  key?: boolean;
  urgent?: boolean;
  sort?: AssignmentSort;
  limit: number;
  offset: number;
}

export interface AssignmentView {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  key: boolean;
  urgent: boolean;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  /** 1, raised by each 重新办理 */
  round: number;
  /** The deadline this assignment answers to: the reply (主办, 分办) or the co-unit opinion (会办). */
  dueKind: DeadlineKind;
  dueDate: string;
  dueExplanation: DueExplanation;
  /** The due date rests on the statutory holidays of a year whose schedule is not loaded yet (recomputed when it is). */
  provisional: boolean;
  dueStatus: string;
  assignedAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  version: number;
}

/** The deadlines each role of assignment opens when assigned. */
const DEADLINES_OF_ROLE: Readonly<Record<AssignmentRole, readonly DeadlineKind[]>> = {
  [AssignmentRole.Lead]: ['reply', 'adjustment_window', 'first_contact'],
  [AssignmentRole.Separate]: ['reply', 'adjustment_window', 'first_contact'],
  [AssignmentRole.Co]: ['co_opinion', 'adjustment_window'],
};

/** The deadline an assignment answers to: the reply (主办, 分办) or the co-unit opinion (会办). */
export function dueKindOf(role: AssignmentRole): DeadlineKind {
  return DEADLINES_OF_ROLE[role][0];
}

const ROLE_WORDS: Readonly<Record<AssignmentRole, { verb: string; due: string }>> = {
  [AssignmentRole.Lead]: { verb: '主办', due: '办复' },
  [AssignmentRole.Separate]: { verb: '分办', due: '办复' },
  [AssignmentRole.Co]: { verb: '会办', due: '向主办单位提出会办意见' },
};

const SORTS: Readonly<Record<AssignmentSort, [string, 'ASC' | 'DESC']>> = {
  dueDate: ['d.due_date', 'ASC'],
  '-dueDate': ['d.due_date', 'DESC'],
  assignedAt: ['a.assigned_at', 'ASC'],
  '-assignedAt': ['a.assigned_at', 'DESC'],
  proposalNumber: ['p.number', 'ASC'],
  '-proposalNumber': ['p.number', 'DESC'],
};

/** 交办 and 签收: giving filed proposals to units and the units taking them on. */
@Injectable()
export class HandlingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly org: OrgService,
    private readonly deadlines: DeadlinesService,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * 交办: the committee gives a filed proposal to one lead unit (主办) with optional co-units (会办), or to
   * several units answering separately (分办), optionally flagged key (重点, with a 督办 leader) or urgent;
   * each unit is notified and its deadlines open.
   */
  async assign(actor: Actor, proposalId: string, input: AssignInput): Promise<AssignResult> {
    const { ids, planned } = await this.dataSource.transaction((manager) => this.assignAll(manager, actor, [{ proposalId, ...input }], (error) => error));
    await this.reminders.schedule(planned);
    return { proposalId, assignments: await this.views(actor, ids[0]) };
  }

  /**
   * 交办会: many proposals assigned in one action, all or nothing. A refused item names its index
   * (`items[3]: …`) and nothing is assigned.
   */
  async assignMany(actor: Actor, items: Array<AssignInput & { proposalId: string }>): Promise<AssignResult[]> {
    const proposalIds = items.map((item) => item.proposalId);
    if (new Set(proposalIds).size !== proposalIds.length) {
      throw new DomainError('invalid', 'DUPLICATE_PROPOSAL', 'items must name each proposal once', { fields: [{ field: 'items', problems: ['a proposal appears twice'] }] });
    }
    const { ids, planned } = await this.dataSource.transaction((manager) => this.assignAll(manager, actor, items, withItemIndex));
    await this.reminders.schedule(planned);
    const views = new Map((await this.views(actor, ids.flat())).map((view) => [view.id, view]));
    return items.map(({ proposalId }, index) => ({ proposalId, assignments: ids[index].flatMap((id) => views.get(id) ?? []) }));
  }

  /**
   * Assigns each item in the caller's transaction, set-based so that a 交办会 of a thousand costs a few
   * dozen statements rather than fifty per proposal (bench/README.md): units, proposals (locked) and
   * supervisors are read once; every item is checked in order and the first refusal is thrown through
   * `refused` (which adds the item's index for a 交办会); then the proposals move, and the assignments,
   * deadlines, reminder rows, notices and audit entries are written a chunk per INSERT. Returns the
   * assignment ids of each item and the reminders to schedule after commit.
   */
  private async assignAll(
    manager: EntityManager,
    actor: Actor,
    items: ReadonlyArray<AssignInput & { proposalId: string }>,
    refused: (error: DomainError, index: number) => DomainError,
  ): Promise<{ ids: string[][]; planned: Reminder[] }> {
    const plans = items.map((input) => {
      try {
        return { plan: unitPlan(input) };
      } catch (error) {
        return { plan: [], error };
      }
    });
    const unitIds = [...new Set(plans.flatMap(({ plan }) => plan.map((p) => p.unitId)))];
    const units = unitIds.length === 0 ? [] : await manager.getRepository(Unit).findBy({ id: In(unitIds), committeeId: actor.committeeId, kind: UnitKind.Handling });
    const proposals = await this.proposals.loadVisibleMany(manager, actor, items.map((item) => item.proposalId));
    const supervisors = await committeeUserIds(manager, actor.committeeId, items.flatMap((item) => item.supervisorUserId ?? []));
    const assignedOn = localDate(this.clock.now(), this.config.TIME_ZONE);
    const checked = items.map((input, index) => {
      try {
        if (plans[index].error) throw plans[index].error;
        for (const { unitId, field } of plans[index].plan) {
          if (!units.some((unit) => unit.id === unitId)) {
            throw new DomainError('invalid', 'UNIT_NOT_HANDLING', `${field} ${unitId} is not a handling unit (承办单位) of your committee`, {
              fields: [{ field, problems: [`${field} must be a handling unit of your committee`] }],
            });
          }
        }
        if (input.replyDueDate && input.replyDueDate <= assignedOn) {
          throw new DomainError('invalid', 'DUE_DATE_PAST', 'replyDueDate must be after the assignment date', {
            fields: [{ field: 'replyDueDate', problems: ['replyDueDate must be after the assignment date'] }],
          });
        }
        const proposal = proposals.get(input.proposalId);
        if (!proposal) throw DomainError.notFound('Proposal', input.proposalId);
        if (input.supervisorUserId && !supervisors.has(input.supervisorUserId)) throw notCommitteeUser('supervisorUserId', 'SUPERVISOR_NOT_IN_COMMITTEE');
        this.proposals.requireAllowed(proposal, ProposalAction.Assign);
        if (proposal.version !== input.version) throw DomainError.staleVersion('Proposal', proposal.id, input.version);
        return proposal;
      } catch (error) {
        throw error instanceof DomainError ? refused(error, index) : error;
      }
    });
    await this.proposals.transitionMany(
      manager,
      actor,
      ProposalAction.Assign,
      items.map((input, index) => {
        const proposal = checked[index];
        return {
          proposal,
          expectedVersion: input.version,
          changes: { isKey: input.key ?? proposal.isKey, urgent: input.urgent ?? proposal.urgent, supervisorUserId: input.supervisorUserId ?? proposal.supervisorUserId },
        };
      }),
      refused,
    );
    const entries = items.flatMap((input, index) =>
      plans[index].plan.map(({ unitId, role }) => ({ index, proposal: checked[index], unit: units.find((u) => u.id === unitId) as Unit, role, replyDueDate: input.replyDueDate })),
    );
    const opened = await this.openAssignments(manager, actor, entries);
    await refreshProposalSearch(manager, [...proposals.keys()]);
    const ids = items.map((): string[] => []);
    entries.forEach(({ index }, i) => ids[index].push(opened[i].assignment.id));
    return { ids, planned: opened.flatMap((o) => o.planned) };
  }

  /**
   * Creates one unit's assignment on a proposal with its deadlines (from today, on the committee's
   * calendar) and tells the unit, in the caller's transaction. Returns the reminders to schedule after commit.
   */
  async openAssignment(
    manager: EntityManager,
    actor: Actor,
    proposal: Proposal,
    unit: Unit,
    role: AssignmentRole,
    replyDueDate?: string,
  ): Promise<{ assignment: Assignment; planned: Reminder[] }> {
    const [opened] = await this.openAssignments(manager, actor, [{ proposal, unit, role, replyDueDate }]);
    return opened;
  }

  /** {@link openAssignment} for many, a chunk per INSERT; results in the order given. */
  private async openAssignments(
    manager: EntityManager,
    actor: Actor,
    entries: ReadonlyArray<{ proposal: Proposal; unit: Unit; role: AssignmentRole; replyDueDate?: string }>,
  ): Promise<Array<{ assignment: Assignment; planned: Reminder[] }>> {
    const now = this.clock.now();
    const assignedOn = localDate(now, this.config.TIME_ZONE);
    const assignments = entries.map(({ proposal, unit, role }) =>
      manager.create(Assignment, {
        committeeId: actor.committeeId,
        proposalId: proposal.id,
        unitId: unit.id,
        role,
        status: AssignmentStatus.Assigned,
        assignedByUserId: actor.userId,
        assignedAt: now,
      }),
    );
    await insertRows(manager, Assignment, assignments);
    await this.audit.recordMany(
      manager,
      entries.map(({ proposal, unit, role }, i) => ({
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: 'assignment',
        entityId: assignments[i].id,
        action: 'assignment.created',
        after: { proposalId: proposal.id, unitId: unit.id, role, key: proposal.isKey, urgent: proposal.urgent },
        at: now,
      })),
    );
    const requests = entries.flatMap(({ role, replyDueDate }, i) =>
      DEADLINES_OF_ROLE[role].map((kind) => ({ entry: i, assignment: assignments[i], kind, startDate: assignedOn, given: kind === 'reply' ? replyDueDate : undefined })),
    );
    const deadlines = await this.deadlines.openMany(manager, actor.userId, requests);
    const planned = entries.map((): Reminder[] => []);
    const due = entries.map(() => '');
    requests.forEach(({ entry, kind }, i) => {
      if (kind === dueKindOf(entries[entry].role)) due[entry] = deadlines[i].deadline.dueDate;
      planned[entry].push(...deadlines[i].reminders);
    });
    const recipients = await this.org.userIdsWithRoleByUnit(manager, actor.committeeId, [Role.Drafter, Role.Leader], entries.map((e) => e.unit.id));
    await this.notifications.notifyMany(
      manager,
      entries.map(({ proposal, unit, role }, i) => {
        const flags = `${proposal.isKey ? '【重点提案】' : ''}${proposal.urgent ? '【加急】' : ''}`;
        const words = ROLE_WORDS[role];
        return {
          committeeId: actor.committeeId,
          recipientUserIds: recipients.get(unit.id) ?? [],
          kind: 'assignment.created',
          title: `${flags}第${proposal.number}号提案《${proposal.title}》交由${unit.name}${words.verb}，请于${due[i]}前${words.due}`,
          subject: { entity: 'assignment', id: assignments[i].id },
          dedupeKey: `assignment.created-${assignments[i].id}`,
          at: now,
        };
      }),
    );
    return assignments.map((assignment, i) => ({ assignment, planned: planned[i] }));
  }

  /** 签收: the unit takes the assignment on; the proposal is then in handling. */
  async accept(actor: Actor, id: string, version: number): Promise<AssignmentView> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadForUnitWork(manager, actor, id);
      const pending = await manager.getRepository(AdjustmentRequest).existsBy({ assignmentId: id, status: AdjustmentStatus.Pending });
      if (pending) {
        throw new DomainError('conflict', 'ADJUSTMENT_PENDING', 'Your request for adjustment (申请调整) is still before the committee; accept once it is decided');
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

  /** 暂停计时 (committee staff): the reply clock stops, e.g. while waiting for the member. */
  async stopClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadOpen(manager, actor, id);
      await this.deadlines.stopClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, dueKindOf(assignment.role)), reason);
    });
    return this.get(actor, id);
  }

  /** The reply clock runs again; the due date moves by the days it stood still. */
  async resumeClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadOpen(manager, actor, id);
      return this.deadlines.resumeClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, dueKindOf(assignment.role)), reason);
    });
    await this.reminders.schedule(planned);
    return this.get(actor, id);
  }

  /** 办前面商: the unit records that it contacted the member; the first-contact deadline is met. */
  async recordContact(actor: Actor, id: string, note: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadForUnitWork(manager, actor, id);
      if (assignment.status !== AssignmentStatus.Accepted) {
        throw new DomainError('conflict', 'ASSIGNMENT_NOT_ACCEPTED', 'Accept (签收) the assignment before recording the contact with the member');
      }
      await this.deadlines.meet(manager, actor.userId, assignment.id, ['first_contact']);
      await this.audit.record(manager, {
        committeeId: assignment.committeeId,
        actorUserId: actor.userId,
        entity: 'assignment',
        entityId: assignment.id,
        action: 'assignment.member-contacted',
        after: { note },
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /**
   * 催办 by hand (committee staff), one or many assignments at once, all or nothing: each unit's
   * drafters and leaders are told, and each urge is recorded.
   */
  async urge(actor: Actor, ids: string[], message: string): Promise<{ urged: number }> {
    const unique = [...new Set(ids)];
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (const id of unique) {
        const assignment = await this.loadOpen(manager, actor, id);
        const [row]: Array<{ number: number | null; title: string; due: string }> = await manager.query(
          `SELECT p.number, p.title, to_char(d.due_date, 'YYYY-MM-DD') AS due FROM proposals p
           JOIN deadlines d ON d.assignment_id = $2 AND d.kind = $3 WHERE p.id = $1`,
          [assignment.proposalId, assignment.id, dueKindOf(assignment.role)],
        );
        await this.notifications.notify(manager, {
          committeeId: assignment.committeeId,
          recipientUserIds: await this.org.userIdsWithRole(manager, assignment.committeeId, [Role.Drafter, Role.Leader], [assignment.unitId]),
          kind: 'urge.manual',
          title: `【催办】第${row.number}号提案《${row.title}》（${assignment.role === AssignmentRole.Co ? '会办意见' : '办复'}期限${row.due}）：${message}`,
          subject: { entity: 'assignment', id },
          dedupeKey: `urge-${id}-${now.getTime()}`,
          at: now,
        });
        await this.audit.record(manager, {
          committeeId: assignment.committeeId,
          actorUserId: actor.userId,
          entity: 'assignment',
          entityId: id,
          action: 'assignment.urged',
          after: { message },
          at: now,
        });
      }
    });
    return { urged: unique.length };
  }

  /**
   * 免于会签: the committee waives a co-unit's opinion (会办意见) with a reason, so the lead unit's reply
   * need not wait for it; the co-unit's assignment ends and its reminders stop. Both units are told.
   */
  async waiveCountersign(actor: Actor, id: string, version: number, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadVisible(manager, actor, id);
      if (assignment.role !== AssignmentRole.Co) {
        throw new DomainError('conflict', 'NOT_A_CO_UNIT', 'Only a co-unit’s (会办) opinion can be waived');
      }
      const now = this.clock.now();
      await this.transition(manager, actor, assignment, version, AssignmentAction.Waive, { waivedAt: now, waivedByUserId: actor.userId, waiverReason: reason });
      const [row]: Array<{ number: number | null; title: string; unit: string }> = await manager.query(
        'SELECT p.number, p.title, u.name AS unit FROM proposals p, units u WHERE p.id = $1 AND u.id = $2',
        [assignment.proposalId, assignment.unitId],
      );
      const lead = (await this.activeAssignments(manager, assignment.proposalId)).find((a) => a.role === AssignmentRole.Lead);
      const unitIds = [assignment.unitId, ...(lead ? [lead.unitId] : [])];
      await this.notifications.notify(manager, {
        committeeId: assignment.committeeId,
        recipientUserIds: await this.org.userIdsWithRole(manager, assignment.committeeId, [Role.Drafter, Role.Leader], unitIds),
        kind: 'assignment.countersign-waived',
        title: `第${row.number}号提案《${row.title}》免于${row.unit}会签：${reason}`,
        subject: { entity: 'assignment', id },
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
      `SELECT a.id, a.unit_id AS "unitId", u.name AS "unitName", a.role, a.status FROM assignments a JOIN units u ON u.id = a.unit_id
       WHERE a.proposal_id = $1 AND a.status <> $2 ORDER BY u.name`,
      [proposalId, AssignmentStatus.Reassigned],
    );
  }

  /** An assignment the committee may act on that is still being handled; 409 once replied or closed. */
  private async loadOpen(manager: EntityManager, actor: Actor, id: string): Promise<Assignment> {
    const assignment = await this.loadVisible(manager, actor, id);
    if (assignment.status !== AssignmentStatus.Assigned && assignment.status !== AssignmentStatus.Accepted) {
      throw new DomainError('conflict', 'ASSIGNMENT_NOT_OPEN', `Assignment ${id} is ${assignment.status}; only an open assignment can be urged or have its clock changed`);
    }
    return assignment;
  }

  /** One assignment with all its deadlines and their history. */
  async get(actor: Actor, id: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    const [view] = await this.query(actor).andWhere('a.id = :id', { id }).getRawMany<RawAssignment>();
    if (!view) throw DomainError.notFound('Assignment', id);
    return { ...toView(view), deadlines: await this.deadlines.views(this.dataSource.manager, id) };
  }

  async list(actor: Actor, query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const builder = this.query(actor);
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    if (query.unitId) builder.andWhere('a.unit_id = :unitId', { unitId: query.unitId });
    if (query.role) builder.andWhere('a.role = :role', { role: query.role });
    if (query.proposalId) builder.andWhere('a.proposal_id = :proposalId', { proposalId: query.proposalId });
    if (query.key !== undefined) builder.andWhere('p.is_key = :key', { key: query.key });
    if (query.urgent !== undefined) builder.andWhere('p.urgent = :urgent', { urgent: query.urgent });
    const [column, direction] = SORTS[query.sort ?? 'dueDate'];
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
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }

  /** Views of assignments by id, in the order given (ids the actor may not see are left out). */
  async views(actor: Actor, ids: string[]): Promise<AssignmentView[]> {
    if (ids.length === 0) return [];
    const rows = await this.query(actor).andWhere('a.id = ANY(:ids::uuid[])', { ids }).getRawMany<RawAssignment>();
    return ids.flatMap((id) => rows.filter((row) => row.id === id).map(toView));
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
      throw new DomainError('forbidden', 'NOT_ASSIGNED_UNIT', 'Only the assigned unit may do this');
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
      throw new DomainError('conflict', 'ASSIGNMENT_ILLEGAL_TRANSITION', `An assignment in status ${assignment.status} cannot ${action}`, {
        status: assignment.status,
        action,
      });
    }
    await updateAtVersion(manager, Assignment, 'Assignment', assignment.id, expectedVersion, { ...changes, status: to });
    await this.audit.record(manager, {
      committeeId: assignment.committeeId,
      actorUserId: actor.userId,
      entity: 'assignment',
      entityId: assignment.id,
      action: `assignment.${action}`,
      before: { status: assignment.status, version: expectedVersion },
      after: { status: to, version: expectedVersion + 1 },
      at: this.clock.now(),
    });
    if (to === AssignmentStatus.Replied) await this.deadlines.meet(manager, actor.userId, assignment.id, ['reply', 'adjustment_window', 'co_opinion']);
    if (to === AssignmentStatus.Closed) await this.deadlines.cancelAll(manager, actor.userId, assignment.id);
    assignment.status = to;
    assignment.version = expectedVersion + 1;
  }

  private query(actor: Actor) {
    const policy = visibleAssignments(actor);
    return this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .innerJoin('proposals', 'p', 'p.id = a.proposal_id')
      .innerJoin('units', 'u', 'u.id = a.unit_id')
      .leftJoin('deadlines', 'd', "d.assignment_id = a.id AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)")
      .select([
        'a.id AS id',
        'a.proposal_id AS proposal_id',
        'p.number AS proposal_number',
        'p.title AS proposal_title',
        'p.is_key AS key',
        'p.urgent AS urgent',
        'a.unit_id AS unit_id',
        'u.name AS unit_name',
        'a.role AS role',
        'a.status AS status',
        'a.round AS round',
        'd.kind AS due_kind',
        "to_char(d.due_date, 'YYYY-MM-DD') AS due_date",
        'd.explanation AS due_explanation',
        'd.status AS due_status',
        'a.assigned_at AS assigned_at',
        'a.accepted_at AS accepted_at',
        'a.replied_at AS replied_at',
        'a.version AS version',
      ])
      .where(policy.sql, policy.params);
  }
}

interface RawAssignment {
  id: string;
  proposal_id: string;
  proposal_number: number | null;
  proposal_title: string;
  key: boolean;
  urgent: boolean;
  unit_id: string;
  unit_name: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  round: number;
  due_kind: DeadlineKind;
  due_date: string;
  due_explanation: DueExplanation;
  due_status: string;
  assigned_at: Date;
  accepted_at: Date | null;
  replied_at: Date | null;
  version: number;
}

const toView = (row: RawAssignment): AssignmentView => ({
  id: row.id,
  proposalId: row.proposal_id,
  proposalNumber: row.proposal_number,
  proposalTitle: row.proposal_title,
  key: row.key,
  urgent: row.urgent,
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  status: row.status,
  round: row.round,
  dueKind: row.due_kind,
  dueDate: row.due_date,
  dueExplanation: row.due_explanation,
  provisional: row.due_explanation?.provisional === true,
  dueStatus: row.due_status,
  assignedAt: new Date(row.assigned_at).toISOString(),
  acceptedAt: row.accepted_at ? new Date(row.accepted_at).toISOString() : null,
  repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
  version: Number(row.version),
});

/** The units of an assignment and their roles, or a 400 naming the field that breaks the rule. */
function unitPlan(input: AssignInput): Array<{ unitId: string; role: AssignmentRole; field: string }> {
  const refuse = (field: string, problem: string): never => {
    throw new DomainError('invalid', 'ASSIGNMENT_UNITS_INVALID', `${field}: ${problem}`, { fields: [{ field, problems: [problem] }] });
  };
  const co = input.coUnitIds ?? [];
  const separate = input.separateUnitIds ?? [];
  if (input.leadUnitId && separate.length > 0) refuse('separateUnitIds', 'give either a lead unit (主办) or 分办 units, not both');
  if (!input.leadUnitId && separate.length === 0) refuse('leadUnitId', 'name a lead unit (主办), or two or more 分办 units in separateUnitIds');
  if (!input.leadUnitId && co.length > 0) refuse('coUnitIds', 'co-units (会办) need a lead unit');
  if (!input.leadUnitId && separate.length < 2) refuse('separateUnitIds', '分办 needs two or more units; for one unit use leadUnitId');
  const plan = input.leadUnitId
    ? [
        { unitId: input.leadUnitId, role: AssignmentRole.Lead, field: 'leadUnitId' },
        ...co.map((unitId, i) => ({ unitId, role: AssignmentRole.Co, field: `coUnitIds[${i}]` })),
      ]
    : separate.map((unitId, i) => ({ unitId, role: AssignmentRole.Separate, field: `separateUnitIds[${i}]` }));
  const seen = new Set<string>();
  for (const { unitId, field } of plan) {
    if (seen.has(unitId)) refuse(field, 'a unit may appear only once in an assignment');
    seen.add(unitId);
  }
  return plan;
}

/** The same error, its message and fields prefixed with the bulk item's index. */
function withItemIndex(error: DomainError, index: number): DomainError {
  const fields = (error.details?.fields as Array<{ field: string; problems: string[] }> | undefined)?.map((f) => ({ ...f, field: `items[${index}].${f.field}` }));
  return new DomainError(error.kind, error.code, `items[${index}]: ${error.message}`, { ...error.details, item: index, ...(fields ? { fields } : {}) });
}
