/**
 * Fills a migrated database with a realistic dataset at scale (issue #8): committees at four levels
 * with their units, people and sessions, and proposals with co-signers, review decisions, assignments,
 * deadlines, replies, copies, feedback, re-handling, consultations, follow-ups, reminders and audit
 * entries — consistent with the product's rules, as they stand on one day (`asOf`). Rows go in with
 * binary COPY, one batch in flight while the next is generated. See bench/README.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as argon2 from 'argon2';
import pg from 'pg';
import type { CalendarException } from '#app/core';
import { DEMO_PASSWORD } from '#app/demo';
import { CommitteeLevel } from '#app/org';
import { dropForeignKeys, restoreForeignKeys } from './foreign-keys.js';
import { dropGinIndexes, restoreGinIndexes } from './indexes.js';
import { planPlaces } from './places.js';
import { apportion, type Plan, produce } from './producer.js';
import { Random } from './random.js';
import { Loader, type TableName } from './tables.js';
import { at, dayOf } from './time.js';
import type { MainMessage, WorkerMessage } from './worker.js';

export { checkDataset, summarizeDataset, type CheckResult } from './checks.js';
export { generatedUsername } from './org.js';

export interface GenerateOptions {
  /** committees (3,000 is about every committee in China) */
  committees: number;
  /** proposals in all, spread over committees by level and over their sessions */
  proposals: number;
  /** the same seed gives the same dataset */
  seed?: number;
  /** sessions per committee, one a year up to the year of `asOf` */
  sessions?: number;
  /** the day the dataset stands at (YYYY-MM-DD, China time): later events have not happened */
  asOf?: string;
  /**
   * How TOAST compresses the long texts of this load: 'lz4' (default: twice as fast to write as pglz,
   * which barely shrinks Chinese text — measured 3,006 → 2,858 bytes a body) or the server's default.
   * A per-value storage detail: the columns and their settings stay the product's.
   */
  toastCompression?: 'lz4' | 'server';
  /** generator threads (default 2; 0 generates in the calling thread) */
  workers?: number;
  /** called with a progress line every few seconds */
  onProgress?: (line: string) => void;
}

export interface GenerateResult {
  /** rows stored per table */
  rows: Record<TableName, number>;
  ms: number;
  asOf: string;
}

export const DEFAULT_AS_OF = '2026-09-15';

/** Proposals a committee of each level gets, relative to a county's (national ~6,000 a year, a county ~200). */
const WEIGHT: Readonly<Record<CommitteeLevel, number>> = {
  [CommitteeLevel.National]: 30,
  [CommitteeLevel.Province]: 5,
  [CommitteeLevel.City]: 3.5,
  [CommitteeLevel.County]: 1,
};

/**
 * Lets the event loop run when a couple of milliseconds have passed, when generating in the main
 * thread: the batch being stored needs it for every COPY round trip and socket write.
 */
let lastYield = performance.now();
const tick = async (): Promise<void> => {
  if (performance.now() - lastYield < 2) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastYield = performance.now();
};

/** Connections the rows go over (PostgreSQL then works on both cores of a two-core machine). */
const CONNECTIONS = 2;

/** The worker thread's module: beside this one in the build; from the TypeScript sources (the spec), the build's. */
function workerModule(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : pathToFileURL(path.resolve('dist/bench/generate/worker.js'));
}

