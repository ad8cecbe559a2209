/**
 * Seeded randomness for the data generator: the same seed gives the same dataset. Each committee draws
 * from a stream of its own (seed × committee index), so its data does not depend on batch sizes or on
 * how much the committees before it drew.
 */

/** splitmix32: spreads a seed over 32 bits, to start sfc32 from well-mixed state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Small Fast Counting), a fast 32-bit generator that passes PractRand. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed * 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with the given weights (need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `count` distinct items (fewer when there are fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const hex32 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/**
 * UUIDs in the version-4 layout whose first 32 bits count up and the rest are random: rows land at the
 * right edge of every primary-key index instead of all over it, which keeps a 40-million-row load from
 * thrashing a small buffer cache. Lookups by id behave as with random UUIDs. Each generator thread has
 * a space of its own (the top 4 bits), so they never draw the same id.
 */
export class IdSource {
  private counter: number;

  constructor(
    private readonly random: Random,
    space = 0,
  ) {
    this.counter = space * 2 ** 28;
  }

  next(): string {
    this.counter = (this.counter + 1) >>> 0;
    const r1 = this.random.uint32();
    const r2 = this.random.uint32();
    const r3 = this.random.uint32();
    const time = hex32(this.counter);
    const mid = HEX[r1 >>> 24] + HEX[(r1 >>> 16) & 255];
    const version = (0x4000 | (r1 & 0x0fff)).toString(16);
    const variant = (0x8000 | (r2 >>> 18)).toString(16);
    const node = HEX[(r2 >>> 8) & 255] + HEX[r2 & 255] + hex32(r3);
    return `${time}-${mid}-${version}-${variant}-${node}`;
  }
}
