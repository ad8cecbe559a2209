/*
 * What the libs above proposals read of a proposal in their own statements, as SQL fragments (#18, owned
 * reads: no other lib names a proposals table; docs/architecture.md, "Owned tables"). Each takes the SQL
 * expression of the proposal's id and is one scalar subquery on the primary key.
 */

/** The proposal's number (null before it is filed), by the SQL expression of its id. */
export const proposalNumberSql = (proposalId: string): string => `(SELECT pn.number FROM proposals pn WHERE pn.id = ${proposalId})`;

/** The proposal's title (案由), by the SQL expression of its id. */
export const proposalTitleSql = (proposalId: string): string => `(SELECT pt.title FROM proposals pt WHERE pt.id = ${proposalId})`;
