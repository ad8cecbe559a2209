import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { DomainError } from '#app/core';
import { findSession, joinSessionSql, sessionById } from '#app/org';
import { termHashes, TITLE_WEIGHT } from './chinese-terms.js';
import { ProposalStatus } from './proposal-status.js';
import { ProposalsService } from './proposals.service.js';

export interface SimilarProposalView {
  id: string;
  number: number | null;
  sessionName: string;
  title: string;
  status: ProposalStatus;
  mergedIntoId: string | null;
  /** 0 … 1, two decimals */
  similarity: number;
}

export interface SimilarQuery {
  committeeId: string;
  titleTerms: number[];
  bodyTerms: number[];
  /** Leave this proposal out (the one being compared). */
  excludeId?: string;
  /** Only sessions up to this one (same and earlier), when given. */
  upToSession?: { term: number; meeting: number };
  /** Only proposals that were filed (have a number): what a member may see of others'. */
  numberedOnly: boolean;
  /**
   * A further SQL condition on alias `p` from the lib above asking (handling's `ASSIGNED_PROPOSAL_SQL`:
   * only proposals that were assigned to units, for recommending units).
   */
  condition?: string;
  minScore: number;
  limit: number;
}

/** Below this, two proposals share too little to be worth showing. */
export const MIN_SIMILARITY = 0.12;

/**
 * Earlier proposals that look alike (same and earlier sessions), for the member while drafting and the
 * committee at review (并案) — scored in SQL from the stored terms, with the same cosine as
 * `proposalSimilarity`, so only the top rows leave the database.
 */
@Injectable()
export class SimilarityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
  ) {}

  /** A saved proposal's terms (not loaded with its row). */
  async termsOf(manager: EntityManager, id: string): Promise<{ titleTerms: number[]; bodyTerms: number[] }> {
    const [row] = (await manager.query('SELECT title_terms, body_terms FROM proposals WHERE id = $1', [id])) as Array<{ title_terms: number[]; body_terms: number[] }>;
    return { titleTerms: row.title_terms, bodyTerms: row.body_terms };
  }

  /** Proposals like a saved one. Members see others' proposals only once filed, and no text beyond titles. */
  async similarTo(actor: Actor, id: string, limit: number): Promise<SimilarProposalView[]> {
    const proposal = await this.proposals.loadVisible(this.dataSource.manager, actor, id);
    const session = await sessionById(this.dataSource.manager, proposal.sessionId);
    return this.find(this.dataSource.manager, {
      committeeId: actor.committeeId,
      ...(await this.termsOf(this.dataSource.manager, id)),
      excludeId: id,
      upToSession: { term: session.term, meeting: session.meeting },
      numberedOnly: !seesWholeCommittee(actor),
      minScore: MIN_SIMILARITY,
      limit,
    });
  }

  /** Proposals like a text not yet saved (the drafting form asks as the member types). */
  async similarToText(actor: Actor, sessionId: string, title: string, body: string, limit: number): Promise<SimilarProposalView[]> {
    const session = await findSession(this.dataSource.manager, sessionId, actor.committeeId);
    if (!session) throw DomainError.invalidField('sessionId', `sessionId ${sessionId} is not a session of your committee`);
    return this.find(this.dataSource.manager, {
      committeeId: actor.committeeId,
      titleTerms: termHashes(title),
      bodyTerms: termHashes(body),
      upToSession: { term: session.term, meeting: session.meeting },
      numberedOnly: !seesWholeCommittee(actor),
      minScore: MIN_SIMILARITY,
      limit,
    });
  }

  async find(manager: EntityManager, query: SimilarQuery): Promise<SimilarProposalView[]> {
    if (query.titleTerms.length === 0 && query.bodyTerms.length === 0) return [];
    // Shared terms by intarray's intersection of two sorted integer arrays (linear, not pairwise).
    const part = (column: string, terms: string, count: number) =>
      count === 0 ? '0' : `icount(p.${column} & ${terms}::int4[])::float8 / sqrt(greatest(icount(p.${column}), 1) * ${count})`;
    const score = `${TITLE_WEIGHT} * ${part('title_terms', '$2', query.titleTerms.length)} + ${1 - TITLE_WEIGHT} * ${part('body_terms', '$3', query.bodyTerms.length)}`;
    const conditions = [
      'p.committee_id = $1',
      `p.status NOT IN ('${ProposalStatus.Draft}', '${ProposalStatus.Cosigning}', '${ProposalStatus.Withdrawn}')`,
      '(p.title_terms && $2::int4[] OR p.body_terms && $3::int4[])',
    ];
    const params: unknown[] = [query.committeeId, query.titleTerms, query.bodyTerms, query.minScore, query.limit];
    if (query.excludeId) conditions.push(`p.id <> $${params.push(query.excludeId)}`);
    if (query.upToSession) {
      conditions.push(`(s.term, s.meeting) <= ($${params.push(query.upToSession.term)}, $${params.push(query.upToSession.meeting)})`);
    }
    if (query.numberedOnly) conditions.push('p.number IS NOT NULL');
    if (query.condition) conditions.push(`(${query.condition})`);
    const rows: Array<{ id: string; number: number | null; session_name: string; title: string; status: ProposalStatus; merged_into_id: string | null; score: number }> =
      await manager.query(
        `SELECT * FROM (
           SELECT p.id, p.number, s.name AS session_name, p.title, p.status, p.merged_into_id, p.created_at, ${score} AS score
           FROM proposals p ${joinSessionSql('p.session_id', 's')}
           WHERE ${conditions.join(' AND ')}
         ) scored WHERE score >= $4 ORDER BY score DESC, created_at DESC, id LIMIT $5`,
        params,
      );
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      sessionName: row.session_name,
      title: row.title,
      status: row.status,
      mergedIntoId: row.merged_into_id,
      similarity: Math.round(row.score * 100) / 100,
    }));
  }
}
