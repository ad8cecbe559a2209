import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '#app/auth';
import type { Page } from '#app/core';
import { Proposal, type ProposalKind } from './proposal.entity.js';
import { proposalHighlights, proposalSearch } from './proposal-search.js';
import type { ProposalStatus } from './proposal-status.js';
import { proposalViews, type ProposalView } from './proposal-view.js';
import { visibleProposals } from './proposals.policy.js';

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

/** Lists and searches proposals within the actor's row policy (one proposal: {@link ProposalsService.get}). */
@Injectable()
export class ProposalQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const items = await proposalViews(this.dataSource.manager, rows);
    if (search) {
      const found = await proposalHighlights(this.dataSource.manager, actor, search, rows);
      for (const item of items) item.highlights = found.get(item.id) ?? [];
    }
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
