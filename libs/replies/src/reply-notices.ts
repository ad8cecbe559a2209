import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '#app/auth';
import { Clock } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { OrgService, Role } from '#app/org';
import { ProposalsService } from '#app/proposals';
import { type Reply } from './reply.entity.js';
import { unitLeaders } from './reply-rules.js';
import { RepliesEntity, ReplyNoticeKind } from './replies.vocabulary.js';

/**
 * The in-app notices the reply use cases send, written in their transaction: whom each step tells and
 * in what words (Chinese), with the dedupe key that keeps a retried step from telling twice.
 */
@Injectable()
export class ReplyNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly org: OrgService,
    private readonly proposals: ProposalsService,
    private readonly clock: Clock,
  ) {}

  /** 内部审核: the reviewers of a new round are asked. */
  async reviewRequested(manager: EntityManager, actor: Actor, reply: Reply, reviewerUserIds: string[], round: number): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: reviewerUserIds,
      kind: ReplyNoticeKind.ReviewRequested,
      title: `${actor.displayName}请您审核《${reply.title}》`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `reply.review-requested-${reply.id}-${round}`,
      at: this.clock.now(),
    });
  }

  /** A reviewer sent the draft back: the drafter is told why. */
  async reviewReturned(manager: EntityManager, reply: Reply, note: string | undefined, round: number, at: Date): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: [reply.draftedByUserId],
      kind: ReplyNoticeKind.Returned,
      title: `《${reply.title}》审核未通过，退回修改：${note}`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `reply.review-returned-${reply.id}-${round}`,
      at,
    });
  }

  /** The draft waits for sign-off: the leaders of the unit (and of the units above it) are told. */
  async awaitingSignOff(manager: EntityManager, reply: Reply): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: await unitLeaders(manager, reply.committeeId, reply.unitId),
      kind: ReplyNoticeKind.AwaitingSignOff,
      title: `《${reply.title}》待签发`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `reply.awaiting-signoff-${reply.id}-${reply.version}`,
      at: this.clock.now(),
    });
  }

  /** The leader sent the draft back (from `version`): the drafter is told why. */
  async returned(manager: EntityManager, reply: Reply, reason: string, version: number): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: [reply.draftedByUserId],
      kind: ReplyNoticeKind.Returned,
      title: `《${reply.title}》被退回修改：${reason}`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `reply.returned-${reply.id}-${version + 1}`,
      at: this.clock.now(),
    });
  }

  /** 提案委审核 done: the unit's drafters and leaders are told, with the changed grade if any. */
  async committeeChecked(manager: EntityManager, reply: Reply, regrade: { from: string | null; to: string } | null, note: string, version: number, at: Date): Promise<void> {
    const regraded = regrade ? `，办理结果由${regrade.from}调整为${regrade.to}` : '';
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], [reply.unitId]),
      kind: ReplyNoticeKind.CommitteeChecked,
      title: `提案委已审核《${reply.title}》${regraded}：${note}`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `reply.committee-checked-${reply.id}-${version}`,
      at,
    });
  }

  /** A 会办意见 was sent: the lead unit's drafters and leaders are told. */
  async coOpinionReceived(manager: EntityManager, reply: Reply, leadUnitId: string, at: Date): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId: reply.committeeId,
      recipientUserIds: await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], [leadUnitId]),
      kind: ReplyNoticeKind.CoOpinionReceived,
      title: `收到会办意见：${reply.title}`,
      subject: { entity: RepliesEntity.Reply, id: reply.id },
      dedupeKey: `co-opinion.received-${reply.id}`,
      at,
    });
  }

  /** An answer was sent: the proposers receive it; the copied offices (and co-units, for a lead answer) are told of their copy. */
  async dispatched(manager: EntityManager, reply: Reply, coUnitIds: string[], at: Date): Promise<void> {
    const proposers = await this.proposals.proposerIds(manager, reply.proposalId);
    const officeUsers = reply.copyUnitIds.length
      ? await this.org.userIdsWithRole(manager, reply.committeeId, Role.Office, reply.copyUnitIds)
      : [];
    const coUnitUsers = coUnitIds.length ? await this.org.userIdsWithRole(manager, reply.committeeId, [Role.Drafter, Role.Leader], coUnitIds) : [];
    for (const [recipients, kind] of [
      [proposers, ReplyNoticeKind.Received],
      [[...officeUsers, ...coUnitUsers], ReplyNoticeKind.Copied],
    ] as const) {
      await this.notifications.notify(manager, {
        committeeId: reply.committeeId,
        recipientUserIds: [...recipients],
        kind,
        title: kind === ReplyNoticeKind.Received ? `您的提案已收到答复：${reply.title}` : `抄送：${reply.title}`,
        subject: { entity: RepliesEntity.Reply, id: reply.id },
        dedupeKey: `${kind}-${reply.id}`,
        at,
      });
    }
  }

  /** 跟踪办理 recorded: the proposers and the committee staff are told the second result. */
  async followUpRecorded(
    manager: EntityManager,
    committeeId: string,
    followUp: { id: string; proposalId: string; proposalNumber: number | null; unitName: string; firstGrade: string },
    grade: string,
    at: Date,
  ): Promise<void> {
    await this.notifications.notify(manager, {
      committeeId,
      recipientUserIds: [...(await this.proposals.proposerIds(manager, followUp.proposalId)), ...(await this.org.userIdsWithRole(manager, committeeId, Role.Staff))],
      kind: ReplyNoticeKind.FollowUpRecorded,
      title: `第${followUp.proposalNumber}号提案跟踪办理结果（${followUp.unitName}）：由${followUp.firstGrade}类变为${grade}类`,
      subject: { entity: RepliesEntity.Proposal, id: followUp.proposalId },
      dedupeKey: `follow-up.recorded-${followUp.id}`,
      at,
    });
  }
}
