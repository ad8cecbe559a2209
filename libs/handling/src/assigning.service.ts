import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, type DeadlineKind, DomainError, insertRows, publish } from '#app/core';
import { committeeUserIds, notCommitteeUser, Unit, UnitKind, unitsOfKind } from '#app/org';
import { type Proposal, ProposalAction, ProposalsChangedEvent, ProposalsService } from '#app/proposals';
import type { Reminder } from '#app/reminders';
import { Assignment, AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { type AssignmentView, assignmentViews } from './assignment-views.js';
import { DeadlinesService } from './deadlines.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { HandlingErrorCode } from './handling.errors.js';

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

export interface AssignResult {
  proposalId: string;
  assignments: AssignmentView[];
}

/** The deadlines each role of assignment opens when assigned. */
export const DEADLINES_OF_ROLE: Readonly<Record<AssignmentRole, readonly DeadlineKind[]>> = {
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

/** 交办: giving filed proposals to units, one at a time or many in a 交办会, each unit's deadlines opened and the unit told. */
@Injectable()
export class AssigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * 交办: the committee gives a filed proposal to one lead unit (主办) with optional co-units (会办), or to
   * several units answering separately (分办), optionally flagged key (重点, with a 督办 leader) or urgent;
   * each unit is notified and its deadlines open.
   */
  async assign(actor: Actor, proposalId: string, input: AssignInput): Promise<AssignResult> {
    const { ids } = await this.dataSource.transaction((manager) => this.assignAll(manager, actor, [{ proposalId, ...input }], (error) => error));
    return { proposalId, assignments: await assignmentViews(this.dataSource.manager, actor, ids[0]) };
  }

  /**
   * 交办会: many proposals assigned in one action, all or nothing. A refused item names its index
   * (`items[3]: …`) and nothing is assigned.
   */
  async assignMany(actor: Actor, items: Array<AssignInput & { proposalId: string }>): Promise<AssignResult[]> {
    const proposalIds = items.map((item) => item.proposalId);
    if (new Set(proposalIds).size !== proposalIds.length) {
      throw new DomainError('invalid', HandlingErrorCode.DUPLICATE_PROPOSAL, 'items must name each proposal once', { fields: [{ field: 'items', problems: ['a proposal appears twice'] }] });
    }
    const { ids } = await this.dataSource.transaction((manager) => this.assignAll(manager, actor, items, withItemIndex));
    const views = new Map((await assignmentViews(this.dataSource.manager, actor, ids.flat())).map((view) => [view.id, view]));
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
    const units = unitIds.length === 0 ? [] : await unitsOfKind(manager, actor.committeeId, unitIds, UnitKind.Handling);
    const proposals = await this.proposals.loadVisibleMany(manager, actor, items.map((item) => item.proposalId));
    const supervisors = await committeeUserIds(manager, actor.committeeId, items.flatMap((item) => item.supervisorUserId ?? []));
    const assignedOn = this.deadlines.today();
    const checked = items.map((input, index) => {
      try {
        if (plans[index].error) throw plans[index].error;
        for (const { unitId, field } of plans[index].plan) {
          if (!units.some((unit) => unit.id === unitId)) {
            throw new DomainError('invalid', HandlingErrorCode.UNIT_NOT_HANDLING, `${field} ${unitId} is not a handling unit (承办单位) of your committee`, {
              fields: [{ field, problems: [`${field} must be a handling unit of your committee`] }],
            });
          }
        }
        if (input.replyDueDate && input.replyDueDate <= assignedOn) {
          throw new DomainError('invalid', HandlingErrorCode.DUE_DATE_PAST, 'replyDueDate must be after the assignment date', {
            fields: [{ field: 'replyDueDate', problems: ['replyDueDate must be after the assignment date'] }],
          });
        }
        const proposal = proposals.get(input.proposalId);
        if (!proposal) throw DomainError.notFound('Proposal', input.proposalId);
        if (input.supervisorUserId && !supervisors.has(input.supervisorUserId)) throw notCommitteeUser('supervisorUserId', HandlingErrorCode.SUPERVISOR_NOT_IN_COMMITTEE);
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
    await publish(manager, ProposalsChangedEvent, actor.committeeId, { proposalIds: [...proposals.keys()], change: 'assigned' });
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

  /** {@link openAssignment} on the proposal the actor may see: a unit taking over another's role (申请调整 approved). */
  async openReplacement(manager: EntityManager, actor: Actor, proposalId: string, unit: Unit, role: AssignmentRole): Promise<{ assignment: Assignment; planned: Reminder[] }> {
    return this.openAssignment(manager, actor, await this.proposals.loadVisible(manager, actor, proposalId), unit, role);
  }

  /** {@link openAssignment} for many, a chunk per INSERT; results in the order given. */
  private async openAssignments(
    manager: EntityManager,
    actor: Actor,
    entries: ReadonlyArray<{ proposal: Proposal; unit: Unit; role: AssignmentRole; replyDueDate?: string }>,
  ): Promise<Array<{ assignment: Assignment; planned: Reminder[] }>> {
    const now = this.clock.now();
    const assignedOn = this.deadlines.localDay(now);
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
        entity: HandlingEntity.Assignment,
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
    await this.notices.toEachUnit(
      manager,
      actor.committeeId,
      entries.map(({ proposal, unit, role }, i) => {
        const flags = `${proposal.isKey ? '【重点提案】' : ''}${proposal.urgent ? '【加急】' : ''}`;
        const words = ROLE_WORDS[role];
        return {
          unitId: unit.id,
          committeeId: actor.committeeId,
          kind: HandlingNoticeKind.AssignmentCreated,
          title: `${flags}第${proposal.number}号提案《${proposal.title}》交由${unit.name}${words.verb}，请于${due[i]}前${words.due}`,
          subject: { entity: HandlingEntity.Assignment, id: assignments[i].id },
          dedupeKey: `assignment.created-${assignments[i].id}`,
          at: now,
        };
      }),
    );
    return assignments.map((assignment, i) => ({ assignment, planned: planned[i] }));
  }
}

/** The units of an assignment and their roles, or a 400 naming the field that breaks the rule. */
function unitPlan(input: AssignInput): Array<{ unitId: string; role: AssignmentRole; field: string }> {
  const refuse = (field: string, problem: string): never => {
    throw new DomainError('invalid', HandlingErrorCode.ASSIGNMENT_UNITS_INVALID, `${field}: ${problem}`, { fields: [{ field, problems: [problem] }] });
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
