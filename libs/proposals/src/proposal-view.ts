import type { EntityManager } from 'typeorm';
import type { DeadlineRules } from '#app/core';
import { sessionNameSql, userNameSql } from '#app/org';
import { type GroupKind, type Proposal, type ProposalKind } from './proposal.entity.js';
import type { ProposalStatus } from './proposal-status.js';
import type { ProposerRole } from './proposer.entity.js';
import type { Highlight } from './search-text.js';

export interface ProposalView {
  id: string;
  sessionId: string;
  sessionName: string;
  number: number | null;
  kind: ProposalKind | null;
  title: string;
  body: string;
  analysis: string | null;
  suggestions: string | null;
  category: string | null;
  suggestedUnitIds: string[];
  group: { kind: GroupKind; name: string } | null;
  status: ProposalStatus;
  key: boolean;
  urgent: boolean;
  deadlineRules: Partial<DeadlineRules> | null;
  supervisorUserId: string | null;
  cosignDeadline: string | null;
  mergedIntoId: string | null;
  /** 并案: proposals merged into this one. */
  mergedFrom: Array<{ id: string; title: string }>;
  proposers: Array<{ userId: string; displayName: string; role: ProposerRole; viaProposalId: string | null }>;
  enteredByUserId: string | null;
  submittedAt: string | null;
  filedAt: string | null;
  closedAt: string | null;
  version: number;
  /** With a search (`q`): where it matched, up to 3 passages, HTML-escaped, matches in `<mark>`. */
  highlights?: Highlight[];
}

/**
 * What a proposal's view adds to its row — the session's name, the proposers (lead first), the proposals
 * merged into it — for proposal ids $1 with their session ids $2, one row each, in one statement.
 */
export const PROPOSAL_VIEW_EXTRAS_SQL = `SELECT p.id,
  ${sessionNameSql('p.session_id')} AS session_name,
  COALESCE((SELECT json_agg(json_build_object('userId', pr.user_id, 'displayName', ${userNameSql('pr.user_id')}, 'role', pr.role, 'viaProposalId', pr.via_proposal_id)
                            ORDER BY pr.role DESC, pr.created_at)
            FROM proposers pr WHERE pr.proposal_id = p.id), '[]') AS proposers,
  COALESCE((SELECT json_agg(json_build_object('id', m.id, 'title', m.title) ORDER BY m.created_at)
            FROM proposals m WHERE m.merged_into_id = p.id), '[]') AS merged_from
FROM unnest($1::uuid[], $2::uuid[]) AS p(id, session_id)`;

/** Proposals as the API shows them: each row with its session's name, proposers and merged proposals. */
export async function proposalViews(manager: EntityManager, proposals: Proposal[]): Promise<ProposalView[]> {
  if (proposals.length === 0) return [];
  // The session's name, the proposers and the proposals merged into each, in one round trip.
  const extras: Array<{ id: string; session_name: string | null; proposers: ProposalView['proposers']; merged_from: ProposalView['mergedFrom'] }> =
    await manager.query(
      PROPOSAL_VIEW_EXTRAS_SQL,
      [proposals.map((p) => p.id), proposals.map((p) => p.sessionId)],
    );
  const extrasOf = new Map(extras.map((row) => [row.id, row]));
  return proposals.map((p) => ({
    id: p.id,
    sessionId: p.sessionId,
    sessionName: extrasOf.get(p.id)?.session_name ?? '',
    number: p.number,
    kind: p.kind,
    title: p.title,
    body: p.body,
    analysis: p.analysis,
    suggestions: p.suggestions,
    category: p.category,
    suggestedUnitIds: p.suggestedUnitIds,
    group: groupOf(p),
    status: p.status,
    key: p.isKey,
    urgent: p.urgent,
    deadlineRules: p.deadlineRules,
    supervisorUserId: p.supervisorUserId,
    cosignDeadline: p.cosignDeadline?.toISOString() ?? null,
    mergedIntoId: p.mergedIntoId,
    mergedFrom: extrasOf.get(p.id)?.merged_from ?? [],
    proposers: extrasOf.get(p.id)?.proposers ?? [],
    enteredByUserId: p.enteredByUserId,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    filedAt: p.filedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    version: p.version,
  }));
}

export function groupOf(p: Partial<Pick<Proposal, 'groupKind' | 'groupName'>>): { kind: GroupKind; name: string } | null {
  return p.groupKind && p.groupName ? { kind: p.groupKind, name: p.groupName } : null;
}
