import type { EntityManager } from 'typeorm';
import { ProposalStatus } from './proposal-status.js';
import { ProposalKind } from './proposal.entity.js';
import { ProposerRole } from './proposer.entity.js';
import { termHashes } from './chinese-terms.js';

/** One closed proposal of a past session, as imported (the demo's history). */
export interface ImportedProposal {
  title: string;
  body: string;
  category: string;
  /** Its lead proposer (领衔提案人). */
  leadUserId: string;
}

/**
 * Inserts a past session's closed plenary proposals, numbered 1… in the order given, each with its lead
 * proposer, in two statements (#18: the demo's history import names no proposals table). Unaudited and
 * unpublished: the caller records both in the same transaction. Returns the ids in the order given.
 */
export async function insertClosedProposals(
  manager: EntityManager,
  target: { committeeId: string; sessionId: string; filedAt: Date; closedAt: Date },
  proposals: readonly ImportedProposal[],
): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO proposals (committee_id, session_id, number, kind, title, body, category, status, title_terms, body_terms, submitted_at, filed_at, closed_at)
     SELECT $1, $2, n, $3, t.title, t.body, t.category, $4, t.title_terms, t.body_terms, $5, $5, $6
     FROM jsonb_to_recordset($7::jsonb) AS t(n int, title text, body text, category text, title_terms int4[], body_terms int4[])
     ORDER BY n RETURNING id`,
    [
      target.committeeId,
      target.sessionId,
      ProposalKind.Plenary,
      ProposalStatus.Closed,
      target.filedAt,
      target.closedAt,
      JSON.stringify(proposals.map(({ title, body, category }, i) => ({ n: i + 1, title, body, category, title_terms: termHashes(title), body_terms: termHashes(body) }))),
    ],
  );
  const ids = rows.map((row) => row.id);
  await manager.query('INSERT INTO proposers (proposal_id, user_id, role) SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3', [
    ids,
    proposals.map((p) => p.leadUserId),
    ProposerRole.Lead,
  ]);
  return ids;
}
