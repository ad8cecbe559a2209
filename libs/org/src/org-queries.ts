import { type EntityManager, In } from 'typeorm';
import { CppccSession } from './cppcc-session.entity.js';
import { Committee } from './committee.entity.js';
import { Membership, Role } from './membership.entity.js';
import { Unit, type UnitKind } from './unit.entity.js';
import { User } from './user.entity.js';

/*
 * What the libs above org read of org's tables, as SQL fragments to splice into their own statements and
 * as query functions (#18, owned reads: no other lib names an org table; docs/architecture.md, "Owned
 * tables"). A fragment takes the SQL expression of the id it looks up (a column of the caller's query or
 * a parameter) and is one scalar subquery on the primary key.
 */

/** A unit's name (承办单位, 抄送单位), by the SQL expression of its id. */
export const unitNameSql = (unitId: string): string => `(SELECT un.name FROM units un WHERE un.id = ${unitId})`;

/** A user's display name, by the SQL expression of their id. */
export const userNameSql = (userId: string): string => `(SELECT us.display_name FROM users us WHERE us.id = ${userId})`;

/** A CPPCC session's name, by the SQL expression of its id. */
export const sessionNameSql = (sessionId: string): string => `(SELECT se.name FROM cppcc_sessions se WHERE se.id = ${sessionId})`;

/** The committee's units of one kind among `ids` (each found once; fewer than the distinct ids when some are not). */
export function unitsOfKind(manager: EntityManager, committeeId: string, ids: readonly string[], kind: UnitKind): Promise<Unit[]> {
  return manager.getRepository(Unit).findBy({ id: In([...ids]), committeeId, kind });
}

/** Whether `unitId` is `rootId` or one of its sub-units, at any depth. */
export async function isUnitWithin(manager: EntityManager, rootId: string, unitId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `WITH RECURSIVE tree AS (SELECT id FROM units WHERE id = $1 UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
     SELECT id FROM tree WHERE id = $2`,
    [rootId, unitId],
  );
  return rows.length > 0;
}

/** Users holding one of the roles for a unit or a unit above it (its leaders sign for it, its people review for it). */
export async function userIdsOfUnitAndAbove(manager: EntityManager, committeeId: string, unitId: string, roles: readonly Role[]): Promise<string[]> {
  const rows: Array<{ user_id: string }> = await manager.query(
    `WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = $2
       UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
     SELECT DISTINCT m.user_id FROM memberships m JOIN up ON up.id = m.unit_id
     WHERE m.committee_id = $1 AND m.role = ANY($3::text[])`,
    [committeeId, unitId, roles],
  );
  return rows.map((row) => row.user_id);
}

/** Which of `userIds` hold `role` in the committee. */
export async function userIdsHolding(manager: EntityManager, committeeId: string, userIds: readonly string[], role: Role): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  return new Set((await manager.getRepository(Membership).findBy({ userId: In([...userIds]), committeeId, role })).map((m) => m.userId));
}

/** A session by id (of the committee, when given), or null. */
export function findSession(manager: EntityManager, id: string, committeeId?: string): Promise<CppccSession | null> {
  return manager.getRepository(CppccSession).findOneBy(committeeId === undefined ? { id } : { id, committeeId });
}

/** A session that must exist (a proposal's): TypeORM's EntityNotFoundError otherwise. */
export function sessionById(manager: EntityManager, id: string): Promise<CppccSession> {
  return manager.getRepository(CppccSession).findOneByOrFail({ id });
}

/** A unit that must exist (an assignment's, a reply's): TypeORM's EntityNotFoundError otherwise. */
export function unitById(manager: EntityManager, id: string): Promise<Unit> {
  return manager.getRepository(Unit).findOneByOrFail({ id });
}

/** The committee's units of one kind, by name. */
export function unitsOfCommittee(manager: EntityManager, committeeId: string, kind: UnitKind): Promise<Unit[]> {
  return manager.getRepository(Unit).find({ where: { committeeId, kind }, order: { name: 'ASC' } });
}

/** Units' names by id (those found). */
export async function unitNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((ids.length ? await manager.getRepository(Unit).findBy({ id: In([...ids]) }) : []).map((u) => [u.id, u.name]));
}

/** Users' display names by id (those found). */
export async function userNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((ids.length ? await manager.getRepository(User).findBy({ id: In([...ids]) }) : []).map((u) => [u.id, u.displayName]));
}

