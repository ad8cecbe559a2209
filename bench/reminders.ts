/**
 * Reminder benchmark (`npm run bench:reminders`, after `npm run build`): prints
 *   1. the time to plan reminders (rows in PostgreSQL + delayed BullMQ jobs) for 10,000 and 100,000
 *      assignments' reply deadlines, beside BullMQ's bare addBulk of the same number of jobs;
 *   2. firing lateness p50 / p99 / max for 2,000 reminders due in the same minute, delivered by a real
 *      worker process.
 * Uses a fresh database and Redis prefix, and removes both at the end. Figures only; nothing asserts.
 */
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { CoreModule, DatabaseModule, DEFAULT_REMINDER_PLAN, QUEUES, QueueModule } from '#app/core';
import { NotificationsModule } from '#app/notifications';
import { RemindersModule, RemindersService } from '#app/reminders';
import { startWorker } from '#app/testing';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const BURST = Number(process.env.BENCH_BURST ?? 2000);

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), QueueModule.forRoot(), AuditModule, NotificationsModule, RemindersModule] })
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const addDaysIso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface ReminderBenchResult {
  planning: Array<{ assignments: number; reminders: number; planMs: number; bareAddBulkMs: number }>;
  lateness: { burst: number; sent: number; min: number; p50: number; p99: number; max: number };
  /** The figures as markdown tables. */
  lines: string[];
}

