import type { Actor } from '#app/auth';
import { seesWholeCommittee } from '#app/auth';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
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
  if (actor.handlingUnitIds.length > 0) {
    // A unit also sees the proposals merged (并案) into one it handles.
    ways.push(
      'EXISTS (SELECT 1 FROM assignments a WHERE a.proposal_id = COALESCE(p.merged_into_id, p.id) AND a.unit_id = ANY(:policyUnitIds::uuid[]))',
    );
  }
  if (actor.officeUnitIds.length > 0) {
    ways.push(
      `EXISTS (SELECT 1 FROM reply_copies rc JOIN replies r ON r.id = rc.reply_id
               WHERE r.proposal_id = p.id AND rc.unit_id = ANY(:policyOfficeIds::uuid[]))`,
    );
  }
  return { sql: `p.committee_id = :policyCommitteeId AND (${ways.join(' OR ')})`, params };
}
