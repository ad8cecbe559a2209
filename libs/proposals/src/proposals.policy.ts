import type { Actor } from '#app/auth';
import { seesWholeCommittee } from '#app/auth';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A further way an actor (not one seeing the whole committee) sees a proposal `p`, through records of a
 * lib above proposals, which names its own tables here: a unit through its assignments (handling), an
 * office through the replies copied to it (replies). SQL on alias `p` with the policy's parameters
 * (`:policyUnitIds`, `:policyOfficeIds` …), or null when the actor has no such way.
 */
export type ProposalVisibilityWay = (actor: Actor) => string | null;

const VISIBILITY_WAYS: ProposalVisibilityWay[] = [];

/** Called once by the owning lib above (its index loads it), in the order the ways are listed. */
export function registerProposalVisibility(way: ProposalVisibilityWay): void {
  VISIBILITY_WAYS.push(way);
}

/**
 * Which proposals an actor may see, as a SQL condition on alias `p` (enforced inside the query,
 * never by filtering in memory). Staff see their committee but members' private drafts; members their
 * own proposals and those they are invited to co-sign; units those assigned to them (and merged into
 * those); offices those with a reply copied to them.
 */
export function visibleProposals(actor: Actor): SqlCondition {
  const params = {
    policyCommitteeId: actor.committeeId,
    policyUserId: actor.userId,
    policyUnitIds: actor.handlingUnitIds,
    policyOfficeIds: actor.officeUnitIds,
  };
  const own = 'EXISTS (SELECT 1 FROM proposers pr WHERE pr.proposal_id = p.id AND pr.user_id = :policyUserId)';
  if (seesWholeCommittee(actor)) {
    // A member's draft is theirs until submitted; staff see it only when they entered it (代录).
    return {
      sql: `p.committee_id = :policyCommitteeId AND (p.status NOT IN ('draft', 'cosigning') OR p.entered_by_user_id IS NOT NULL OR ${own})`,
      params,
    };
  }
  const ways = [own, 'EXISTS (SELECT 1 FROM cosign_invitations ci WHERE ci.proposal_id = p.id AND ci.user_id = :policyUserId)'];
  for (const way of VISIBILITY_WAYS) {
    const sql = way(actor);
    if (sql) ways.push(sql);
  }
  return { sql: `p.committee_id = :policyCommitteeId AND (${ways.join(' OR ')})`, params };
}
