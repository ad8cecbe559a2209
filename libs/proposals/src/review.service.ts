import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor } from '#app/auth';
import { Clock, DomainError, publish, takeNextNumber } from '#app/core';
import { CodeTable, CodeTablesService } from '#app/org';
import { CosignInvitation, InvitationStatus } from './cosign-invitation.entity.js';
import { ProposalAction, ProposalStatus } from './proposal-status.js';
import { Proposal } from './proposal.entity.js';
import { Proposer, ProposerRole } from './proposer.entity.js';
import { ProposalsChangedEvent } from './proposals.events.js';
import { proposalNumberSeries, ProposalsService } from './proposals.service.js';
import type { ProposalView } from './proposal-view.js';
import { ReviewDecision, ReviewOutcome } from './review-decision.entity.js';
import { ProposalsErrorCode } from './proposals.errors.js';
import { ProposalNoticeKind } from './proposals.vocabulary.js';

/** Statuses a proposal may be merged into: filed and not yet answered. */
const MERGE_TARGETS = [ProposalStatus.Filed, ProposalStatus.Assigned, ProposalStatus.InHandling];

export interface ReviewDecisionView {
  outcome: ReviewOutcome;
  reasonCode: string | null;
  reasonLabel: string | null;
  reasonText: string | null;
  targetProposalId: string | null;
  decidedByUserId: string;
  decidedAt: string;
}

