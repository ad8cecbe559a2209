import type { EntityManager } from 'typeorm';
import type { AuditService } from '#app/audit';

/** Who performs an org change, within which committee. */
export interface OrgActor {
  userId: string;
  committeeId: string;
}

/** Records an administrator's change to units, sessions, users or memberships, in the caller's transaction. */
export function recordOrgChange(
  audit: AuditService,
  manager: EntityManager,
  actor: OrgActor,
  change: { entity: string; entityId: string; action: string; before: object | null; after: object | null; at: Date },
): Promise<void> {
  return audit.record(manager, {
    committeeId: actor.committeeId,
    actorUserId: actor.userId,
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: change.before as Record<string, unknown> | null,
    after: change.after as Record<string, unknown> | null,
    at: change.at,
  });
}
