import type { Actor } from '#app/auth';
import { seesWholeCommittee } from '#app/auth';
import type { SqlCondition } from '#app/proposals';

/** Which assignments an actor may see, on alias `a`: staff their committee, units their own. */
export function visibleAssignments(actor: Actor): SqlCondition {
  const params = { policyCommitteeId: actor.committeeId, policyUnitIds: actor.handlingUnitIds };
  if (seesWholeCommittee(actor)) return { sql: 'a.committee_id = :policyCommitteeId', params };
  if (actor.handlingUnitIds.length === 0) return { sql: 'FALSE', params };
  return { sql: 'a.committee_id = :policyCommitteeId AND a.unit_id = ANY(:policyUnitIds::uuid[])', params };
}

/** May the actor act for the assignment's unit (accept, draft)? */
export function worksForUnit(actor: Actor, unitId: string): boolean {
  return actor.handlingUnitIds.includes(unitId);
}
