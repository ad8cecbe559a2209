/**
 * Generates a share of the committees (every `of`-th from `index`) into batches, handing each batch on
 * as soon as it is full: in the main thread, or in a worker thread of its own (worker.ts). A committee
 * draws from a random stream of its own, so its rows do not depend on which thread made them.
 */
import type { CalendarException } from '#app/core';
import { generateOrg, type GeneratorContext } from './org.js';
import type { Place } from './places.js';
import { ProposalGenerator } from './lifecycle.js';
import { IdSource, Random } from './random.js';
import { type Batch, newTables, sizeOf, takeBatch } from './tables.js';
import { TextComposer } from './texts.js';
import { Calendar } from './time.js';

/** Everything a producer needs, as plain data (it crosses to worker threads). */
export interface Plan {
  seed: number;
  asOf: string;
  /** the instant the dataset stands at */
  asOfInstant: number;
  years: number[];
  /** the national calendar, as the migrations loaded it */
  calendarDays: CalendarException[];
  passwordHash: string;
  places: Place[];
  /** proposals of each committee */
  counts: number[];
  /** what the `dataset.generated` audit entry of each committee records */
  summary: Record<string, unknown>;
}

export interface Shard {
  index: number;
  of: number;
}

export interface BatchSink {
  /** Takes a full batch; resolves when the producer may go on (the previous one is stored). */
  batch(batch: Batch): Promise<void>;
  /** Proposals generated so far by this producer. */
  progress(proposals: number): void;
}

/** Batches are handed on once they reach this size. */
export const BATCH_BYTES = 48 * 1024 * 1024;

/** Splits `total` into integer parts proportional to `weights`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts.length, left -= 1) parts[i] += 1;
  return parts;
}

/** Generates the shard's committees; `tick` lets the event loop run now and then (in the main thread). */
export async function produce(plan: Plan, shard: Shard, sink: BatchSink, tick: () => Promise<void>): Promise<void> {
  const calendar = new Calendar(plan.calendarDays);
  const ids = new IdSource(new Random(plan.seed, -1 - shard.index), shard.index);
  let tables = newTables();
  let proposals = 0;
  let reported = 0;
  for (let index = shard.index; index < plan.places.length; index += shard.of) {
    const place = plan.places[index];
    const ctx: GeneratorContext = { random: new Random(plan.seed, index + 1), ids, tables, calendar, asOf: plan.asOfInstant, passwordHash: plan.passwordHash };
    const org = generateOrg(ctx, index + 1, place, plan.years);
    const generator = new ProposalGenerator(ctx, org, new TextComposer(place));
    const perSession = apportion(plan.counts[index], plan.years.map((_, i) => 1 + 0.05 * i + 0.1 * ctx.random.next()));
    for (const [i, session] of org.sessions.entries()) {
      proposals += await generator.session(session, perSession[i], tick);
      if (proposals - reported >= 1000) {
        sink.progress(proposals);
        reported = proposals;
      }
    }
    await generator.numberReplies(tick);
    tables.audit_entries
      .row()
      .uuid(org.id)
      .uuid(null)
      .text('committee')
      .uuid(org.id)
      .text('dataset.generated')
      .jsonb(null)
      .jsonb(JSON.stringify(plan.summary))
      .timestamp(plan.asOfInstant);
    if (sizeOf(tables) >= BATCH_BYTES) {
      const batch = takeBatch(tables);
      tables = newTables();
      await sink.batch(batch);
    }
  }
  sink.progress(proposals);
  await sink.batch(takeBatch(tables));
}
