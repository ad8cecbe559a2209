import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor } from '#app/auth';
import { AppConfig, Clock, DomainError, formatForPeople, type Page, publish } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { innerJoinUser, Role, userIdsHolding } from '#app/org';
import { CosignInvitation, InvitationStatus } from './cosign-invitation.entity.js';
import { ProposalAction, ProposalStatus } from './proposal-status.js';
import { type Proposal } from './proposal.entity.js';
import { Proposer, ProposerRole } from './proposer.entity.js';
import { ProposalsChangedEvent } from './proposals.events.js';
import { ProposalsService } from './proposals.service.js';
import type { ProposalView } from './proposal-view.js';
import { ProposalsErrorCode } from './proposals.errors.js';
import { ProposalNoticeKind, ProposalsEntity } from './proposals.vocabulary.js';

export interface InvitationView {
  id: string;
  proposalId: string;
  proposalTitle: string;
  cosignDeadline: string | null;
  userId: string;
  displayName: string;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
}

/** Co-signing is open for at most this long. */
const MAX_COSIGN_DAYS = 90;

/**
 * 联名/附议: the lead proposer invites members to co-sign before a deadline; each accepts or declines
 * until then. Answers after the deadline do not count; at submission the list is frozen.
 */
@Injectable()
export class CosigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Opens co-signing on a draft, with its deadline and the first invitations. */
  async open(actor: Actor, id: string, version: number, deadline: Date, inviteeUserIds: string[]): Promise<ProposalView> {
    const now = this.clock.now();
    if (deadline <= now) throw DomainError.invalidField('deadline', 'deadline must be in the future');
    if (deadline.getTime() - now.getTime() > MAX_COSIGN_DAYS * 86_400_000) {
      throw DomainError.invalidField('deadline', `deadline must be within ${MAX_COSIGN_DAYS} days`);
    }
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      await this.proposals.requireAuthor(manager, actor, proposal, 'invite co-signers to');
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.OpenCosigning, { cosignDeadline: deadline });
      proposal.cosignDeadline = deadline;
      await this.inviteIn(manager, actor, proposal, inviteeUserIds);
    });
    return this.proposals.get(actor, id);
  }

  /** Invites more members while co-signing is open. */
  async invite(actor: Actor, id: string, inviteeUserIds: string[]): Promise<InvitationView[]> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      await this.proposals.requireAuthor(manager, actor, proposal, 'invite co-signers to');
      this.requireOpen(proposal);
      await this.inviteIn(manager, actor, proposal, inviteeUserIds);
    });
    return this.list(actor, id);
  }

  /**
   * The invited member accepts (co-signs) or declines; until the deadline they may change their mind.
   * After the deadline, or once the proposal is submitted, nothing changes.
   */
  async respond(actor: Actor, id: string, accept: boolean): Promise<InvitationView> {
    const invitationId = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      const invitation = await manager.getRepository(CosignInvitation).findOneBy({ proposalId: id, userId: actor.userId });
      if (!invitation) throw new DomainError('not_found', ProposalsErrorCode.INVITATION_NOT_FOUND, 'You are not invited to co-sign this proposal');
      this.requireOpen(proposal);
      const now = this.clock.now();
      const status = accept ? InvitationStatus.Accepted : InvitationStatus.Declined;
      await manager.update(CosignInvitation, { id: invitation.id }, { status, respondedAt: now });
      if (accept) {
        await manager.createQueryBuilder().insert().into(Proposer).values({ proposalId: id, userId: actor.userId, role: ProposerRole.CoSigner }).orIgnore().execute();
      } else {
        await manager.delete(Proposer, { proposalId: id, userId: actor.userId, role: ProposerRole.CoSigner });
      }
      await publish(manager, ProposalsChangedEvent, proposal.committeeId, { proposalIds: [id], change: 'cosigning' });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: ProposalsEntity.Proposal,
        entityId: id,
        action: accept ? 'proposal.cosigned' : 'proposal.cosign-declined',
        before: { invitation: invitation.status },
        after: { invitation: status },
        at: now,
      });
      await this.notifications.notify(manager, {
        committeeId: proposal.committeeId,
        recipientUserIds: await this.leadOf(manager, id),
        kind: accept ? ProposalNoticeKind.CosignAccepted : ProposalNoticeKind.CosignDeclined,
        title: `${actor.displayName}${accept ? '同意联名' : '谢绝联名'}您的提案《${proposal.title}》`,
        subject: { entity: ProposalsEntity.Proposal, id },
        dedupeKey: `cosign-${invitation.id}-${now.getTime()}`,
        at: now,
      });
      return invitation.id;
    });
    const [view] = await this.views(this.dataSource.manager, { ids: [invitationId] });
    return view;
  }

  /** The invitations of a proposal the actor may see. */
  async list(actor: Actor, id: string): Promise<InvitationView[]> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, id);
    return this.views(this.dataSource.manager, { proposalId: id });
  }

  /** Invitations to the actor, newest first, optionally by status. */
  async mine(actor: Actor, status: InvitationStatus | undefined, limit: number, offset: number): Promise<Page<InvitationView>> {
    const [rows, total] = await this.dataSource
      .getRepository(CosignInvitation)
      .createQueryBuilder('ci')
      .innerJoin('proposals', 'p', 'p.id = ci.proposal_id AND p.committee_id = :committeeId', { committeeId: actor.committeeId })
      .where('ci.user_id = :userId', { userId: actor.userId })
      .andWhere(status ? 'ci.status = :status' : 'TRUE', { status })
      .orderBy('ci.invited_at', 'DESC')
      .addOrderBy('ci.id', 'ASC')
      .limit(limit)
      .offset(offset)
      .getManyAndCount();
    const views = await this.views(this.dataSource.manager, { ids: rows.map((r) => r.id) });
    return { items: rows.flatMap((row) => views.filter((v) => v.id === row.id)), total, limit, offset };
  }

  private requireOpen(proposal: Proposal): void {
    if (proposal.status !== ProposalStatus.Cosigning) {
      throw new DomainError('conflict', ProposalsErrorCode.COSIGNING_CLOSED, `Co-signing is closed: the proposal is ${proposal.status}; the co-signers were fixed at submission`);
    }
    if (proposal.cosignDeadline && this.clock.now() > proposal.cosignDeadline) {
      const deadline = formatForPeople(proposal.cosignDeadline, this.config.TIME_ZONE);
      throw new DomainError('conflict', ProposalsErrorCode.COSIGN_DEADLINE_PASSED, `联名截止时间${deadline}已过，逾期答复不计入（The co-signing deadline ${deadline} ${this.config.TIME_ZONE} has passed; late answers do not count）`, {
        deadline: proposal.cosignDeadline.toISOString(),
      });
    }
  }

  private async inviteIn(manager: EntityManager, actor: Actor, proposal: Proposal, userIds: string[]): Promise<void> {
    const now = this.clock.now();
    const leads = await this.leadOf(manager, proposal.id);
    const members = await userIdsHolding(manager, proposal.committeeId, userIds, Role.Member);
    const already = new Set((await manager.getRepository(CosignInvitation).findBy({ proposalId: proposal.id })).map((i) => i.userId));
    const seen = new Set<string>();
    for (const [index, userId] of userIds.entries()) {
      const field = `inviteeUserIds[${index}]`;
      if (!members.has(userId)) throw DomainError.invalidField(field, `${field} must be a CPPCC member (委员) of your committee`);
      if (leads.includes(userId)) throw DomainError.invalidField(field, `${field} is the lead proposer`);
      if (already.has(userId) || seen.has(userId)) throw DomainError.invalidField(field, `${field} is already invited`);
      seen.add(userId);
    }
    if (userIds.length === 0) return;
    await manager.insert(
      CosignInvitation,
      userIds.map((userId) => ({ proposalId: proposal.id, userId, status: InvitationStatus.Invited, invitedByUserId: actor.userId, invitedAt: now })),
    );
    await this.audit.record(manager, {
      committeeId: proposal.committeeId,
      actorUserId: actor.userId,
      entity: ProposalsEntity.Proposal,
      entityId: proposal.id,
      action: 'proposal.cosigners-invited',
      after: { userIds, deadline: proposal.cosignDeadline?.toISOString() ?? null },
      at: now,
    });
    await this.notifications.notify(manager, {
      committeeId: proposal.committeeId,
      recipientUserIds: userIds,
      kind: ProposalNoticeKind.CosignInvited,
      title: `${actor.displayName}邀请您联名提案《${proposal.title}》，${proposal.cosignDeadline ? `请于${formatForPeople(proposal.cosignDeadline, this.config.TIME_ZONE)}前答复` : '请答复'}`,
      subject: { entity: ProposalsEntity.Proposal, id: proposal.id },
      dedupeKey: `cosign.invited-${proposal.id}-${now.getTime()}`,
      at: now,
    });
  }

  private async leadOf(manager: EntityManager, proposalId: string): Promise<string[]> {
    return (await manager.getRepository(Proposer).findBy({ proposalId, role: ProposerRole.Lead })).map((p) => p.userId);
  }

  private async views(manager: EntityManager, filter: { ids: string[] } | { proposalId: string }): Promise<InvitationView[]> {
    if ('ids' in filter && filter.ids.length === 0) return [];
    const joined = manager
      .getRepository(CosignInvitation)
      .createQueryBuilder('ci')
      .innerJoin('proposals', 'p', 'p.id = ci.proposal_id');
    const rows: Array<CosignInvitation & { title: string; deadline: Date | null; displayName: string }> = await innerJoinUser(joined, 'ci.user_id', 'u')
      .select([
        'ci.id AS id',
        'ci.proposal_id AS "proposalId"',
        'p.title AS title',
        'p.cosign_deadline AS deadline',
        'ci.user_id AS "userId"',
        'u.display_name AS "displayName"',
        'ci.status AS status',
        'ci.invited_at AS "invitedAt"',
        'ci.responded_at AS "respondedAt"',
      ])
      .where('ids' in filter ? 'ci.id = ANY(:ids::uuid[])' : 'ci.proposal_id = :proposalId', filter)
      .orderBy('ci.invited_at', 'ASC')
      .addOrderBy('u.display_name', 'ASC')
      .getRawMany();
    return rows.map((row) => ({
      id: row.id,
      proposalId: row.proposalId,
      proposalTitle: row.title,
      cosignDeadline: row.deadline ? new Date(row.deadline).toISOString() : null,
      userId: row.userId,
      displayName: row.displayName,
      status: row.status,
      invitedAt: new Date(row.invitedAt).toISOString(),
      respondedAt: row.respondedAt ? new Date(row.respondedAt).toISOString() : null,
    }));
  }
}
