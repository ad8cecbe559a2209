import { canonicalJson, type ChainedContent, entryHash, verifyChain } from './audit-chain.js';

const chainOf = (count: number) => {
  const entries: Array<ChainedContent & { hash: string }> = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const content: ChainedContent = {
      chain: 'proposal:p1',
      seq,
      prevHash: entries.at(-1)?.hash ?? null,
      committeeId: 'c1',
      actorUserId: 'u1',
      entity: 'proposal',
      entityId: 'p1',
      action: `step-${seq}`,
      before: null,
      after: { status: 'filed', nested: { b: 1, a: [2, { d: 4, c: 3 }] } },
      at: new Date(Date.UTC(2021, 7, 5, 1, 2, 3, seq)),
    };
    entries.push({ ...content, hash: entryHash(content) });
  }
  return entries;
};

describe('audit chain', () => {
  it('writes JSON with sorted keys, as jsonb gives it back', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: new Date(Date.UTC(2021, 0, 1)) } })).toBe('{"a":{"c":"2021-01-01T00:00:00.000Z"},"b":1}');
  });

  it('accepts an intact chain and its head', () => {
    const entries = chainOf(3);
    expect(verifyChain(entries, { seq: 3, hash: entries[2].hash })).toEqual([]);
    expect(verifyChain([], null)).toEqual([]);
  });

  it('finds a changed, a removed and a trailing removed entry', () => {
    const entries = chainOf(4);
    const head = { seq: 4, hash: entries[3].hash };
    const changed = entries.map((e) => (e.seq === 2 ? { ...e, after: { status: 'closed' } } : e));
    expect(verifyChain(changed, head)).toEqual([{ seq: 2, problem: 'its content does not match its hash: the entry was changed' }]);
    const removed = entries.filter((e) => e.seq !== 3);
    expect(verifyChain(removed, head).map((p) => p.seq)).toEqual([4, 4]);
    const truncated = entries.slice(0, 3);
    expect(verifyChain(truncated, head)).toHaveLength(1);
    expect(verifyChain(truncated, head)[0].problem).toContain('chain head records 4 entries');
  });
});