/**
 * 审查: the committee's five outcomes for a submitted proposal — 立案 (numbered), 并案 (merged into
 * another), 转为意见建议, 不予立案 (with a ground from the committee's list) — and 撤案 by the proposer.
 * Each records its decision, moves the proposal and tells the proposers why, in one transaction.
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly codeTables: CodeTablesService,
    private readonly clock: Clock,
  ) {}

  /** 立案: the proposal takes the next number of its session. */
  async file(actor: Actor, id: string, version: number): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      this.proposals.requireAllowed(proposal, ProposalAction.File);
      const number = await takeNextNumber(manager, actor.committeeId, proposalNumberSeries(proposal.sessionId));
      const now = this.clock.now();
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.File, { number, filedAt: now });
      await this.decide(manager, actor, id, ReviewOutcome.Filed, {});
      await this.proposals.notifyProposers(manager, proposal, ProposalNoticeKind.Filed, `您的提案《${proposal.title}》已立案，编号第${number}号`, now);
    });
    return this.proposals.get(actor, id);
  }

  /**
   * 并案: the proposal is handled together with a filed one on the same matter. It keeps its own text
   * and history (status merged, pointing at the target); its proposers join the target's, so the reply
   * reaches them too.
   */
  async merge(actor: Actor, id: string, version: number, targetId: string, reason: string): Promise<ProposalView> {
    if (targetId === id) throw DomainError.invalidField('targetProposalId', 'a proposal cannot be merged into itself');
    await this.dataSource.transaction(async (manager) => {
      // Lock both rows in one order (by id) so two merges crossing each other cannot deadlock.
      const [first, second] = [id, targetId].sort();
      const locked = new Map<string, Proposal>();
      for (const lockId of [first, second]) {
        try {
          locked.set(lockId, await this.proposals.loadVisible(manager, actor, lockId));
        } catch (error) {
          if (lockId === targetId && error instanceof DomainError && error.kind === 'not_found') {
            throw DomainError.invalidField('targetProposalId', `targetProposalId ${targetId} is not a proposal of your committee`);
          }
          throw error;
        }
      }
      const proposal = locked.get(id) as Proposal;
      const target = locked.get(targetId) as Proposal;
      if (!MERGE_TARGETS.includes(target.status)) {
        throw new DomainError('conflict', ProposalsErrorCode.MERGE_TARGET_NOT_FILED, `A proposal can be merged only into a filed proposal not yet replied; the target is ${target.status}`, {
          fields: [{ field: 'targetProposalId', problems: ['the target must be filed and not yet replied'] }],
        });
      }
      const now = this.clock.now();
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.Merge, { mergedIntoId: targetId });
      await this.decide(manager, actor, id, ReviewOutcome.Merged, { reasonText: reason, targetProposalId: targetId });
      const joining = await manager.getRepository(Proposer).findBy({ proposalId: id });
      await manager
        .createQueryBuilder()
        .insert()
        .into(Proposer)
        .values(joining.map((p) => ({ proposalId: targetId, userId: p.userId, role: ProposerRole.CoSigner, viaProposalId: id })))
        .orIgnore() // already a proposer of the target: they stay as they are
        .execute();
      await publish(manager, ProposalsChangedEvent, proposal.committeeId, { proposalIds: [targetId], change: 'merged' });
      await this.proposals.notifyProposers(
        manager,
        proposal,
        ProposalNoticeKind.Merged,
        `您的提案《${proposal.title}》已并入第${target.number}号提案《${target.title}》合并办理。理由：${reason}`,
        now,
      );
    });
    return this.proposals.get(actor, id);
  }

  /** 转为意见建议: not a proposal, but passed on as an opinion (社情民意). */
  async toOpinion(actor: Actor, id: string, version: number, reason: string): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.ToOpinion, {});
      await this.decide(manager, actor, id, ReviewOutcome.ToOpinion, { reasonText: reason });
      await this.proposals.notifyProposers(manager, proposal, ProposalNoticeKind.ToOpinion, `您的提案《${proposal.title}》经审查转为意见建议办理。理由：${reason}`, this.clock.now());
    });
    return this.proposals.get(actor, id);
  }

  /** 不予立案: with a ground from the committee's list (and an explanation, required for `other`). */
  async notFile(actor: Actor, id: string, version: number, reasonCode: string, reasonText: string | undefined): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const ground = await this.codeTables.require(manager, actor.committeeId, CodeTable.NotFiledReason, reasonCode, 'reasonCode');
      if (reasonCode === 'other' && !reasonText) throw DomainError.invalidField('reasonText', 'reasonText is required when the ground is other');
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.NotFile, {});
      await this.decide(manager, actor, id, ReviewOutcome.NotFiled, { reasonCode, reasonText: reasonText ?? null });
      const why = reasonText ? `${ground.label}（${reasonText}）` : ground.label;
      await this.proposals.notifyProposers(manager, proposal, ProposalNoticeKind.NotFiled, `您的提案《${proposal.title}》经审查不予立案。理由：${why}`, this.clock.now());
    });
    return this.proposals.get(actor, id);
  }

  /** 撤案: the lead proposer withdraws the proposal before it is filed; open invitations lapse. */
  async withdraw(actor: Actor, id: string, version: number, reason: string): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      await this.proposals.requireAuthor(manager, actor, proposal, 'withdraw');
      const now = this.clock.now();
      await this.proposals.transition(manager, actor, proposal, version, ProposalAction.Withdraw, {});
      await this.decide(manager, actor, id, ReviewOutcome.Withdrawn, { reasonText: reason });
      await manager.update(CosignInvitation, { proposalId: id, status: InvitationStatus.Invited }, { status: InvitationStatus.Lapsed, respondedAt: now });
      await this.proposals.notifyProposers(manager, proposal, ProposalNoticeKind.Withdrawn, `提案《${proposal.title}》已撤回。理由：${reason}`, now);
    });
    return this.proposals.get(actor, id);
  }

  /** Every review decision on a proposal the actor may see, oldest first, with the ground's label. */
  async decisions(actor: Actor, id: string): Promise<ReviewDecisionView[]> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, id);
    const rows = await this.dataSource.getRepository(ReviewDecision).find({ where: { proposalId: id }, order: { decidedAt: 'ASC' } });
    const grounds = await this.codeTables.list(actor.committeeId, CodeTable.NotFiledReason);
    return rows.map((row) => ({
      outcome: row.outcome,
      reasonCode: row.reasonCode,
      reasonLabel: grounds.find((g) => g.code === row.reasonCode)?.label ?? null,
      reasonText: row.reasonText,
      targetProposalId: row.targetProposalId,
      decidedByUserId: row.decidedByUserId,
      decidedAt: row.decidedAt.toISOString(),
    }));
  }

  private async decide(
    manager: EntityManager,
    actor: Actor,
    proposalId: string,
    outcome: ReviewOutcome,
    reason: Partial<Pick<ReviewDecision, 'reasonCode' | 'reasonText' | 'targetProposalId'>>,
  ): Promise<void> {
    await manager.insert(ReviewDecision, { proposalId, outcome, decidedByUserId: actor.userId, decidedAt: this.clock.now(), ...reason });
  }
}

