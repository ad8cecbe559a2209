import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '#app/auth';
import { Clock, type Page } from '#app/core';
import { AssignmentRole, HandlingService, isOpen } from '#app/handling';
import { CodeTable, CodeTablesService } from '#app/org';
import { parseSearchQuery } from '#app/proposals';
import { ReviewDecision } from './reply-review.entity.js';
import { type CountersignState, type CountersignView, readReply, type ReplyView, toReplyViews, withCopyState } from './reply-views.js';
import { Reply, ReplyKind, ReplyStatus } from './reply.entity.js';
import { visibleReplies } from './replies.policy.js';

export interface ListRepliesQuery {
  status?: ReplyStatus;
  proposalId?: string;
  /** Full-text search (ADR 11) over title, number, opening, body and disclosure note; ranked by relevance. */
  q?: string;
  /** 内部审核: only the drafts waiting for the caller's decision in their current review round */
  awaitingMyReview?: boolean;
  /** An office's copies (抄送), read (true) or not yet read (false) by one of the caller's offices */
  copyRead?: boolean;
  limit: number;
  offset: number;
}

/** Reading replies: one, a page (filtered, searched), the 会签 state of a proposal, and the committee's grades. */
@Injectable()
export class ReplyQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly codeTables: CodeTablesService,
    private readonly clock: Clock,
  ) {}

  /** A reply the actor may read. An office reading a copy for the first time is recorded. */
  async get(actor: Actor, id: string): Promise<ReplyView> {
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  async list(actor: Actor, query: ListRepliesQuery): Promise<Page<ReplyView>> {
    const policy = visibleReplies(actor);
    const builder = this.dataSource
      .getRepository(Reply)
      .createQueryBuilder('r')
      .where(policy.sql, policy.params)
      .limit(query.limit)
      .offset(query.offset);
    if (query.q !== undefined) {
      const search = parseSearchQuery(query.q);
      builder
        .andWhere('r.search @@ :replySearch::tsquery', { replySearch: search.tsquery() })
        .addSelect(`ts_rank_cd('{0.1,0.2,0.4,1}'::float4[], r.search, :replySearch::tsquery, 1)`, 'search_rank')
        .orderBy('search_rank', 'DESC')
        .addOrderBy('r.updated_at', 'DESC');
    } else {
      builder.orderBy('r.updated_at', 'DESC');
    }
    builder.addOrderBy('r.id', 'ASC');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.proposalId) builder.andWhere('r.proposal_id = :proposalId', { proposalId: query.proposalId });
    if (query.awaitingMyReview) {
      builder.andWhere(`r.status = :inReview AND EXISTS (SELECT 1 FROM reply_reviews rv WHERE rv.reply_id = r.id AND rv.reviewer_user_id = :reviewer
          AND rv.decision = :pending AND rv.round = (SELECT max(x.round) FROM reply_reviews x WHERE x.reply_id = r.id))`, {
        inReview: ReplyStatus.InReview,
        reviewer: actor.userId,
        pending: ReviewDecision.Pending,
      });
    }
    if (query.copyRead !== undefined) {
      // Read once any of the caller's offices has opened it (as copyReadAt says).
      const copied = 'SELECT 1 FROM reply_copies rc WHERE rc.reply_id = r.id AND rc.unit_id = ANY(:copyOffices::uuid[])';
      builder.andWhere(query.copyRead ? `EXISTS (${copied} AND rc.read_at IS NOT NULL)` : `EXISTS (${copied}) AND NOT EXISTS (${copied} AND rc.read_at IS NOT NULL)`, {
        copyOffices: [...actor.officeUnitIds],
      });
    }
    const [rows, total] = await builder.getManyAndCount();
    const manager = this.dataSource.manager;
    return { items: await withCopyState(manager, actor, await toReplyViews(manager, rows)), total, limit: query.limit, offset: query.offset };
  }

  /**
   * 会签 as the lead unit sees it before sending its answer to sign-off: each co-unit of the proposal,
   * whether its 会办意见 is in (with the opinion to read), still owed, or waived by the committee.
   */
  async countersign(actor: Actor, assignmentId: string): Promise<CountersignView> {
    const manager = this.dataSource.manager;
    const assignment = await this.handling.get(actor, assignmentId); // 404 unless the actor's unit's (or staff)
    const coUnits = (await this.handling.activeAssignments(manager, assignment.proposalId)).filter((a) => a.role === AssignmentRole.Co);
    const opinions = coUnits.length
      ? await manager.getRepository(Reply).findBy({ assignmentId: In(coUnits.map((a) => a.id)), kind: ReplyKind.CoOpinion, status: ReplyStatus.Dispatched })
      : [];
    const units = coUnits.map((a) => {
      const opinion = opinions.filter((r) => r.assignmentId === a.id).sort((x, y) => y.round - x.round)[0];
      const state: CountersignState = opinion ? 'received' : isOpen(a) ? 'pending' : 'waived';
      return { assignmentId: a.id, unitId: a.unitId, unitName: a.unitName, state, opinionReplyId: opinion?.id ?? null, receivedAt: opinion?.dispatchedAt?.toISOString() ?? null };
    });
    return { complete: units.every((u) => u.state !== 'pending'), units };
  }

  /** The committee's 办理结果 codes, each with the meaning the drafter is shown. */
  async grades(actor: Actor): Promise<Array<{ code: string; meaning: string }>> {
    return (await this.codeTables.list(actor.committeeId, CodeTable.ReplyGrade)).map((g) => ({ code: g.code, meaning: g.label }));
  }
}
