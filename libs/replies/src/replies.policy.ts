import type { Actor } from '#app/auth';
import { seesWholeCommittee } from '#app/auth';
import { proposersSql, type SqlCondition } from '#app/proposals';

/**
 * Which replies an actor may read, on alias `r`: staff all of their committee; the unit its own at
 * every stage; proposers (answers, not 会办意见), copied units (offices; co-units the lead answer; the lead
 * unit the co-units' 会办意见) only once dispatched.
 */
export function visibleReplies(actor: Actor): SqlCondition {
  const params = {
    policyCommitteeId: actor.committeeId,
    policyUserId: actor.userId,
    policyUnitIds: actor.handlingUnitIds,
    policyOfficeIds: actor.officeUnitIds,
  };
  if (seesWholeCommittee(actor)) return { sql: 'r.committee_id = :policyCommitteeId', params };
  const ways = [
    // proposers read the answers sent to them, never a co-unit's 会办意见 (it goes to the lead unit)
    `(r.status = 'dispatched' AND r.kind <> 'co_opinion' AND EXISTS (${proposersSql('r.proposal_id', 'pr.user_id = :policyUserId', '1')}))`,
  ];
  if (actor.handlingUnitIds.length > 0) {
    ways.push('r.unit_id = ANY(:policyUnitIds::uuid[])');
    // a co-unit reads the lead unit's answer once it is sent (copied to it)
    ways.push(
      `(r.status = 'dispatched' AND EXISTS (SELECT 1 FROM reply_copies rcu WHERE rcu.reply_id = r.id AND rcu.unit_id = ANY(:policyUnitIds::uuid[])))`,
    );
  }
  if (actor.officeUnitIds.length > 0) {
    ways.push(
      `(r.status = 'dispatched' AND EXISTS (SELECT 1 FROM reply_copies rc WHERE rc.reply_id = r.id AND rc.unit_id = ANY(:policyOfficeIds::uuid[])))`,
    );
  }
  return { sql: `r.committee_id = :policyCommitteeId AND (${ways.join(' OR ')})`, params };
}

/**
 * Whose eyes a reply's working drafts (every version, the diffs, the comments) are for, on alias `r`:
 * committee staff (the office that checks replies) and the issuing unit. Proposers and offices see only
 * the dispatched reply.
 */
export function workingReplies(actor: Actor): SqlCondition {
  const params = { policyCommitteeId: actor.committeeId, policyUnitIds: actor.handlingUnitIds };
  if (seesWholeCommittee(actor)) return { sql: 'r.committee_id = :policyCommitteeId', params };
  if (actor.handlingUnitIds.length === 0) return { sql: 'FALSE', params };
  return { sql: 'r.committee_id = :policyCommitteeId AND r.unit_id = ANY(:policyUnitIds::uuid[])', params };
}
