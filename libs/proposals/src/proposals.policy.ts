import type { Actor } from '#app/auth';
import { seesWholeCommittee } from '#app/auth';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Which proposals an actor may see, as a SQL condition on alias `p` (enforced inside the query,
 * never by filtering in memory). Staff see their committee; members their own proposals; units those
 * assigned to them; offices those with a reply copied to them.
 */
export function visibleProposals(actor: Actor): SqlCondition {
  const params = {
    policyCommitteeId: actor.committeeId,
    policyUserId: actor.userId,
    policyUnitIds: actor.handlingUnitIds,
    policyOfficeIds: actor.officeUnitIds,
  };
  if (seesWholeCommittee(actor)) return { sql: 'p.committee_id = :policyCommitteeId', params };
  const ways = ['EXISTS (SELECT 1 FROM proposers pr WHERE pr.proposal_id = p.id AND pr.user_id = :policyUserId)'];
  if (actor.handlingUnitIds.length > 0) {
    ways.push(
      'EXISTS (SELECT 1 FROM assignments a WHERE a.proposal_id = p.id AND a.unit_id = ANY(:policyUnitIds::uuid[]))',
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
