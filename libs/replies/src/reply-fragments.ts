/*
 * What the libs above replies read of the replies in their own statements, as SQL fragments (#18, owned
 * reads: no other lib names a replies table; docs/architecture.md, "Owned tables").
 */

/** The replies, aliased, for a caller's `FROM`. */
export const repliesSql = (alias: string): string => `replies ${alias}`;
