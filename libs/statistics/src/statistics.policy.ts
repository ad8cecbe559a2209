import type { Actor } from '#app/auth';
import { Role } from '#app/org';

/**
 * Whose figures an actor may read: committee staff and administrators the whole committee (summary,
 * every unit, every drill-down list, exports and the yearly report); a unit leader only the lines of the
 * units they sign for (their units and sub-units) and the lists behind those lines.
 */
export function statisticsUnits(actor: Actor): 'committee' | readonly string[] {
  if (actor.roles.has(Role.Staff) || actor.roles.has(Role.Admin)) return 'committee';
  return actor.signingUnitIds;
}
