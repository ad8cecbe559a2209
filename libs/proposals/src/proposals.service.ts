import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { type AuditChainExport, type AuditRecord, AuditService, proposalChain } from '#app/audit';
import { Actor, hasRole } from '#app/auth';
import { AppConfig, Clock, type DeadlineRules, DomainError, localDate, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { CodeTable, CodeTablesService, CppccSession, Membership, type OrgActor, OrgService, Role, Unit, type UnitInput, UnitKind, type UnitView } from '#app/org';
import { termHashes } from './chinese-terms.js';
import { CosignInvitation, InvitationStatus } from './cosign-invitation.entity.js';
import { nextProposalStatus, ProposalAction, ProposalStatus } from './proposal-status.js';
import { GroupKind, Proposal, ProposalKind } from './proposal.entity.js';
import { Proposer, ProposerRole } from './proposer.entity.js';
import { proposalHighlights, proposalSearch, refreshProposalSearch, refreshUnitProposalsSearch } from './proposal-search.js';
import { visibleProposals } from './proposals.policy.js';
import type { Highlight } from './search-text.js';

export interface ProposalContentInput {
  title?: string;
  /** The whole text; or give `analysis` (情况分析) and `suggestions` (具体建议) and it is composed. */
  body?: string;
  analysis?: string;
  suggestions?: string;
  category?: string | null;
  /** 建议承办单位 */
  suggestedUnitIds?: string[];
  /** 集体提案: the party, 界别 or group proposing (the lead proposer is its contact person). */
  group?: { kind: GroupKind; name: string } | null;
}

export interface CreateProposalInput extends ProposalContentInput {
  sessionId: string;
  title: string;
  /** Committee staff entering the proposal for a member (代录). */
  onBehalfOfUserId?: string;
}

export type ProposalSort = 'createdAt' | '-createdAt' | 'number' | '-number' | 'submittedAt' | '-submittedAt' | 'title' | '-title';

export interface ListProposalsQuery {
  sessionId?: string;
  status?: ProposalStatus;
  /** Any of these statuses (a member's tab: 已提交 is submitted or under review). */
  statuses?: ProposalStatus[];
  kind?: ProposalKind;
  category?: string;
  /**
   * Full-text search (ADR 11) over title, body, proposers, units and the answers sent: ranked by relevance
   * (title hits first) unless `sort` is given; each item then carries its highlights.
   */
  q?: string;
  proposerUserId?: string;
  key?: boolean;
  urgent?: boolean;
  collective?: boolean;
  mergedIntoId?: string;
  sort?: ProposalSort;
  limit: number;
  offset: number;
}

const SORTS: Readonly<Record<ProposalSort, [string, 'ASC' | 'DESC']>> = {
  createdAt: ['p.created_at', 'ASC'],
  '-createdAt': ['p.created_at', 'DESC'],
  number: ['p.number', 'ASC'],
  '-number': ['p.number', 'DESC'],
  submittedAt: ['p.submitted_at', 'ASC'],
  '-submittedAt': ['p.submitted_at', 'DESC'],
  title: ['p.title', 'ASC'],
  '-title': ['p.title', 'DESC'],
};

/** Statuses in which the lead proposer may still change the text. */
const EDITABLE = [ProposalStatus.Draft, ProposalStatus.Cosigning];

export interface ProposalView {
  id: string;
  sessionId: string;
  sessionName: string;
  number: number | null;
  kind: ProposalKind | null;
  title: string;
  body: string;
  analysis: string | null;
  suggestions: string | null;
  category: string | null;
  suggestedUnitIds: string[];
  group: { kind: GroupKind; name: string } | null;
  status: ProposalStatus;
  key: boolean;
  urgent: boolean;
  deadlineRules: Partial<DeadlineRules> | null;
  supervisorUserId: string | null;
  cosignDeadline: string | null;
  mergedIntoId: string | null;
  /** 并案: proposals merged into this one. */
  mergedFrom: Array<{ id: string; title: string }>;
  proposers: Array<{ userId: string; displayName: string; role: ProposerRole; viaProposalId: string | null }>;
  enteredByUserId: string | null;
  submittedAt: string | null;
  filedAt: string | null;
  closedAt: string | null;
  version: number;
  /** With a search (`q`): where it matched, up to 3 passages, HTML-escaped, matches in `<mark>`. */
  highlights?: Highlight[];
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
    private readonly codeTables: CodeTablesService,
    private readonly org: OrgService,
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
      const content = await this.checkContent(manager, actor.committeeId, input);
      const proposal = await manager.save(
        manager.create(Proposal, {
          committeeId: actor.committeeId,
          sessionId: session.id,
          ...content,
          status: ProposalStatus.Draft,
          enteredByUserId: proposerId === actor.userId ? null : actor.userId,
        }),
      );
      await manager.insert(Proposer, { proposalId: proposal.id, userId: proposerId, role: ProposerRole.Lead });
      await refreshProposalSearch(manager, [proposal.id]);
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: proposal.id,
        action: 'proposal.created',
        after: { status: proposal.status, title: proposal.title, proposerId, proxy: proposerId !== actor.userId, group: input.group ?? null },
        at: this.clock.now(),
      });
      return proposal.id;
    });
    return this.get(actor, id);
  }

  /**
   * Edits a draft (the lead proposer, or the staff who entered it). While co-signing, the text is
   * frozen once anyone has co-signed it: they signed that text.
   */
  async update(actor: Actor, id: string, version: number, input: ProposalContentInput): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      await this.requireAuthor(manager, actor, proposal, 'edit');
      if (!EDITABLE.includes(proposal.status)) {
        throw new DomainError('conflict', 'PROPOSAL_NOT_EDITABLE', `A proposal can be edited only before it is submitted; it is ${proposal.status}`);
      }
      const textChanges = input.title !== undefined || input.body !== undefined || input.analysis !== undefined || input.suggestions !== undefined;
      if (textChanges && proposal.status === ProposalStatus.Cosigning) {
        const cosigned = await manager.getRepository(Proposer).existsBy({ proposalId: id, role: ProposerRole.CoSigner });
        if (cosigned) {
          throw new DomainError('conflict', 'COSIGNED_TEXT_FROZEN', 'Members have co-signed this text; it can no longer be changed (withdraw and start a new proposal instead)');
        }
      }
      const content = await this.checkContent(manager, actor.committeeId, { ...input, title: input.title ?? proposal.title }, proposal);
      await updateAtVersion(manager, Proposal, 'Proposal', id, version, content as Partial<Proposal>);
      await refreshProposalSearch(manager, [id]);
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: 'proposal',
        entityId: id,
        action: 'proposal.updated',
        before: { title: proposal.title, category: proposal.category, suggestedUnitIds: proposal.suggestedUnitIds, group: groupOf(proposal), version },
        after: { title: content.title, category: content.category, suggestedUnitIds: content.suggestedUnitIds, group: groupOf(content), version: version + 1 },
        at: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /**
   * The lead proposer (or staff entering for them) submits; the plenary window decides 大会 or 平时.
   * The co-signers are frozen: invitations not accepted by now lapse.
   */
  async submit(actor: Actor, id: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.loadVisible(manager, actor, id);
      // Staff submit any proposal of the committee they can see (e.g. what a member handed in on paper).
      if (!hasRole(actor, Role.Staff)) await this.requireAuthor(manager, actor, proposal, 'submit');
      const session = await manager.getRepository(CppccSession).findOneByOrFail({ id: proposal.sessionId });
      const today = localDate(this.clock.now(), this.config.TIME_ZONE);
      const kind = today >= session.plenaryStart && today <= session.plenaryEnd ? ProposalKind.Plenary : ProposalKind.Interim;
      await this.transition(manager, actor, proposal, version, ProposalAction.Submit, { kind, submittedAt: this.clock.now() });
      await manager.update(
        CosignInvitation,
        { proposalId: id, status: InvitationStatus.Invited },
        { status: InvitationStatus.Lapsed, respondedAt: this.clock.now() },
      );
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
      if (supervisorUserId) await this.requireCommitteeUser(manager, actor.committeeId, supervisorUserId, 'supervisorUserId', 'SUPERVISOR_NOT_IN_COMMITTEE');
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

  /**
   * Updates a unit (administrators); when its name changes, the search documents of the proposals it
   * works on are recomputed in the same transaction, so they are found by the new name (ADR 11).
   */
  async updateUnit(actor: OrgActor, id: string, version: number, input: Partial<UnitInput>): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      const { before, after } = await this.org.updateUnitIn(manager, actor, id, version, input);
      if (after.name !== before.name) await refreshUnitProposalsSearch(manager, id);
      return after;
    });
  }

  async get(actor: Actor, id: string): Promise<ProposalView> {
    const proposal = await this.loadVisible(this.dataSource.manager, actor, id);
    const [view] = await this.toViews(this.dataSource.manager, [proposal]);
    return view;
  }

  async list(actor: Actor, query: ListProposalsQuery): Promise<Page<ProposalView>> {
    const policy = visibleProposals(actor);
    const search = query.q === undefined ? null : proposalSearch(actor, query.q);
    const builder = this.dataSource
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where(policy.sql, policy.params)
      .limit(query.limit)
      .offset(query.offset);
    if (search && !query.sort) {
      // Relevance: title hits first, then the rank over all fields, newest first among equals.
      builder
        .addSelect(search.titleHit, 'search_title_hit')
        .addSelect(search.rank, 'search_rank')
        .orderBy('search_title_hit', 'DESC')
        .addOrderBy('search_rank', 'DESC')
        .addOrderBy('p.created_at', 'DESC');
    } else {
      const [column, direction] = SORTS[query.sort ?? '-createdAt'];
      builder.orderBy(column, direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST');
    }
    builder.addOrderBy('p.id', 'ASC');
    if (search) builder.andWhere(search.where, search.params);
    if (query.sessionId) builder.andWhere('p.session_id = :sessionId', { sessionId: query.sessionId });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.statuses?.length) builder.andWhere('p.status IN (:...statuses)', { statuses: query.statuses });
    if (query.kind) builder.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.category) builder.andWhere('p.category = :category', { category: query.category });
    if (query.proposerUserId) {
      builder.andWhere('EXISTS (SELECT 1 FROM proposers fpr WHERE fpr.proposal_id = p.id AND fpr.user_id = :proposerUserId)', { proposerUserId: query.proposerUserId });
    }
    if (query.key !== undefined) builder.andWhere('p.is_key = :key', { key: query.key });
    if (query.urgent !== undefined) builder.andWhere('p.urgent = :urgent', { urgent: query.urgent });
    if (query.collective !== undefined) builder.andWhere(query.collective ? 'p.group_kind IS NOT NULL' : 'p.group_kind IS NULL');
    if (query.mergedIntoId) builder.andWhere('p.merged_into_id = :mergedIntoId', { mergedIntoId: query.mergedIntoId });
    let rows: Proposal[];
    let total: number;
    if (search) {
      // One pass for the page and the total: with a phrase, each match is checked against its vector.
      const { entities, raw } = await builder.addSelect('count(*) OVER ()', 'search_total').getRawAndEntities<{ search_total: string }>();
      rows = entities;
      total = raw.length > 0 ? Number(raw[0].search_total) : query.offset > 0 ? await builder.getCount() : 0;
    } else {
      // The page and the total side by side, on two pooled connections.
      [rows, total] = await Promise.all([builder.clone().getMany(), builder.clone().getCount()]);
    }
    const items = await this.toViews(this.dataSource.manager, rows);
    if (search) {
      const found = await proposalHighlights(this.dataSource.manager, actor, search, rows);
      for (const item of items) item.highlights = found.get(item.id) ?? [];
    }
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /**
   * Loads a proposal the actor may see (404 otherwise, so existence is not revealed), locking the row
   * for the rest of the transaction.
   */
  /**
   * The proposal's audit chain (every entry about it, its assignments, replies, deadlines …) with the
   * result of verifying it. Staff: within the proposal policy; administrators: any proposal of their
   * committee (they keep the records, as with GET /audit/:id). Anything else is a 404.
   */
  async auditChain(actor: Actor, id: string): Promise<AuditChainExport> {
    if (hasRole(actor, Role.Staff)) await this.loadVisible(this.dataSource.manager, actor, id);
    else if (!(await this.dataSource.getRepository(Proposal).existsBy({ id, committeeId: actor.committeeId }))) throw DomainError.notFound('Proposal', id);
    return this.audit.exportChain(proposalChain(id), this.clock.now());
  }

  async loadVisible(manager: EntityManager, actor: Actor, id: string): Promise<Proposal> {
    const proposal = (await this.loadVisibleMany(manager, actor, [id])).get(id);
    if (!proposal) throw DomainError.notFound('Proposal', id);
    return proposal;
  }

  /** The proposals of `ids` the actor may see, by id (locked in a transaction, in id order); the others are absent. */
  async loadVisibleMany(manager: EntityManager, actor: Actor, ids: readonly string[]): Promise<Map<string, Proposal>> {
    const policy = visibleProposals(actor);
    const builder = manager
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids::uuid[])', { ids: [...new Set(ids)] })
      .andWhere(policy.sql, policy.params)
      .orderBy('p.id');
    if (manager.queryRunner?.isTransactionActive) builder.setLock('pessimistic_write');
    return new Map((await builder.getMany()).map((proposal) => [proposal.id, proposal]));
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
    await this.audit.record(manager, this.transitionAudit(actor, proposal, expectedVersion, action, to, changes));
    Object.assign(proposal, changes, { status: to, version: expectedVersion + 1 });
  }

  /**
   * {@link transition} for many proposals the caller has loaded with {@link loadVisibleMany} in this
   * transaction (so locked): each is checked (lifecycle, version) in order and the first refusal is
   * thrown with its index in `refused`; then one UPDATE per distinct set of changes and one audit INSERT.
   */
  async transitionMany(
    manager: EntityManager,
    actor: Actor,
    action: ProposalAction,
    entries: ReadonlyArray<{ proposal: Proposal; expectedVersion: number; changes: Partial<Proposal> }>,
    refused: (error: DomainError, index: number) => DomainError = (error) => error,
  ): Promise<void> {
    const groups = new Map<string, { changes: Partial<Proposal>; ids: string[] }>();
    const statuses: ProposalStatus[] = [];
    const audits = entries.map(({ proposal, expectedVersion, changes }, index) => {
      let to: ProposalStatus;
      try {
        to = this.requireAllowed(proposal, action);
        if (proposal.version !== expectedVersion) throw DomainError.staleVersion('Proposal', proposal.id, expectedVersion);
      } catch (error) {
        throw error instanceof DomainError ? refused(error, index) : error;
      }
      statuses.push(to);
      const set = { ...changes, status: to };
      const key = JSON.stringify(set);
      groups.set(key, { changes: set, ids: [...(groups.get(key)?.ids ?? []), proposal.id] });
      return this.transitionAudit(actor, proposal, expectedVersion, action, to, changes);
    });
    for (const { changes, ids } of groups.values()) {
      // The rows are locked by this transaction and their versions checked above.
      await manager.update(Proposal, { id: In(ids) }, { ...changes, version: () => 'version + 1' } as never);
    }
    await this.audit.recordMany(manager, audits);
    entries.forEach(({ proposal, expectedVersion, changes }, index) => Object.assign(proposal, changes, { status: statuses[index], version: expectedVersion + 1 }));
  }

  private transitionAudit(actor: Actor, proposal: Proposal, expectedVersion: number, action: ProposalAction, to: ProposalStatus, changes: Partial<Proposal>): AuditRecord {
    return {
      committeeId: proposal.committeeId,
      actorUserId: actor.userId,
      entity: 'proposal',
      entityId: proposal.id,
      action: `proposal.${action}`,
      before: { status: proposal.status, version: expectedVersion },
      after: { status: to, version: expectedVersion + 1, ...serialisable(changes) },
      at: this.clock.now(),
    };
  }

  async proposerIds(manager: EntityManager, proposalId: string): Promise<string[]> {
    const rows = await manager.getRepository(Proposer).find({ where: { proposalId }, order: { role: 'DESC', createdAt: 'ASC' } });
    return rows.map((row) => row.userId);
  }

  async isProposer(manager: EntityManager, proposalId: string, userId: string): Promise<boolean> {
    return manager.getRepository(Proposer).existsBy({ proposalId, userId });
  }

  /** A user of the committee (any role), or a 400 naming `field`. */
  async requireCommitteeUser(manager: EntityManager, committeeId: string, userId: string, field: string, code = 'USER_NOT_IN_COMMITTEE'): Promise<void> {
    if (!(await manager.getRepository(Membership).existsBy({ userId, committeeId }))) throw notCommitteeUser(field, code);
  }

  /** Which of `userIds` are users of the committee (any role), in one query. */
  async committeeUserIds(manager: EntityManager, committeeId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await manager.getRepository(Membership).find({ where: { committeeId, userId: In([...new Set(userIds)]) } });
    return new Set(rows.map((row) => row.userId));
  }

  /** Tells every proposer (lead and co-signers) of a proposal, once per key. */
  async notifyProposers(manager: EntityManager, proposal: Proposal, kind: string, title: string, at: Date): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: proposal.committeeId,
      recipientUserIds: await this.proposerIds(manager, proposal.id),
      kind,
      title,
      subject: { entity: 'proposal', id: proposal.id },
      dedupeKey: `${kind}-${proposal.id}`,
      at,
    });
  }

  requireAllowed(proposal: Proposal, action: ProposalAction): ProposalStatus {
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

  /**
   * The lead proposer (领衔人) may edit, submit, invite co-signers, attach files and withdraw; committee
   * staff may do the same for a proposal they entered on the member's behalf (代录). `what` names the
   * step in the refusal.
   */
  async requireAuthor(manager: EntityManager, actor: Actor, proposal: Proposal, what: string): Promise<void> {
    if (hasRole(actor, Role.Staff) && proposal.enteredByUserId !== null) return;
    const lead = await manager.getRepository(Proposer).existsBy({ proposalId: proposal.id, userId: actor.userId, role: ProposerRole.Lead });
    if (!lead) throw new DomainError('forbidden', 'NOT_LEAD_PROPOSER', `Only the lead proposer (领衔人) may ${what} this proposal`);
  }

  /**
   * Checks and completes a proposal's content: the body composed from its parts, the category from the
   * committee's code table, suggested units of the committee, and the terms for finding similar ones.
   */
  private async checkContent(
    manager: EntityManager,
    committeeId: string,
    input: ProposalContentInput & { title: string },
    current?: Proposal,
  ): Promise<Partial<Proposal> & { title: string }> {
    const changes: Partial<Proposal> & { title: string } = { title: input.title };
    const parts = input.analysis !== undefined || input.suggestions !== undefined;
    if (input.body !== undefined && parts) {
      throw DomainError.invalidField('body', 'give either body or analysis and suggestions, not both');
    }
    if (parts) {
      const analysis = input.analysis ?? current?.analysis;
      const suggestions = input.suggestions ?? current?.suggestions;
      if (!analysis) throw DomainError.invalidField('analysis', 'analysis (情况分析) is required with suggestions');
      if (!suggestions) throw DomainError.invalidField('suggestions', 'suggestions (具体建议) are required with analysis');
      Object.assign(changes, { analysis, suggestions, body: `一、情况分析\n${analysis}\n二、具体建议\n${suggestions}` });
    } else if (input.body !== undefined) {
      Object.assign(changes, { body: input.body, analysis: null, suggestions: null });
    } else if (!current) {
      throw DomainError.invalidField('body', 'body is required (or analysis and suggestions)');
    }
    if (input.category) await this.codeTables.require(manager, committeeId, CodeTable.Category, input.category, 'category');
    if (input.category !== undefined) changes.category = input.category;
    if (input.suggestedUnitIds !== undefined) {
      const unique = [...new Set(input.suggestedUnitIds)];
      const found = await manager.getRepository(Unit).countBy({ id: In(unique), committeeId, kind: UnitKind.Handling });
      if (found !== unique.length) throw DomainError.invalidField('suggestedUnitIds', 'suggestedUnitIds must be handling units (承办单位) of your committee');
      changes.suggestedUnitIds = unique;
    }
    if (input.group !== undefined) Object.assign(changes, { groupKind: input.group?.kind ?? null, groupName: input.group?.name ?? null });
    changes.titleTerms = termHashes(changes.title);
    if (changes.body !== undefined) changes.bodyTerms = termHashes(changes.body);
    return changes;
  }

  private async toViews(manager: EntityManager, proposals: Proposal[]): Promise<ProposalView[]> {
    if (proposals.length === 0) return [];
    // The session's name, the proposers and the proposals merged into each, in one round trip.
    const extras: Array<{ id: string; session_name: string | null; proposers: ProposalView['proposers']; merged_from: ProposalView['mergedFrom'] }> =
      await manager.query(
        PROPOSAL_VIEW_EXTRAS_SQL,
        [proposals.map((p) => p.id), proposals.map((p) => p.sessionId)],
      );
    const extrasOf = new Map(extras.map((row) => [row.id, row]));
    return proposals.map((p) => ({
      id: p.id,
      sessionId: p.sessionId,
      sessionName: extrasOf.get(p.id)?.session_name ?? '',
      number: p.number,
      kind: p.kind,
      title: p.title,
      body: p.body,
      analysis: p.analysis,
      suggestions: p.suggestions,
      category: p.category,
      suggestedUnitIds: p.suggestedUnitIds,
      group: groupOf(p),
      status: p.status,
      key: p.isKey,
      urgent: p.urgent,
      deadlineRules: p.deadlineRules,
      supervisorUserId: p.supervisorUserId,
      cosignDeadline: p.cosignDeadline?.toISOString() ?? null,
      mergedIntoId: p.mergedIntoId,
      mergedFrom: extrasOf.get(p.id)?.merged_from ?? [],
      proposers: extrasOf.get(p.id)?.proposers ?? [],
      enteredByUserId: p.enteredByUserId,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      filedAt: p.filedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      version: p.version,
    }));
  }
}

