/**
 * 交办会 benchmark (`npm run bench:assignment`): the time to assign many filed proposals in one
 * all-or-nothing transaction (`AssigningService.assignMany`), each to a lead unit and one co-unit — the
 * assignments, their five deadlines on the working calendar, their reminder plans (rows and BullMQ jobs),
 * the notices and the audit entries. Fresh database and Redis prefix, removed at the end. Figures only.
 */
import { fileURLToPath } from 'node:url';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { ActorResolver, AuthModule } from '#app/auth';
import { CoreModule, DatabaseModule, QueueModule } from '#app/core';
import { ANYANG, loadDemoCommittee } from '#app/demo';
import { AssigningService, HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { OrgModule, orgServicesOf } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,500').split(',').map(Number);

@Module({
  imports: [
    CoreModule,
    DatabaseModule.forRoot(DATABASE_PARTS),
    QueueModule.forRoot(),
    AuditModule,
    AuthModule,
    NotificationsModule,
    OrgModule,
    ProposalsModule,
    RemindersModule,
    HandlingModule,
  ],
})
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export interface AssignmentBenchResult {
  runs: Array<{ proposals: number; assignments: number; ms: number }>;
  lines: string[];
}

/** One 交办会 per size, each in its own transaction, in a fresh database (also run by bench/run.ts). */
export async function assignmentBench(sizes: readonly number[] = SIZES): Promise<AssignmentBenchResult> {
  const environment = await benchEnvironment();
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const runs: AssignmentBenchResult['runs'] = [];
  const lines = ['| proposals in one 交办会 | assignments | total (ms) | per proposal (ms) |', '|---:|---:|---:|---:|'];
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const committee = await loadDemoCommittee(dataSource, orgServicesOf(app), ANYANG);
    const staff = await app.get(ActorResolver).actorOf(committee.userIds['anyang-staff'], committee.committeeId);
    let number = 0;
    for (const size of sizes) {
      const rows: Array<{ id: string; version: number }> = await dataSource.query(
        `INSERT INTO proposals (committee_id, session_id, number, kind, title, body, status, filed_at)
         SELECT $1, $2, $3 + n, 'plenary', '关于交办会测试第' || n || '件的提案', '正文', 'filed', now() FROM generate_series(1, $4) AS n
         RETURNING id, version`,
        [committee.committeeId, committee.sessionId, number, size],
      );
      number += size;
      const items = rows.map((row) => ({
        proposalId: row.id,
        version: row.version,
        leadUnitId: committee.unitIds.police,
        coUnitIds: [committee.unitIds.finance],
      }));
      const started = process.hrtime.bigint();
      const results = await app.get(AssigningService).assignMany(staff, items);
      const took = ms(started);
      const assignments = results.reduce((sum, result) => sum + result.assignments.length, 0);
      runs.push({ proposals: size, assignments, ms: took });
      lines.push(`| ${size} | ${assignments} | ${took.toFixed(0)} | ${(took / size).toFixed(1)} |`);
    }
  } finally {
    await app.close();
    await environment.dispose();
  }
  return { runs, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  assignmentBench().then(
    (result) => console.log(result.lines.join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