/** Runs the producers in worker threads, storing each batch they post; resolves when all are done and stored. */
async function produceInWorkers(plan: Plan, workers: number, loader: Loader, progress: (shard: number, proposals: number) => void): Promise<void> {
  const threads = Array.from({ length: workers }, (_, index) => new Worker(workerModule(), { workerData: { plan, shard: { index, of: workers } } }));
  try {
    await Promise.all(
      threads.map(
        (thread, index) =>
          new Promise<void>((resolve, reject) => {
            let finished = false;
            thread.on('error', reject);
            thread.on('exit', (code) => (finished ? resolve() : reject(new Error(`generator thread ${index} stopped before it was done (exit code ${code})`))));
            thread.on('message', (message: WorkerMessage) => {
              if (message.type === 'progress') progress(index, message.proposals);
              else if (message.type === 'batch') {
                loader.store(message.batch).then(
                  () => thread.postMessage({ type: 'stored', id: message.id } satisfies MainMessage),
                  (error: unknown) => reject(error),
                );
              } else {
                // Its last batch is stored (it waited for that before saying so).
                finished = true;
                resolve();
              }
            });
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/**
 * Generates the dataset into an empty, migrated database (a connection string, or a pool to take
 * connections from). Refuses a database that has committees already.
 */
export async function generateDataset(database: string | pg.Pool, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const sessions = options.sessions ?? 4;
  const workers = options.workers ?? 2;
  const asOfYear = Number(asOf.slice(0, 4));
  if (!(asOf >= `${asOfYear}-05-01`)) throw new Error(`asOf ${asOf}: use a day from May on, when the year's plenary sessions are over`);
  if (options.committees < 1 || options.proposals < 0) throw new Error('committees must be ≥ 1 and proposals ≥ 0');

  const pool = typeof database === 'string' ? new pg.Pool({ connectionString: database, max: CONNECTIONS }) : database;
  const clients: pg.PoolClient[] = [];
  try {
    for (let i = 0; i < CONNECTIONS; i += 1) clients.push(await pool.connect());
    for (const c of clients) {
      // Asynchronous commit for these sessions only: a crash loses the last batches, never consistency.
      await c.query('SET synchronous_commit = off');
      if ((options.toastCompression ?? 'lz4') === 'lz4') await c.query("SET default_toast_compression = 'lz4'");
    }
    const client = clients[0];
    const { rows: existing } = await client.query<{ n: string }>('SELECT count(*) AS n FROM committees');
    if (Number(existing[0].n) > 0) throw new Error('the database already has committees: generate into an empty one (the CLI has --fresh)');
    const { rows: calendarDays } = await client.query<CalendarException>(
      "SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE committee_id IS NULL ORDER BY date",
    );
    const planRandom = new Random(seed, 0);
    const places = planPlaces(options.committees, planRandom);
    const plan: Plan = {
      seed,
      asOf,
      asOfInstant: at(dayOf(asOf), 18),
      years: Array.from({ length: sessions }, (_, i) => asOfYear - sessions + 1 + i),
      calendarDays,
      passwordHash: await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id }),
      places,
      counts: apportion(
        options.proposals,
        places.map((p) => WEIGHT[p.level] * (0.6 + 0.8 * planRandom.next())),
      ),
      summary: { generator: 'bench/generate', seed, asOf, sessions, committees: options.committees, proposals: options.proposals },
    };

    const loader = new Loader(clients);
    const done = new Array<number>(Math.max(1, workers)).fill(0);
    let lastReport = Date.now();
    const report = (force = false) => {
      if (!options.onProgress || (!force && Date.now() - lastReport < 3000)) return;
      lastReport = Date.now();
      const seconds = (Date.now() - started) / 1000;
      const proposals = done.reduce((a, b) => a + b, 0);
      options.onProgress(
        `[${seconds.toFixed(1).padStart(6)} s] proposals ${proposals.toLocaleString('en')} / ${options.proposals.toLocaleString('en')}` +
          ` (${Math.round(proposals / seconds).toLocaleString('en')}/s) · rows stored ${loader.storedRows.toLocaleString('en')}` +
          ` (${Math.round(loader.storedRows / seconds).toLocaleString('en')}/s)`,
      );
    };
    const progress = (shard: number, proposals: number) => {
      done[shard] = proposals;
      report();
    };

    const keys = await dropForeignKeys(client);
    const indexes = await dropGinIndexes(client);
    try {
      if (workers > 0) {
        await produceInWorkers(plan, workers, loader, progress);
      } else {
        let previous: Promise<void> = Promise.resolve();
        await produce(plan, { index: 0, of: 1 }, {
          async batch(batch) {
            await previous;
            previous = loader.store(batch);
          },
          progress: (proposals) => progress(0, proposals),
        }, async () => {
          report();
          await tick();
        });
        await previous;
      }
      report(true);
    } finally {
      await loader.settle();
      try {
        await restoreGinIndexes(clients, indexes, options.onProgress);
      } finally {
        await restoreForeignKeys(client, keys, options.onProgress);
      }
    }
    options.onProgress?.('ANALYZE …');
    await client.query('ANALYZE');
    return { rows: { ...loader.stored }, ms: Date.now() - started, asOf };
  } finally {
    for (const c of clients) c.release();
    if (typeof database === 'string') await pool.end();
  }
}
