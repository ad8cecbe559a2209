import { Role } from '#app/org';
import { Permission } from './permissions.js';

/**
 * Who is acting, within which committee, resolved from the database on every request (so a changed
 * role or unit takes effect at once). Row policies read it; controllers pass it to services.
 */
export interface Actor {
  userId: string;
  displayName: string;
  committeeId: string;
  roles: ReadonlySet<Role>;
  permissions: ReadonlySet<Permission>;
  /** Units whose assignments the actor works on: drafter units, and leader units with their sub-units. */
  handlingUnitIds: readonly string[];
  /** Units the actor may sign for (签发): leader units and their sub-units. */
  signingUnitIds: readonly string[];
  /** Offices (抄送单位) the actor reads copies for. */
  officeUnitIds: readonly string[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.has(role);
}

/** Committee staff see everything of their committee. */
export function seesWholeCommittee(actor: Actor): boolean {
  return actor.roles.has(Role.Staff);
}
