import { OrgEntity } from '#app/org';

/*
 * The names the auth lib writes into stored rows: the audit entries' entity (a password change, an
 * unlock). Audit entries are append-only and hash-chained: these values are stored as they are and must never change.
 */

/** `audit_entries.entity` for the records auth writes: the user, as the org lib names it. */
export const AuthEntity = {
  User: OrgEntity.User,
} as const;
export type AuthEntity = (typeof AuthEntity)[keyof typeof AuthEntity];
