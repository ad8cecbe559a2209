/**
 * Similar-proposal benchmark (`npm run bench:similarity`): how long the SQL that finds similar proposals
 * (and feeds unit recommendation) takes as one committee's history grows — 6,000 proposals (one year of
 * the national committee) and 60,000 (ten years), spread over ten sessions. The texts are the demo history
 * recombined (each a title of one past proposal and the sentences of two others), so terms overlap the
 * way real proposals on related matters do. Fresh database, removed at the end. Figures only.
 */
import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { CoreModule, DatabaseModule, QueueModule } from '#app/core';
import { HISTORY_PROPOSALS } from '#app/demo';
import { NotificationsModule } from '#app/notifications';
import { termHashes, MIN_SIMILARITY, ProposalsModule, SimilarityService } from '#app/proposals';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';
import { percentile } from './percentile.js';

const SIZES = (process.env.BENCH_SIZES ?? '6000,60000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 50);
const SESSIONS = 10;

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), QueueModule.forRoot(), AuditModule, NotificationsModule, ProposalsModule] })
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** A deterministic pseudo-random sequence, so every run measures the same texts. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function synthetic(next: () => number): { title: string; body: string } {
  const pick = () => HISTORY_PROPOSALS[Math.floor(next() * HISTORY_PROPOSALS.length)];
  const sentences = (body: string) => body.split('。').filter(Boolean);
  const [a, b, c] = [pick(), pick(), pick()];
  return { title: a.title, body: `${sentences(b.body).slice(0, 2).join('。')}。${sentences(c.body).slice(-2).join('。')}。` };
}

async function main(): Promise<void> {
  const environment = await benchEnvironment(); // notifications load the queue module; nothing is queued
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const lines = ['| proposals in the committee | queries | p50 (ms) | p95 (ms) | max (ms) | rows returned (mean) |', '|---:|---:|---:|---:|---:|---:|'];
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const similarity = app.get(SimilarityService);
    const committeeId = randomUUID();
    await dataSource.query(`INSERT INTO committees (id, name, level, region) VALUES ($1, 'bench', 'national', 'bench')`, [committeeId]);
    const sessionIds: string[] = [];
    for (let meeting = 1; meeting <= SESSIONS; meeting += 1) {
      const [row] = await dataSource.query(
        `INSERT INTO cppcc_sessions (committee_id, name, term, meeting, year, plenary_start, plenary_end, deadline_rules, reminder_plan)
         VALUES ($1, $2, 1, $3, $4, '2026-03-01', '2026-03-10', '{}', '{}') RETURNING id`,
        [committeeId, `bench session ${meeting}`, meeting, 2016 + meeting],
      );
      sessionIds.push(row.id);
    }
    const next = random(20_261_124);
    let inserted = 0;
    for (const size of SIZES) {
      while (inserted < size) {
        const batch = Array.from({ length: Math.min(5_000, size - inserted) }, (_, i) => {
          const text = synthetic(next);
          return { ...text, session_id: sessionIds[(inserted + i) % SESSIONS], n: inserted + i + 1, title_terms: termHashes(text.title), body_terms: termHashes(text.body) };
        });
        await dataSource.query(
          `INSERT INTO proposals (committee_id, session_id, number, title, body, status, title_terms, body_terms)
           SELECT $1, t.session_id, t.n, t.title, t.body, 'closed', t.title_terms, t.body_terms
           FROM jsonb_to_recordset($2::jsonb) AS t(session_id uuid, n int, title text, body text, title_terms int4[], body_terms int4[])`,
          [committeeId, JSON.stringify(batch)],
        );
        inserted += batch.length;
      }
      await dataSource.query('ANALYZE proposals');
      const timings: number[] = [];
      let rows = 0;
      for (let q = 0; q < QUERIES; q += 1) {
        const text = synthetic(next);
        const started = process.hrtime.bigint();
        const found = await similarity.find(dataSource.manager, {
          committeeId,
          titleTerms: termHashes(text.title),
          bodyTerms: termHashes(text.body),
          upToSession: { term: 1, meeting: SESSIONS },
          numberedOnly: false,
          minScore: MIN_SIMILARITY,
          limit: 10,
        });
        timings.push(ms(started));
        rows += found.length;
      }
      timings.sort((a, b) => a - b);
      lines.push(
        `| ${size.toLocaleString('en')} | ${QUERIES} | ${percentile(timings, 50).toFixed(1)} | ${percentile(timings, 95).toFixed(1)} | ${timings[timings.length - 1].toFixed(1)} | ${(rows / QUERIES).toFixed(1)} |`,
      );
    }
  } finally {
    await app.close();
    await environment.dispose();
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