/** Planning at each size beside bare addBulk, then the lateness of `burst` reminders due at once (also run by bench/run.ts). */
export async function reminderBench(sizes: readonly number[] = SIZES, burst = BURST): Promise<ReminderBenchResult> {
  const environment = await benchEnvironment();
  const { prefix } = environment;
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  const results: string[] = [];
  const planning: ReminderBenchResult['planning'] = [];
  let late: ReminderBenchResult['lateness'];
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const reminders = app.get(RemindersService);
    const queue = app.get<Queue>(getQueueToken(QUEUES.reminders));
    const committee = randomUUID();

    results.push('| assignments | reminders | plan rows + jobs (ms) | per second | bare addBulk (ms) | ratio |', '|---:|---:|---:|---:|---:|---:|');
    for (const size of sizes) {
      const deadlines = Array.from({ length: size }, () => ({ id: randomUUID(), committeeId: committee, kind: 'reply' as const, dueDate: addDaysIso(120) }));
      const started = process.hrtime.bigint();
      let planned = 0;
      for (let start = 0; start < size; start += 10_000) {
        const batch = deadlines.slice(start, start + 10_000);
        const rows = await dataSource.transaction((manager) => reminders.planMany(manager, batch, DEFAULT_REMINDER_PLAN));
        await reminders.schedule(rows, { timeoutMs: 120_000 });
        planned += rows.length;
      }
      const planMs = ms(started);
      const bare = new Queue(`bench-bare-${size}`, { connection: { url: REDIS_URL }, prefix });
      const bareStarted = process.hrtime.bigint();
      for (let start = 0; start < planned; start += 5_000) {
        const count = Math.min(5_000, planned - start);
        await bare.addBulk(
          Array.from({ length: count }, (_, i) => ({ name: 'reminder', data: { reminderId: randomUUID() }, opts: { jobId: `bare-${start + i}`, delay: 86_400_000 } })),
        );
      }
      const bareMs = ms(bareStarted);
      await bare.obliterate({ force: true });
      await bare.close();
      await queue.obliterate({ force: true });
      await dataSource.query('TRUNCATE reminders');
      planning.push({ assignments: size, reminders: planned, planMs, bareAddBulkMs: bareMs });
      results.push(
        `| ${size.toLocaleString('en')} | ${planned.toLocaleString('en')} | ${planMs.toFixed(0)} | ${Math.round((planned / planMs) * 1000).toLocaleString('en')} | ${bareMs.toFixed(0)} | ${(planMs / bareMs).toFixed(2)} |`,
      );
    }

    // Lateness: one real deadline (for the delivery's joins), `burst` reminders due in the same second.
    const ids = { committee, user: randomUUID(), unit: randomUUID(), session: randomUUID(), proposal: randomUUID(), assignment: randomUUID(), deadline: randomUUID() };
    await dataSource.query(`INSERT INTO committees (id, name, level, region) VALUES ($1, 'bench', 'city', 'bench')`, [ids.committee]);
    await dataSource.query(`INSERT INTO users (id, username, display_name, password_hash) VALUES ($1, 'bench', 'bench', 'x')`, [ids.user]);
    await dataSource.query(`INSERT INTO units (id, committee_id, name, kind) VALUES ($1, $2, 'bench unit', 'handling')`, [ids.unit, ids.committee]);
    await dataSource.query(`INSERT INTO memberships (user_id, committee_id, role, unit_id) VALUES ($1, $2, 'drafter', $3)`, [ids.user, ids.committee, ids.unit]);
    await dataSource.query(
      `INSERT INTO cppcc_sessions (id, committee_id, name, term, meeting, year, plenary_start, plenary_end, deadline_rules, reminder_plan)
       VALUES ($1, $2, 'bench', 1, 1, 2026, '2026-01-01', '2026-01-02', '{}', $3)`,
      [ids.session, ids.committee, JSON.stringify(DEFAULT_REMINDER_PLAN)],
    );
    await dataSource.query(
      `INSERT INTO proposals (id, committee_id, session_id, title, body, status) VALUES ($1, $2, $3, 'bench', 'bench', 'in_handling')`,
      [ids.proposal, ids.committee, ids.session],
    );
    await dataSource.query(
      `INSERT INTO assignments (id, committee_id, proposal_id, unit_id, role, status, assigned_by_user_id, assigned_at)
       VALUES ($1, $2, $3, $4, 'lead', 'accepted', $5, now())`,
      [ids.assignment, ids.committee, ids.proposal, ids.unit, ids.user],
    );
    const due = addDaysIso(0);
    await dataSource.query(
      `INSERT INTO deadlines (id, committee_id, assignment_id, kind, status, start_date, due_date, explanation)
       VALUES ($1, $2, $3, 'reply', 'open', $4, $4, '{}')`,
      [ids.deadline, ids.committee, ids.assignment, due],
    );
    // The worker is started and ready first (a Nest boot takes seconds on a loaded machine): lateness is
    // that of a running worker, not of its start.
    // As production runs it (request-level logs at info), its output read and dropped as it comes.
    const { child: worker } = await startWorker({ LOG_LEVEL: 'info' }, { keepChars: 4096 });
    const fireAt = new Date(Math.ceil((Date.now() + 5_000) / 1000) * 1000);
    await dataSource.query(
      `INSERT INTO reminders (committee_id, deadline_id, point, due_date, fire_at, status)
       SELECT $1, $2, 'reply-b' || g || '-0d', $3, $4, 'planned' FROM generate_series(1, $5) g`,
      [ids.committee, ids.deadline, due, fireAt, burst],
    );
    await reminders.scheduleMissing();
    const deadline = Date.now() + 180_000;
    for (;;) {
      const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM reminders WHERE status = 'planned' AND deadline_id = $1`, [ids.deadline]);
      if (left === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    worker.kill('SIGTERM');
    const [lateness] = await dataSource.query(
      `SELECT count(*)::int AS sent,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - fire_at) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - fire_at) * 1000) AS p99,
              max(extract(epoch FROM sent_at - fire_at) * 1000) AS max,
              min(extract(epoch FROM sent_at - fire_at) * 1000) AS min
       FROM reminders WHERE deadline_id = $1 AND status = 'sent'`,
      [ids.deadline],
    );
    late = { burst, sent: lateness.sent, min: Number(lateness.min), p50: Number(lateness.p50), p99: Number(lateness.p99), max: Number(lateness.max) };
    results.push(
      '',
      `| reminders due in the same second | sent | lateness min (ms) | p50 (ms) | p99 (ms) | max (ms) |`,
      '|---:|---:|---:|---:|---:|---:|',
      `| ${burst.toLocaleString('en')} | ${lateness.sent.toLocaleString('en')} | ${Number(lateness.min).toFixed(0)} | ${Number(lateness.p50).toFixed(0)} | ${Number(lateness.p99).toFixed(0)} | ${Number(lateness.max).toFixed(0)} |`,
    );
  } finally {
    await app.close();
    await environment.dispose();
  }
  return { planning, lateness: late, lines: results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  reminderBench().then(
    (result) => console.log(result.lines.join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
