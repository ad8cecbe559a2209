import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type NotifyInput, NotificationsService } from '#app/notifications';
import { OrgService, Role } from '#app/org';
import { ProposalsService } from '#app/proposals';

/** A feedback notice before its recipients are known. */
export type FeedbackNotice = Omit<NotifyInput, 'recipientUserIds'>;

/**
 * Who is told about feedback and what follows it: the committee's staff (a form came in), a proposal's
 * proposers (the window moved), or its proposers and the drafters and leaders of the units concerned
 * (重新办理, 当面协商, reopening). Each method writes the notice in the caller's transaction.
 */
@Injectable()
export class FeedbackNotices {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly org: OrgService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Tells the committee's staff (提案委). */
  async toStaff(manager: EntityManager, notice: FeedbackNotice): Promise<void> {
    const recipientUserIds = await this.org.userIdsWithRole(manager, notice.committeeId, Role.Staff);
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }

  /** Tells the proposers of a proposal. */
  async toProposers(manager: EntityManager, proposalId: string, notice: FeedbackNotice): Promise<void> {
    const recipientUserIds = await this.proposals.proposerIds(manager, proposalId);
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }

  /** Tells the proposers of a proposal, then the drafters and leaders of the units (none when `unitIds` is empty). */
  async toProposersAndUnits(manager: EntityManager, proposalId: string, unitIds: string[], notice: FeedbackNotice): Promise<void> {
    const recipientUserIds = [
      ...(await this.proposals.proposerIds(manager, proposalId)),
      ...(unitIds.length ? await this.org.userIdsWithRole(manager, notice.committeeId, [Role.Drafter, Role.Leader], unitIds) : []),
    ];
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }
}