/**
 * What a proposal's view adds to its row — the session's name, the proposers (lead first), the proposals
 * merged into it — for proposal ids $1 with their session ids $2, one row each, in one statement.
 */
export const PROPOSAL_VIEW_EXTRAS_SQL = `SELECT p.id,
  (SELECT s.name FROM cppcc_sessions s WHERE s.id = p.session_id) AS session_name,
  COALESCE((SELECT json_agg(json_build_object('userId', pr.user_id, 'displayName', u.display_name, 'role', pr.role, 'viaProposalId', pr.via_proposal_id)
                            ORDER BY pr.role DESC, pr.created_at)
            FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = p.id), '[]') AS proposers,
  COALESCE((SELECT json_agg(json_build_object('id', m.id, 'title', m.title) ORDER BY m.created_at)
            FROM proposals m WHERE m.merged_into_id = p.id), '[]') AS merged_from
FROM unnest($1::uuid[], $2::uuid[]) AS p(id, session_id)`;

/** The number series of a session's proposals (第365号). */
export function proposalNumberSeries(sessionId: string): string {
  return `proposal-${sessionId}`;
}

function groupOf(p: Partial<Pick<Proposal, 'groupKind' | 'groupName'>>): { kind: GroupKind; name: string } | null {
  return p.groupKind && p.groupName ? { kind: p.groupKind, name: p.groupName } : null;
}


function serialisable(changes: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(changes)) as Record<string, unknown>;
}

/** The 400 of {@link ProposalsService.requireCommitteeUser}, naming `field`. */
export function notCommitteeUser(field: string, code = 'USER_NOT_IN_COMMITTEE'): DomainError {
  return new DomainError('invalid', code, `${field} must be a user of your committee`, {
    fields: [{ field, problems: [`${field} must be a user of your committee`] }],
  });
}
