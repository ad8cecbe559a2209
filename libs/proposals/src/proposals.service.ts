import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { Actor, hasRole } from '#app/auth';
import { AppConfig, Clock, type DeadlineRules, DomainError, localDate, takeNextNumber, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { CppccSession, Membership, Role } from '#app/org';
import { nextProposalStatus, ProposalAction, ProposalStatus } from './proposal-status.js';
import { Proposal, ProposalKind } from './proposal.entity.js';
import { Proposer, ProposerRole } from './proposer.entity.js';
import { visibleProposals } from './proposals.policy.js';
import { ReviewDecision, ReviewOutcome } from './review-decision.entity.js';

export interface CreateProposalInput {
  sessionId: string;
  title: string;
  body: string;
  category?: string;
  /** Committee staff entering the proposal for a member (代录). */
  onBehalfOfUserId?: string;
}

export interface ListProposalsQuery {
  sessionId?: string;
  status?: ProposalStatus;
  limit: number;
  offset: number;
}

export interface ProposalView {
  id: string;
  sessionId: string;
  sessionName: string;
  number: number | null;
  kind: ProposalKind | null;
  title: string;
  body: string;
  category: string | null;
  status: ProposalStatus;
  deadlineRules: Partial<DeadlineRules> | null;
  supervisorUserId: string | null;
  proposers: Array<{ userId: string; displayName: string; role: ProposerRole }>;
  enteredByUserId: string | null;
  submittedAt: string | null;
  filedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Intake and review of proposals; the lifecycle transitions every other lib goes through. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateProposalInput): Promise<ProposalView> {
    const proposerId = this.resolveProposer(actor, input.onBehalfOfUserId);
    const id = await this.dataSource.transaction(async (manager) => {
      const session = await manager.getRepository(CppccSession).findOneBy({ id: input.sessionId, committeeId: actor.committeeId });
      if (!session) throw new DomainError('invalid', 'SESSION_NOT_FOUND', `sessionId ${input.sessionId} is not a session of your committee`);
      const isMember = await manager
        .getRepository(Membership)
        .existsBy({ userId: proposerId, committeeId: actor.committeeId, role: Role.Member });
      if (!isMember) {
        throw new DomainError('invalid', 'NOT_A_MEMBER', 'onBehalfOfUserId must be a CPPCC member (委员) of your committee');
      }
      const proposal = await manager.save(
        manager.create(Proposal, {
          committeeId: actor.committeeId,
          sessionId: session.id,
          title: input.title,
          body: input.body,
          category: input.category ?? null,
          status: ProposalStatus.Draft,
          enteredByUserId: proposerId === actor.userId ? null : actor.userId,
        }),
      );
      await manager.insert(Proposer, { proposalId: proposal.id, userId: proposerId, role: ProposerRole.Lead });
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: proposal.id,
        action: 'proposal.created',
        after: { status: proposal.status, title: proposal.title, proposerId, proxy: proposerId !== actor.userId },
        at: this.clock.now(),
      });
      return proposal.id;
    });
    return this.get(actor, id);
  }

  /** The lead proposer (or staff entering for them) submits; the plenary window decides 大会 or 平时. */
  async submit(actor: Actor, id: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      await this.requireLeadOrStaff(manager, actor, proposal);
      const session = await manager.getRepository(CppccSession).findOneByOrFail({ id: proposal.sessionId });
      const today = localDate(this.clock.now(), this.config.TIME_ZONE);
      const kind = today >= session.plenaryStart && today <= session.plenaryEnd ? ProposalKind.Plenary : ProposalKind.Interim;
      await this.transition(manager, actor, proposal, version, ProposalAction.Submit, { kind, submittedAt: this.clock.now() });
    });
    return this.get(actor, id);
  }

  async startReview(actor: Actor, id: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      await this.transition(manager, actor, proposal, version, ProposalAction.StartReview, {});
    });
    return this.get(actor, id);
  }

  /** 立案: the proposal takes the next number of its session, and the proposers are told. */
  async file(actor: Actor, id: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      this.requireAllowed(proposal, ProposalAction.File);
      const number = await takeNextNumber(manager, actor.committeeId, proposalNumberSeries(proposal.sessionId));
      const now = this.clock.now();
      await this.transition(manager, actor, proposal, version, ProposalAction.File, { number, filedAt: now });
      await manager.insert(ReviewDecision, {
        proposalId: id,
        outcome: ReviewOutcome.Filed,
        decidedByUserId: actor.userId,
        decidedAt: now,
      });
      await this.notifications.notify(manager, {
        committeeId: actor.committeeId,
        recipientUserIds: await this.proposerIds(manager, id),
        kind: 'proposal.filed',
        title: `您的提案《${proposal.title}》已立案，编号第${number}号`,
        subject: { entity: 'proposal', id },
        dedupeKey: `proposal.filed-${id}`,
        at: now,
      });
    });
    return this.get(actor, id);
  }

  /**
   * Sets this proposal's own deadline rules (e.g. 快速通道: a shorter reply deadline) before it is
   * assigned; the session's rules apply to everything not given.
   */
  async setDeadlineRules(actor: Actor, id: string, version: number, rules: Partial<DeadlineRules>): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      const before = [ProposalStatus.Submitted, ProposalStatus.UnderReview, ProposalStatus.Filed];
      if (!before.includes(proposal.status)) {
        throw new DomainError('conflict', 'PROPOSAL_ALREADY_ASSIGNED', `Deadline rules are set before assignment; the proposal is ${proposal.status}`);
      }
      const given = Object.fromEntries(
        Object.entries(rules)
          .filter(([, rule]) => rule !== undefined)
          .map(([name, rule]) => [name, { amount: rule.amount, unit: rule.unit }]),
      ) as Partial<DeadlineRules>;
      await updateAtVersion(manager, Proposal, 'Proposal', id, version, { deadlineRules: given as never });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: id,
        action: 'proposal.deadline-rules-set',
        before: { deadlineRules: proposal.deadlineRules },
        after: { deadlineRules: given },
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /**
   * 重点提案: names the leader who supervises the proposal (督办), or clears it. Overdue reminders reach
   * the supervisor once the session's 督办 threshold is passed.
   */
  async setSupervisor(actor: Actor, id: string, version: number, supervisorUserId: string | null): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      if (supervisorUserId && !(await manager.getRepository(Membership).existsBy({ userId: supervisorUserId, committeeId: actor.committeeId }))) {
        throw new DomainError('invalid', 'SUPERVISOR_NOT_IN_COMMITTEE', 'supervisorUserId must be a user of your committee');
      }
      await updateAtVersion(manager, Proposal, 'Proposal', id, version, { supervisorUserId });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: id,
        action: 'proposal.supervisor-set',
        before: { supervisorUserId: proposal.supervisorUserId },
        after: { supervisorUserId },
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ProposalView> {
    const proposal = await this.loadVisible(this.dataSource.manager, actor, id);
    const [view] = await this.toViews(this.dataSource.manager, [proposal]);
    return view;
  }

  async list(actor: Actor, query: ListProposalsQuery): Promise<Page<ProposalView>> {
    const policy = visibleProposals(actor);
    const builder = this.dataSource
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where(policy.sql, policy.params)
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.sessionId) builder.andWhere('p.session_id = :sessionId', { sessionId: query.sessionId });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    const [rows, total] = await builder.getManyAndCount();
    return { items: await this.toViews(this.dataSource.manager, rows), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Loads a proposal the actor may see (404 otherwise, so existence is not revealed), locking the row
   * for the rest of the transaction.
   */
  async loadVisible(manager: EntityManager, actor: Actor, id: string): Promise<Proposal> {
    const policy = visibleProposals(actor);
    const builder = manager
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .andWhere(policy.sql, policy.params);
    if (manager.queryRunner?.isTransactionActive) builder.setLock('pessimistic_write');
    const proposal = await builder.getOne();
    if (!proposal) throw DomainError.notFound('Proposal', id);
    return proposal;
  }

  /**
   * Moves a proposal along the lifecycle table at the version the caller saw, with its audit entry, in
   * the caller's transaction. An action the table does not allow from the current status is a 409.
   */
  async transition(
    manager: EntityManager,
    actor: Actor,
    proposal: Proposal,
    expectedVersion: number,
    action: ProposalAction,
    changes: Partial<Proposal>,
  ): Promise<void> {
    const to = this.requireAllowed(proposal, action);
    await updateAtVersion(manager, Proposal, 'Proposal', proposal.id, expectedVersion, { ...changes, status: to });
    await this.audit.record(manager, {
      committeeId: proposal.committeeId,
      actorUserId: actor.userId,
      entity: 'proposal',
      entityId: proposal.id,
      action: `proposal.${action}`,
      before: { status: proposal.status, version: expectedVersion },
      after: { status: to, version: expectedVersion + 1, ...serialisable(changes) },
      at: this.clock.now(),
    });
    proposal.status = to;
    proposal.version = expectedVersion + 1;
  }

  async proposerIds(manager: EntityManager, proposalId: string): Promise<string[]> {
    const rows = await manager.getRepository(Proposer).find({ where: { proposalId }, order: { role: 'DESC', createdAt: 'ASC' } });
    return rows.map((row) => row.userId);
  }

  async isProposer(manager: EntityManager, proposalId: string, userId: string): Promise<boolean> {
    return manager.getRepository(Proposer).existsBy({ proposalId, userId });
  }

  private requireAllowed(proposal: Proposal, action: ProposalAction): ProposalStatus {
    const to = nextProposalStatus(proposal.status, action);
    if (!to) {
      throw new DomainError(
        'conflict',
        'PROPOSAL_ILLEGAL_TRANSITION',
        `A proposal in status ${proposal.status} cannot ${action}`,
        { status: proposal.status, action },
      );
    }
    return to;
  }

  private resolveProposer(actor: Actor, onBehalfOf: string | undefined): string {
    if (!onBehalfOf || onBehalfOf === actor.userId) {
      if (!hasRole(actor, Role.Member)) {
        throw new DomainError('invalid', 'PROPOSER_REQUIRED', 'onBehalfOfUserId is required: you are not a member (委员) yourself');
      }
      return actor.userId;
    }
    if (!hasRole(actor, Role.Staff)) {
      throw new DomainError('forbidden', 'PROXY_ENTRY_DENIED', 'Only committee staff may enter a proposal on behalf of a member (代录)');
    }
    return onBehalfOf;
  }

  private async requireLeadOrStaff(manager: EntityManager, actor: Actor, proposal: Proposal): Promise<void> {
    if (hasRole(actor, Role.Staff)) return; // staff submit what they entered on a member's behalf (代录)
    const lead = await manager.getRepository(Proposer).existsBy({ proposalId: proposal.id, userId: actor.userId, role: ProposerRole.Lead });
    if (!lead) throw new DomainError('forbidden', 'NOT_LEAD_PROPOSER', 'Only the lead proposer (领衔人) may submit this proposal');
  }

  private async toViews(manager: EntityManager, proposals: Proposal[]): Promise<ProposalView[]> {
    if (proposals.length === 0) return [];
    const ids = proposals.map((p) => p.id);
    const proposers: Array<{ proposal_id: string; user_id: string; display_name: string; role: ProposerRole }> = await manager.query(
      `SELECT pr.proposal_id, pr.user_id, u.display_name, pr.role FROM proposers pr JOIN users u ON u.id = pr.user_id
       WHERE pr.proposal_id = ANY($1::uuid[]) ORDER BY pr.role DESC, pr.created_at`,
      [ids],
    );
    const sessionIds = [...new Set(proposals.map((p) => p.sessionId))];
    const sessions = await manager.getRepository(CppccSession).createQueryBuilder('s').where('s.id = ANY(:sessionIds)', { sessionIds }).getMany();
    const sessionName = new Map(sessions.map((s) => [s.id, s.name]));
    return proposals.map((p) => ({
      id: p.id,
      sessionId: p.sessionId,
      sessionName: sessionName.get(p.sessionId) ?? '',
      number: p.number,
      kind: p.kind,
      title: p.title,
      body: p.body,
      category: p.category,
      status: p.status,
      deadlineRules: p.deadlineRules,
      supervisorUserId: p.supervisorUserId,
      proposers: proposers
        .filter((row) => row.proposal_id === p.id)
        .map((row) => ({ userId: row.user_id, displayName: row.display_name, role: row.role })),
      enteredByUserId: p.enteredByUserId,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      filedAt: p.filedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      version: p.version,
    }));
  }
}

/** The number series of a session's proposals (第365号). */
export function proposalNumberSeries(sessionId: string): string {
  return `proposal-${sessionId}`;
}

function serialisable(changes: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(changes)) as Record<string, unknown>;
}
