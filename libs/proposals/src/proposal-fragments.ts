import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Proposer, ProposerRole } from './proposer.entity.js';

/*
 * What the libs above proposals read of a proposal in their own statements, as SQL fragments (#18, owned
 * reads: no other lib names a proposals table; docs/architecture.md, "Owned tables"). Each takes the SQL
 * expression of the proposal's id and is one scalar subquery on the primary key.
 */

/** The proposal's number (null before it is filed), by the SQL expression of its id. */
export const proposalNumberSql = (proposalId: string): string => `(SELECT pn.number FROM proposals pn WHERE pn.id = ${proposalId})`;

/** The proposal's title (案由), by the SQL expression of its id. */
export const proposalTitleSql = (proposalId: string): string => `(SELECT pt.title FROM proposals pt WHERE pt.id = ${proposalId})`;

/** `JOIN proposals <alias> ON <alias>.id = <proposalId>` (with `on`, more conditions on the alias). */
export const joinProposalSql = (proposalId: string, alias: string, on?: string): string => `JOIN proposals ${alias} ON ${alias}.id = ${proposalId}${on ? ` AND ${on}` : ''}`;

/** Inner-joins a proposal by the SQL expression of its id (and `on`, more conditions), on a query builder. */
export function innerJoinProposal<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  proposalId: string,
  alias: string,
  on?: string,
  parameters?: ObjectLiteral,
): SelectQueryBuilder<T> {
  return query.innerJoin('proposals', alias, `${alias}.id = ${proposalId}${on ? ` AND ${on}` : ''}`, parameters);
}

/**
 * A statement over the proposers (alias `pr`) of the proposal `proposalId` (an SQL expression): `select`
 * (by default `pr.user_id`), with `where` more conditions on `pr`.
 */
export const proposersSql = (proposalId: string, where?: string, select = 'pr.user_id'): string =>
  `SELECT ${select} FROM proposers pr WHERE pr.proposal_id = ${proposalId}${where ? ` AND ${where}` : ''}`;

/** The proposals, aliased, for a caller's `FROM`. */
export const proposalsSql = (alias: string): string => `proposals ${alias}`;

/** The lead proposer's (领衔提案人) user id of a proposal that has one: TypeORM's EntityNotFoundError otherwise. */
export async function leadProposerId(manager: EntityManager, proposalId: string): Promise<string> {
  return (await manager.getRepository(Proposer).findOneByOrFail({ proposalId, role: ProposerRole.Lead })).userId;
}
