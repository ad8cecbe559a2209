import { createHash } from 'node:crypto';

/**
 * The hash chain of audit entries (审计链). Each entry belongs to one chain — its proposal's
 * (`proposal:<id>`) when it concerns a proposal or anything of one (assignment, reply, deadline …),
 * else its committee's (`committee:<id>`) — and stores its position (`seq`, from 1), the previous
 * entry's hash and its own: SHA-256 over the canonical JSON of its content and the previous hash.
 * Changing, removing or reordering an entry breaks every hash after it.
 */
/** What an audit entry says: who did what to which record, and when. */
export interface AuditContent {
  committeeId: string | null;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

/** An entry's content with its place in its chain: everything its hash covers. */
export interface ChainedContent extends AuditContent {
  chain: string;
  seq: number;
  prevHash: string | null;
}

/** JSON with object keys sorted at every level, after the same conversion jsonb applies (Dates → ISO strings, undefined dropped). */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [key, sort((node as Record<string, unknown>)[key])]),
      );
    }
    return node;
  };
  return JSON.stringify(sort(plain));
}

/** The hash of an entry: only the fields of ChainedContent count (a row's id and own hash do not). */
export function entryHash(content: ChainedContent): string {
  const { chain, seq, prevHash, committeeId, actorUserId, entity, entityId, action, before, after, at } = content;
  const canonical = canonicalJson({ chain, seq, prevHash, committeeId, actorUserId, entity, entityId, action, before, after, at: at.toISOString() });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A problem found walking a chain: which entry, and what is wrong with it. */
export interface ChainProblem {
  seq: number | null;
  problem: string;
}

/**
 * Walks a chain's entries (in `seq` order) and its recorded head: positions 1..n without gaps, each
 * entry's `prevHash` the hash of the one before, each hash recomputed from the content, the last entry
 * the head. Returns the problems; none means the chain is intact.
 */
export function verifyChain(
  entries: ReadonlyArray<ChainedContent & { hash: string }>,
  head: { seq: number; hash: string | null } | null,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previous: string | null = null;
  entries.forEach((entry, index) => {
    if (entry.seq !== index + 1) problems.push({ seq: entry.seq, problem: `entry ${index + 1} of the chain has position ${entry.seq}: an entry is missing or out of place` });
    if (entry.prevHash !== previous) problems.push({ seq: entry.seq, problem: 'its previous hash is not the hash of the entry before it' });
    if (entryHash(entry) !== entry.hash) problems.push({ seq: entry.seq, problem: 'its content does not match its hash: the entry was changed' });
    previous = entry.hash;
  });
  const last = entries.at(-1);
  const headSeq = head?.seq ?? 0;
  if (headSeq !== (last?.seq ?? 0) || (head?.hash ?? null) !== (last?.hash ?? null)) {
    problems.push({ seq: last?.seq ?? null, problem: `the chain head records ${headSeq} entries ending in ${head?.hash ?? 'nothing'}: entries were removed or added outside the audit service` });
  }
  return problems;
}
