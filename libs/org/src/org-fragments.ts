import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/*
 * Joins of org's tables for the libs above org to splice into their own statements (#18, owned reads: no
 * other lib names an org table; docs/architecture.md, "Owned tables"). Each joins one row by primary key:
 * `joinUnitSql('a.unit_id', 'u')` is `JOIN units u ON u.id = a.unit_id`; `on` adds conditions on the alias.
 */

export type SqlJoin = 'JOIN' | 'LEFT JOIN';

const joinSql = (table: string) => (id: string, alias: string, on?: string, join: SqlJoin = 'JOIN'): string =>
  `${join} ${table} ${alias} ON ${alias}.id = ${id}${on ? ` AND ${on}` : ''}`;

/** `JOIN units <alias> ON <alias>.id = <unitId>`. */
export const joinUnitSql = joinSql('units');
/** `JOIN users <alias> ON <alias>.id = <userId>`. */
export const joinUserSql = joinSql('users');
/** `JOIN committees <alias> ON <alias>.id = <committeeId>`. */
export const joinCommitteeSql = joinSql('committees');
/** `JOIN cppcc_sessions <alias> ON <alias>.id = <sessionId>`. */
export const joinSessionSql = joinSql('cppcc_sessions');

/** The committees, aliased, for a caller's `FROM` (the public list of committees). */
export const committeesSql = (alias: string): string => `committees ${alias}`;

/** Inner-joins a unit by the SQL expression of its id, on a query builder. */
export function innerJoinUnit<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, unitId: string, alias: string): SelectQueryBuilder<T> {
  return query.innerJoin('units', alias, `${alias}.id = ${unitId}`);
}

/** Inner-joins a user by the SQL expression of their id, on a query builder. */
export function innerJoinUser<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, userId: string, alias: string): SelectQueryBuilder<T> {
  return query.innerJoin('users', alias, `${alias}.id = ${userId}`);
}

/**
 * The users among `$2` (uuid[]) with their roles among `roles` in committee `$1`, as `user_id`,
 * `display_name` and `roles` (text[], sorted), by display name.
 */
export const usersWithRolesSql = (roles: readonly string[]): string =>
  `SELECT u.id AS user_id, u.display_name, array_agg(DISTINCT m.role::text ORDER BY m.role::text) AS roles
       FROM users u JOIN memberships m ON m.user_id = u.id AND m.committee_id = $1 AND m.role IN (${roles.map((role) => `'${role}'`).join(', ')})
       WHERE u.id = ANY($2::uuid[]) GROUP BY u.id, u.display_name ORDER BY u.display_name`;
