import type { EntityManager } from 'typeorm';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { userNameSql } from '#app/org';
import { type Highlight, type HighlightSource, highlights, parseSearchQuery, type SearchField, type SearchQuery, searchVector } from './search-text.js';

/**
 * What a proposal is found by (ADR 11): its own text, the people proposing it, the units handling it and
 * the answers sent on it. Kept in `proposals.search` and recomputed by `refreshProposalSearch`, in the
 * transaction of every write that changes one of these.
 */
export interface ProposalSearchDocument {
  /** 案由 */
  title: string;
  /** 情况分析 and 具体建议 */
  body: string;
  /** The proposers' display names, lead first, and the group's name of a 集体提案. */
  members: string[];
  /** The units given the proposal (those it was taken off by an adjustment left out). */
  units: string[];
  /** The bodies of its dispatched answers (答复, 分办答复): never drafts, never 会办意见, which members do not read. */
  replies: string[];
}

/**
 * Fields and their weights: the title (A) ranks highest; people and units (C) above the body (B) in
 * order only, so that the body, the longest field, comes last but for the answers (D) — positions past
 * 16,383 are not kept.
 */
export function proposalSearchVector(doc: ProposalSearchDocument): string {
  return searchVector(proposalSearchFields(doc));
}

/** The fields of a proposal's search document, in the order and with the weights its vector has. */
export function proposalSearchFields(doc: ProposalSearchDocument): SearchField[] {
  return [
    { text: doc.title, weight: 'A' },
    ...doc.members.map((text): SearchField => ({ text, weight: 'C' })),
    ...doc.units.map((text): SearchField => ({ text, weight: 'C' })),
    { text: doc.body, weight: 'B' },
    ...doc.replies.map((text): SearchField => ({ text, weight: 'D' })),
  ];
}

const BATCH = 200;

/**
 * SQL giving parts of proposals' search documents as rows (proposal_id, part, text, rank, lead, at) for the
 * proposal ids $1: the proposers' names here; the units given it and the answers sent on it from the libs
 * that own them (handling, replies: `registerProposalSearchParts`, run when their index loads).
 */
const SEARCH_PARTS: string[] = [
  `SELECT pr.proposal_id, 'member' AS part, ${userNameSql('pr.user_id')} AS text, 0 AS rank, pr.role = 'lead' AS lead, pr.created_at AS at
    FROM proposers pr WHERE pr.proposal_id = ANY($1::uuid[])`,
  `SELECT p.id, 'member', p.group_name, 1, true, p.created_at FROM proposals p WHERE p.id = ANY($1::uuid[]) AND p.group_name IS NOT NULL`,
];

/** A part (`unit`, rank 2; `reply`, rank 3) of the documents, as SQL of the shape above, from the lib owning its rows. */
export function registerProposalSearchParts(sql: string): void {
  SEARCH_PARTS.push(sql);
}

/** The parts of a proposal's search document besides its title and body, as rows (one per text), for proposal ids $1. */
export function proposalSearchPartsSql(): string {
  return `\n  ${SEARCH_PARTS.join('\n  UNION ALL\n  ')}`;
}

interface PartRow {
  proposal_id: string;
  part: 'member' | 'unit' | 'reply';
  text: string;
}

/** The order of the parts in a document. */
export const PROPOSAL_SEARCH_PARTS_ORDER = 'rank, lead DESC, at, text COLLATE "C"';

// Ties (co-units given at once, proposers joining through one 并案) are broken by the text in code-point
// order, so a document is the same whenever it is recomputed.
async function partsOf(manager: EntityManager, ids: readonly string[]): Promise<PartRow[]> {
  return manager.query(`SELECT proposal_id, part, text FROM (${proposalSearchPartsSql()}) parts ORDER BY ${PROPOSAL_SEARCH_PARTS_ORDER}`, [ids]);
}

/**
 * Recomputes the search documents of some proposals from what is in the database now. A write does not
 * call it: it publishes `ProposalsChangedEvent` (proposals.events.ts), whose reaction calls it after commit.
 */
