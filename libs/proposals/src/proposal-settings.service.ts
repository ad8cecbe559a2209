import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, type DeadlineRules, DomainError, updateAtVersion } from '#app/core';
import { requireCommitteeUser } from '#app/org';
import { Proposal } from './proposal.entity.js';
import { ProposalStatus } from './proposal-status.js';
import type { ProposalView } from './proposal-view.js';
import { ProposalsService } from './proposals.service.js';
import { ProposalsErrorCode } from './proposals.errors.js';
import { ProposalsEntity } from './proposals.vocabulary.js';

/** The committee staff's settings on a proposal before it is assigned: 督办 (supervisor) and its own deadline rules. */
@Injectable()
export class ProposalSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets this proposal's own deadline rules (e.g. 快速通道: a shorter reply deadline) before it is
   * assigned; the session's rules apply to everything not given.
   */
  async setDeadlineRules(actor: Actor, id: string, version: number, rules: Partial<DeadlineRules>): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      const before = [ProposalStatus.Submitted, ProposalStatus.UnderReview, ProposalStatus.Filed];
      if (!before.includes(proposal.status)) {
        throw new DomainError('conflict', ProposalsErrorCode.PROPOSAL_ALREADY_ASSIGNED, `Deadline rules are set before assignment; the proposal is ${proposal.status}`);
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
        entity: ProposalsEntity.Proposal,
        entityId: id,
        action: 'proposal.deadline-rules-set',
        before: { deadlineRules: proposal.deadlineRules },
        after: { deadlineRules: given },
        at: this.clock.now(),
      });
    });
    return this.proposals.get(actor, id);
  }

  /**
   * 重点提案: names the leader who supervises the proposal (督办), or clears it. Overdue reminders reach
   * the supervisor once the session's 督办 threshold is passed.
   */
  async setSupervisor(actor: Actor, id: string, version: number, supervisorUserId: string | null): Promise<ProposalView> {
    await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, id);
      if (supervisorUserId) await requireCommitteeUser(manager, actor.committeeId, supervisorUserId, 'supervisorUserId', ProposalsErrorCode.SUPERVISOR_NOT_IN_COMMITTEE);
      await updateAtVersion(manager, Proposal, 'Proposal', id, version, { supervisorUserId });
      await this.audit.record(manager, {
        committeeId: proposal.committeeId,
        actorUserId: actor.userId,
        entity: ProposalsEntity.Proposal,
        entityId: id,
        action: 'proposal.supervisor-set',
        before: { supervisorUserId: proposal.supervisorUserId },
        after: { supervisorUserId },
        at: this.clock.now(),
      });
    });
    return this.proposals.get(actor, id);
  }
}
