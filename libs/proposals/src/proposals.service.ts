import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { type AuditRecord, AuditService } from '#app/audit';
import { Actor, hasRole } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate, publish, updateAtVersion } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { CodeTable, CodeTablesService, findSession, Role, sessionById, UnitKind, unitsOfKind, userIdsHolding } from '#app/org';
import { termHashes } from './chinese-terms.js';
import { CosignInvitation, InvitationStatus } from './cosign-invitation.entity.js';
import { nextProposalStatus, ProposalAction, ProposalStatus } from './proposal-status.js';
import { GroupKind, Proposal, ProposalKind } from './proposal.entity.js';
import { Proposer, ProposerRole } from './proposer.entity.js';
import { ProposalsChangedEvent } from './proposals.events.js';
import { groupOf, proposalViews, type ProposalView } from './proposal-view.js';
import { visibleProposals } from './proposals.policy.js';
import { ProposalsErrorCode } from './proposals.errors.js';
import { ProposalNoticeKind, ProposalsEntity } from './proposals.vocabulary.js';

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

/** Statuses in which the lead proposer may still change the text. */
const EDITABLE = [ProposalStatus.Draft, ProposalStatus.Cosigning];

/**
 * Drafting, editing and submitting proposals, and what every other lib goes through: a proposal read
 * within the row policy, the lifecycle transitions, its proposers. Lists and search:
 * {@link ProposalQueriesService}; staff settings (督办, deadline rules): {@link ProposalSettingsService};
 * the audit chain: {@link ProposalAuditChainService}.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly codeTables: CodeTablesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateProposalInput): Promise<ProposalView> {
    const proposerId = this.resolveProposer(actor, input.onBehalfOfUserId);
    const id = await this.dataSource.transaction(async (manager) => {
      const session = await findSession(manager, input.sessionId, actor.committeeId);
      if (!session) throw new DomainError('invalid', ProposalsErrorCode.SESSION_NOT_FOUND, `sessionId ${input.sessionId} is not a session of your committee`);
      const isMember = (await userIdsHolding(manager, actor.committeeId, [proposerId], Role.Member)).has(proposerId);
      if (!isMember) {
        throw new DomainError('invalid', ProposalsErrorCode.NOT_A_MEMBER, 'onBehalfOfUserId must be a CPPCC member (委员) of your committee');
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
      await publish(manager, ProposalsChangedEvent, actor.committeeId, { proposalIds: [proposal.id], change: 'drafted' });
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: ProposalsEntity.Proposal,
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
        throw new DomainError('conflict', ProposalsErrorCode.PROPOSAL_NOT_EDITABLE, `A proposal can be edited only before it is submitted; it is ${proposal.status}`);
      }
      const textChanges = input.title !== undefined || input.body !== undefined || input.analysis !== undefined || input.suggestions !== undefined;
      if (textChanges && proposal.status === ProposalStatus.Cosigning) {
        const cosigned = await manager.getRepository(Proposer).existsBy({ proposalId: id, role: ProposerRole.CoSigner });
        if (cosigned) {
          throw new DomainError('conflict', ProposalsErrorCode.COSIGNED_TEXT_FROZEN, 'Members have co-signed this text; it can no longer be changed (withdraw and start a new proposal instead)');
        }
      }
      const content = await this.checkContent(manager, actor.committeeId, { ...input, title: input.title ?? proposal.title }, proposal);
      await updateAtVersion(manager, Proposal, 'Proposal', id, version, content as Partial<Proposal>);
      await publish(manager, ProposalsChangedEvent, proposal.committeeId, { proposalIds: [id], change: 'edited' });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: ProposalsEntity.Proposal,
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
      const session = await sessionById(manager, proposal.sessionId);
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

  async get(actor: Actor, id: string): Promise<ProposalView> {
    const proposal = await this.loadVisible(this.dataSource.manager, actor, id);
    const [view] = await proposalViews(this.dataSource.manager, [proposal]);
    return view;
  }

  /**
   * Loads a proposal the actor may see (404 otherwise, so existence is not revealed), locking the row
   * for the rest of the transaction.
   */
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
      entity: ProposalsEntity.Proposal,
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

  /** Tells every proposer (lead and co-signers) of a proposal, once per key. */
  async notifyProposers(manager: EntityManager, proposal: Proposal, kind: ProposalNoticeKind, title: string, at: Date): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: proposal.committeeId,
      recipientUserIds: await this.proposerIds(manager, proposal.id),
      kind,
      title,
      subject: { entity: ProposalsEntity.Proposal, id: proposal.id },
      dedupeKey: `${kind}-${proposal.id}`,
      at,
    });
  }

  requireAllowed(proposal: Proposal, action: ProposalAction): ProposalStatus {
    const to = nextProposalStatus(proposal.status, action);
    if (!to) {
      throw new DomainError(
        'conflict',
        ProposalsErrorCode.PROPOSAL_ILLEGAL_TRANSITION,
        `A proposal in status ${proposal.status} cannot ${action}`,
        { status: proposal.status, action },
      );
    }
    return to;
  }

  private resolveProposer(actor: Actor, onBehalfOf: string | undefined): string {
    if (!onBehalfOf || onBehalfOf === actor.userId) {
      if (!hasRole(actor, Role.Member)) {
        throw new DomainError('invalid', ProposalsErrorCode.PROPOSER_REQUIRED, 'onBehalfOfUserId is required: you are not a member (委员) yourself');
      }
      return actor.userId;
    }
    if (!hasRole(actor, Role.Staff)) {
      throw new DomainError('forbidden', ProposalsErrorCode.PROXY_ENTRY_DENIED, 'Only committee staff may enter a proposal on behalf of a member (代录)');
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
    if (!lead) throw new DomainError('forbidden', ProposalsErrorCode.NOT_LEAD_PROPOSER, `Only the lead proposer (领衔人) may ${what} this proposal`);
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
      const found = (await unitsOfKind(manager, committeeId, unique, UnitKind.Handling)).length;
      if (found !== unique.length) throw DomainError.invalidField('suggestedUnitIds', 'suggestedUnitIds must be handling units (承办单位) of your committee');
      changes.suggestedUnitIds = unique;
    }
    if (input.group !== undefined) Object.assign(changes, { groupKind: input.group?.kind ?? null, groupName: input.group?.name ?? null });
    changes.titleTerms = termHashes(changes.title);
    if (changes.body !== undefined) changes.bodyTerms = termHashes(changes.body);
    return changes;
  }
}

/** The number series of a session's proposals (第365号). */
export function proposalNumberSeries(sessionId: string): string {
  return `proposal-${sessionId}`;
}

function serialisable(changes: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(changes)) as Record<string, unknown>;
}