export async function refreshProposalSearch(manager: EntityManager, proposalIds: readonly string[]): Promise<void> {
  const unique = [...new Set(proposalIds)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const ids = unique.slice(i, i + BATCH);
    const own: Array<{ id: string; title: string; body: string }> = await manager.query('SELECT id, title, body FROM proposals WHERE id = ANY($1::uuid[])', [ids]);
    const parts = await partsOf(manager, ids);
    const vectors = own.map((p) => {
      const mine = parts.filter((part) => part.proposal_id === p.id);
      const texts = (kind: PartRow['part']) => mine.filter((part) => part.part === kind).map((part) => part.text);
      return proposalSearchVector({ title: p.title, body: p.body, members: texts('member'), units: texts('unit'), replies: texts('reply') });
    });
    await manager.query('UPDATE proposals p SET search = v.search::tsvector FROM unnest($1::uuid[], $2::text[]) AS v(id, search) WHERE p.id = v.id', [
      own.map((p) => p.id),
      vectors,
    ]);
  }
}

/** A search on the proposal list: its condition on alias `p` and what it is ranked by. */
export interface ProposalSearch {
  query: SearchQuery;
  /** The match, inside the row policy: reply text counts only for those who read every answer sent. */
  where: string;
  params: Record<string, unknown>;
  /** True when the title matches: title hits come first. */
  titleHit: string;
  /** ts_rank_cd with weights D 0.1 (answers; 0 for those who may not read them), C 0.2, B 0.4, A 1, over log length. */
  rank: string;
}

/**
 * The search for `q` on the proposal list, for this actor. Reply text is in each proposal's document,
 * so a match that needs it counts only where the actor reads every answer sent on the proposal:
 * committee staff, and the proposers (lead and co-signers), to whom answers are sent. Units and offices
 * find proposals by their own text, people and units, and search answers in the reply list.
 */
export function proposalSearch(actor: Actor, q: string): ProposalSearch {
  const query = parseSearchQuery(q);
  const whole = seesWholeCommittee(actor);
  const readsReplies = whole ? 'TRUE' : 'EXISTS (SELECT 1 FROM proposers spr WHERE spr.proposal_id = p.id AND spr.user_id = :searchUserId)';
  return {
    query,
    where: whole ? 'p.search @@ :searchAll::tsquery' : `p.search @@ :searchAll::tsquery AND (p.search @@ :searchOwn::tsquery OR ${readsReplies})`,
    params: { searchAll: query.tsquery(), searchOwn: query.tsquery('ABC'), searchTitle: query.tsquery('A'), searchUserId: actor.userId },
    titleHit: 'p.search @@ :searchTitle::tsquery',
    rank: `ts_rank_cd('{${whole ? 0.1 : 0},0.2,0.4,1}'::float4[], p.search, :searchAll::tsquery, 1)`,
  };
}

/**
 * Where each listed proposal matches: up to 3 passages from its title, body, answers (for those who may
 * read them), units and people, HTML-escaped with the matches in `<mark>`.
 */
export async function proposalHighlights(
  manager: EntityManager,
  actor: Actor,
  search: ProposalSearch,
  proposals: ReadonlyArray<{ id: string; title: string; body: string }>,
): Promise<Map<string, Highlight[]>> {
  const result = new Map<string, Highlight[]>();
  if (proposals.length === 0) return result;
  const ids = proposals.map((p) => p.id);
  const readers: Array<{ id: string }> = seesWholeCommittee(actor)
    ? ids.map((id) => ({ id }))
    : await manager.query('SELECT proposal_id AS id FROM proposers WHERE proposal_id = ANY($1::uuid[]) AND user_id = $2', [ids, actor.userId]);
  const reads = new Set(readers.map((row) => row.id));
  const parts = await partsOf(manager, ids);
  for (const p of proposals) {
    const texts = (kind: PartRow['part']) => parts.filter((part) => part.proposal_id === p.id && part.part === kind).map((part) => part.text);
    const sources: HighlightSource[] = [
      { field: 'title', texts: [p.title] },
      { field: 'body', texts: [p.body] },
      { field: 'reply', texts: reads.has(p.id) ? texts('reply') : [] },
      { field: 'unit', texts: texts('unit') },
      { field: 'member', texts: texts('member') },
    ];
    result.set(p.id, highlights(sources, search.query));
  }
  return result;
}
