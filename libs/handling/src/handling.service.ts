import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, type DueExplanation, localDate, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { OrgService, Role, Unit, UnitKind } from '#app/org';
import { type Page, ProposalAction, ProposalsService } from '#app/proposals';
import { type Reminder, RemindersService } from '#app/reminders';
import { AssignmentAction, nextAssignmentStatus } from './assignment-status.js';
import { Assignment, AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { DeadlinesService, type DeadlineView } from './deadlines.service.js';
import { visibleAssignments, worksForUnit } from './handling.policy.js';

export interface AssignInput {
  /** The proposal version the committee saw. */
  version: number;
  leadUnitId: string;
  /** Overrides the session's default deadline (YYYY-MM-DD). */
  replyDueDate?: string;
}

export interface ListAssignmentsQuery {
  status?: AssignmentStatus;
  unitId?: string;
  limit: number;
  offset: number;
}

export interface AssignmentView {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  replyDueDate: string;
  replyDueExplanation: DueExplanation;
  replyDueStatus: string;
  assignedAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  version: number;
}

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

  /** The committee names the lead unit (主办) and the reply deadline; the unit is notified. */
  async assign(actor: Actor, proposalId: string, input: AssignInput): Promise<AssignmentView> {
    const now = this.clock.now();
    const { assignmentId, planned } = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      const unit = await manager.getRepository(Unit).findOneBy({ id: input.leadUnitId, committeeId: actor.committeeId });
      if (!unit || unit.kind !== UnitKind.Handling) {
        throw new DomainError('invalid', 'UNIT_NOT_HANDLING', `leadUnitId ${input.leadUnitId} is not a handling unit (承办单位) of your committee`);
      }
      const assignedOn = localDate(now, this.config.TIME_ZONE);
      if (input.replyDueDate && input.replyDueDate <= assignedOn) {
        throw new DomainError('invalid', 'DUE_DATE_PAST', 'replyDueDate must be after the assignment date');
      }
      await this.proposals.transition(manager, actor, proposal, input.version, ProposalAction.Assign, {});
      const assignment = await manager.save(
        manager.create(Assignment, {
          committeeId: actor.committeeId,
          proposalId,
          unitId: unit.id,
          role: AssignmentRole.Lead,
          status: AssignmentStatus.Assigned,
          assignedByUserId: actor.userId,
          assignedAt: now,
        }),
      );
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: 'assignment',
        entityId: assignment.id,
        action: 'assignment.created',
        after: { proposalId, unitId: unit.id, role: assignment.role },
        at: now,
      });
      const reply = await this.deadlines.open(manager, actor.userId, assignment, 'reply', assignedOn, input.replyDueDate);
      const planned: Reminder[] = [
        ...reply.reminders,
        ...(await this.deadlines.open(manager, actor.userId, assignment, 'adjustment_window', assignedOn)).reminders,
        ...(await this.deadlines.open(manager, actor.userId, assignment, 'first_contact', assignedOn)).reminders,
      ];
      const due = reply.deadline.dueDate;
      await this.notifications.notify(manager, {
        committeeId: actor.committeeId,
        recipientUserIds: await this.org.userIdsWithRole(manager, actor.committeeId, [Role.Drafter, Role.Leader], [unit.id]),
        kind: 'assignment.created',
        title: `第${proposal.number}号提案《${proposal.title}》交由${unit.name}主办，请于${due}前办复`,
        subject: { entity: 'assignment', id: assignment.id },
        dedupeKey: `assignment.created-${assignment.id}`,
        at: now,
      });
      return { assignmentId: assignment.id, planned };
    });
    await this.reminders.schedule(planned);
    return this.get(actor, assignmentId);
  }

  /** 签收: the unit takes the assignment on; the proposal is then in handling. */
  async accept(actor: Actor, id: string, version: number): Promise<AssignmentView> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadForUnitWork(manager, actor, id);
      const now = this.clock.now();
      await this.transition(manager, actor, assignment, version, AssignmentAction.Accept, { acceptedAt: now });
      await this.deadlines.meet(manager, actor.userId, assignment.id, ['adjustment_window']);
      if (assignment.role === AssignmentRole.Lead) {
        const proposal = await this.proposals.loadVisible(manager, actor, assignment.proposalId);
        await this.proposals.transition(manager, actor, proposal, proposal.version, ProposalAction.StartHandling, {});
      }
    });
    return this.get(actor, id);
  }

  /** 暂停计时 (committee staff): the reply clock stops, e.g. while waiting for the member. */
  async stopClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadOpen(manager, actor, id);
      await this.deadlines.stopClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, 'reply'), reason);
    });
    return this.get(actor, id);
  }

  /** The reply clock runs again; the due date moves by the days it stood still. */
  async resumeClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.loadOpen(manager, actor, id);
      return this.deadlines.resumeClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, 'reply'), reason);
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
           JOIN deadlines d ON d.assignment_id = $2 AND d.kind = 'reply' WHERE p.id = $1`,
          [assignment.proposalId, assignment.id],
        );
        await this.notifications.notify(manager, {
          committeeId: assignment.committeeId,
          recipientUserIds: await this.org.userIdsWithRole(manager, assignment.committeeId, [Role.Drafter, Role.Leader], [assignment.unitId]),
          kind: 'urge.manual',
          title: `【催办】第${row.number}号提案《${row.title}》（办复期限${row.due}）：${message}`,
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
    const total = await builder.clone().getCount();
    const rows = await builder
      .orderBy('d.due_date', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getRawMany<RawAssignment>();
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
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
      .innerJoin('deadlines', 'd', "d.assignment_id = a.id AND d.kind = 'reply'")
      .select([
        'a.id AS id',
        'a.proposal_id AS proposal_id',
        'p.number AS proposal_number',
        'p.title AS proposal_title',
        'a.unit_id AS unit_id',
        'u.name AS unit_name',
        'a.role AS role',
        'a.status AS status',
        "to_char(d.due_date, 'YYYY-MM-DD') AS reply_due_date",
        'd.explanation AS reply_due_explanation',
        'd.status AS reply_due_status',
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
  unit_id: string;
  unit_name: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  reply_due_date: string;
  reply_due_explanation: DueExplanation;
  reply_due_status: string;
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
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  status: row.status,
  replyDueDate: row.reply_due_date,
  replyDueExplanation: row.reply_due_explanation,
  replyDueStatus: row.reply_due_status,
  assignedAt: new Date(row.assigned_at).toISOString(),
  acceptedAt: row.accepted_at ? new Date(row.accepted_at).toISOString() : null,
  repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
  version: Number(row.version),
});
