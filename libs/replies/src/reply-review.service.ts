import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { HandlingService } from '#app/handling';
import { Role, userNameSql, usersWithRolesSql } from '#app/org';
import { ReplyNotices } from './reply-notices.js';
import { ReplyReview, ReviewDecision } from './reply-review.entity.js';
import { loadForUnit, requireAllowed, requireReady, requireSigner, unitPeople } from './reply-rules.js';
import { ReplyAction } from './reply-status.js';
import { ReplyTransitions } from './reply-transitions.js';
import { readReply, type ReplyView } from './reply-views.js';
import { Reply } from './reply.entity.js';
import { workingReplies } from './replies.policy.js';
import { RepliesErrorCode } from './replies.errors.js';

/** A drafter or leader of the issuing unit (or a unit above it) the drafter may name as a reviewer. */
export interface ReviewerCandidateView {
  userId: string;
  displayName: string;
  roles: Array<Role.Drafter | Role.Leader>;
}

/**
 * Submission and review of a draft: sent to the signing leader, or first through 内部审核 (reviewers of
 * the unit approve or send it back), and sent back by the leader with a reason.
 */
@Injectable()
export class ReplyReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly transitions: ReplyTransitions,
    private readonly notices: ReplyNotices,
    private readonly clock: Clock,
  ) {}

  /** Sends the draft to the unit's signing leader; it must be complete first. */
  async submit(actor: Actor, id: string, version: number): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      await requireReady(manager, this.handling, reply, 'sign-off');
      await this.transitions.transition(manager, actor, reply, version, ReplyAction.Submit, { returnReason: null });
      await this.notices.awaitingSignOff(manager, reply);
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /**
   * 内部审核 (optional): the drafter sends a complete draft to reviewers of the unit; each approves or
   * sends it back with a reason. The last approval of the round passes it on to the signing leader.
   */
  async sendForReview(actor: Actor, id: string, version: number, reviewerUserIds: string[]): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      await requireReady(manager, this.handling, reply, 'review');
      const reviewersAllowed = new Set(await unitPeople(manager, reply.committeeId, reply.unitId));
      for (const [index, userId] of reviewerUserIds.entries()) {
        const field = `reviewerUserIds[${index}]`;
        if (!reviewersAllowed.has(userId)) throw DomainError.invalidField(field, `${field} must be a drafter or leader of the issuing unit`);
        if (userId === actor.userId) throw DomainError.invalidField(field, `${field} is you; a reviewer is someone else`);
      }
      if (new Set(reviewerUserIds).size !== reviewerUserIds.length) throw DomainError.invalidField('reviewerUserIds', 'reviewerUserIds must not repeat a reviewer');
      const [{ round }]: Array<{ round: number }> = await manager.query('SELECT COALESCE(max(round), 0)::int + 1 AS round FROM reply_reviews WHERE reply_id = $1', [id]);
      await this.transitions.transition(manager, actor, reply, version, ReplyAction.SendForReview, { returnReason: null });
      await manager.insert(ReplyReview, reviewerUserIds.map((reviewerUserId) => ({ replyId: id, round, reviewerUserId, decision: ReviewDecision.Pending })));
      await this.notices.reviewRequested(manager, actor, reply, reviewerUserIds, round);
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /** A reviewer of the current round approves (the last one sends it to sign-off) or returns it with a reason. */
  async review(actor: Actor, id: string, approve: boolean, note: string | undefined): Promise<ReplyView> {
    if (!approve && !note) throw DomainError.invalidField('note', 'note (the reason) is required to send the draft back');
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      requireAllowed(reply, approve ? ReplyAction.ReviewApprove : ReplyAction.ReviewReturn);
      const [current] = await manager.query('SELECT max(round)::int AS round FROM reply_reviews WHERE reply_id = $1', [id]);
      const mine = await manager.getRepository(ReplyReview).findOneBy({ replyId: id, round: current.round, reviewerUserId: actor.userId });
      if (!mine || mine.decision !== ReviewDecision.Pending) {
        throw new DomainError('forbidden', RepliesErrorCode.NOT_A_REVIEWER, 'You are not a reviewer of this draft, or you have already given your decision');
      }
      const now = this.clock.now();
      await manager.update(ReplyReview, { id: mine.id }, { decision: approve ? ReviewDecision.Approved : ReviewDecision.Returned, note: note ?? null, decidedAt: now });
      if (!approve) {
        await manager.update(ReplyReview, { replyId: id, round: current.round, decision: ReviewDecision.Pending }, { decision: ReviewDecision.Returned, decidedAt: now });
        await this.transitions.transition(manager, actor, reply, reply.version, ReplyAction.ReviewReturn, { returnReason: note ?? null });
        await this.notices.reviewReturned(manager, reply, note, current.round, now);
        return;
      }
      const pending = await manager.getRepository(ReplyReview).countBy({ replyId: id, round: current.round, decision: ReviewDecision.Pending });
      await this.transitions.record(manager, actor, id, 'reply.review-approved', null, { round: current.round, note: note ?? null, pending });
      if (pending > 0) return;
      await requireReady(manager, this.handling, reply, 'sign-off');
      await this.transitions.transition(manager, actor, reply, reply.version, ReplyAction.ReviewApprove, {});
      await this.notices.awaitingSignOff(manager, reply);
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /** Every review round of a reply, for those who see its working drafts. */
  async reviews(actor: Actor, id: string): Promise<Array<{ round: number; reviewerUserId: string; reviewerName: string; decision: ReviewDecision; note: string | null; decidedAt: string | null }>> {
    const policy = workingReplies(actor);
    const visible = await this.dataSource.getRepository(Reply).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(policy.sql, policy.params).getExists();
    if (!visible) throw DomainError.notFound('Reply', id);
    const rows: Array<{ round: number; reviewer_user_id: string; display_name: string; decision: ReviewDecision; note: string | null; decided_at: Date | null }> =
      await this.dataSource.query(
        `SELECT rv.round, rv.reviewer_user_id, ${userNameSql('rv.reviewer_user_id')} AS display_name, rv.decision, rv.note, rv.decided_at FROM reply_reviews rv
         WHERE rv.reply_id = $1 ORDER BY rv.round, display_name`,
        [id],
      );
    return rows.map((r) => ({
      round: r.round,
      reviewerUserId: r.reviewer_user_id,
      reviewerName: r.display_name,
      decision: r.decision,
      note: r.note,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    }));
  }

  /** The leader sends the draft back with a reason. */
  async return(actor: Actor, id: string, version: number, reason: string): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      requireSigner(actor, reply);
      await this.transitions.transition(manager, actor, reply, version, ReplyAction.Return, { returnReason: reason });
      await this.notices.returned(manager, reply, reason, version);
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /** 内部审核: whom the drafter may ask to review a reply of their unit — its drafters and leaders (and those of the units above), not the caller. */
  async reviewerCandidates(actor: Actor, id: string): Promise<ReviewerCandidateView[]> {
    const reply = await loadForUnit(this.dataSource.manager, actor, id, false);
    const people = (await unitPeople(this.dataSource.manager, reply.committeeId, reply.unitId)).filter((userId) => userId !== actor.userId);
    if (people.length === 0) return [];
    const rows: Array<{ user_id: string; display_name: string; roles: Array<Role.Drafter | Role.Leader> }> = await this.dataSource.query(
      usersWithRolesSql([Role.Drafter, Role.Leader]),
      [reply.committeeId, people],
    );
    return rows.map((row) => ({ userId: row.user_id, displayName: row.display_name, roles: row.roles }));
  }
}