/** Every membership holding `role`, in every committee: who and where. */
export async function holdersOf(manager: EntityManager, role: Role): Promise<Array<{ committeeId: string; userId: string }>> {
  return (await manager.getRepository(Membership).find({ where: { role } })).map(({ committeeId, userId }) => ({ committeeId, userId }));
}

/** Whether a user holds `role` in any committee; with `tokenVersion`, also that they are active and it is their token version. */
export async function holdsRole(manager: EntityManager, userId: string, role: Role, tokenVersion?: number): Promise<boolean> {
  const [row]: Array<{ ok: boolean }> =
    tokenVersion === undefined
      ? await manager.query('SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = $1 AND role = $2) AS ok', [userId, role])
      : await manager.query(
          `SELECT EXISTS (SELECT 1 FROM users u JOIN memberships m ON m.user_id = u.id AND m.role = $3
                          WHERE u.id = $1 AND u.active AND u.token_version = $2) AS ok`,
          [userId, tokenVersion, role],
        );
  return row.ok;
}

/** A user by username (login), or null. */
export function userByUsername(manager: EntityManager, username: string): Promise<User | null> {
  return manager.getRepository(User).findOneBy({ username });
}

/** A user by id, or null. */
export function findUser(manager: EntityManager, id: string): Promise<User | null> {
  return manager.getRepository(User).findOneBy({ id });
}

/** A user that must exist (the actor's): TypeORM's EntityNotFoundError otherwise. */
export function userById(manager: EntityManager, id: string): Promise<User> {
  return manager.getRepository(User).findOneByOrFail({ id });
}

/**
 * Sets a user's password hash and bumps their token version, so every access token issued before stops
 * working (auth's password change, in its transaction, which it audits).
 */
export async function setUserPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
  await manager.update(User, { id: userId }, { passwordHash, tokenVersion: () => 'token_version + 1' });
}

/** Whether a user holds any membership of the committee. */
export function isMemberOf(manager: EntityManager, userId: string, committeeId: string): Promise<boolean> {
  return manager.getRepository(Membership).existsBy({ userId, committeeId });
}

/** A user's memberships, oldest first. */
export function membershipsOf(manager: EntityManager, userId: string): Promise<Membership[]> {
  return manager.getRepository(Membership).find({ where: { userId }, order: { createdAt: 'ASC' } });
}

/**
 * The statement auth's actor resolver runs on every request: the user `$1`, their memberships as JSON
 * (`committeeId`, `role`, `unitId`) and the units they lead (role `$2`, the leader's) with those units'
 * descendants (`committeeId`, `id`), in one round trip. `columns` adds the caller's own columns (SQL on
 * the user `u`, e.g. auth's session check), parameters from `$3` on.
 */
export const userActorSql = (columns: string): string =>
  `WITH RECURSIVE led AS (
     SELECT m.committee_id, u.id FROM memberships m JOIN units u ON u.id = m.unit_id AND u.committee_id = m.committee_id
     WHERE m.user_id = $1 AND m.role = $2
     UNION
     SELECT led.committee_id, u.id FROM units u JOIN led ON u.parent_id = led.id AND u.committee_id = led.committee_id
   )
   SELECT u.id, u.display_name, u.active, u.token_version, ${columns},
          (SELECT coalesce(json_agg(json_build_object('committeeId', m.committee_id, 'role', m.role, 'unitId', m.unit_id)), '[]')
           FROM memberships m WHERE m.user_id = u.id) AS memberships,
          (SELECT coalesce(json_agg(json_build_object('committeeId', led.committee_id, 'id', led.id)), '[]') FROM led) AS led
   FROM users u WHERE u.id = $1`;

/**
 * A new committee with its first administrator (a new user), unaudited: the bootstrap a demo or a fresh
 * installation starts from, before there is any actor to audit as. Everything after goes through the
 * org services.
 */
export async function createCommitteeWithAdmin(
  manager: EntityManager,
  committee: Pick<Committee, 'name' | 'level' | 'region'>,
  admin: Pick<User, 'username' | 'displayName' | 'passwordHash'>,
): Promise<{ committeeId: string; adminId: string }> {
  const { id: committeeId } = await manager.getRepository(Committee).save({ ...committee });
  const { id: adminId } = await manager.getRepository(User).save({ ...admin });
  await manager.getRepository(Membership).insert({ userId: adminId, committeeId, role: Role.Admin, unitId: null });
  return { committeeId, adminId };
}
