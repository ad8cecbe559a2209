/**
 * Import benchmark (`npm run bench:imports`, and a part of `npm run bench`): 10,000 members and 5,000
 * past proposals (issue #21), each file built in the templates' shape, then checked (dry run) and
 * imported (confirm: one transaction, one audit entry) through `ImportsService` — parsing included —
 * and the same file confirmed again (nothing to change). Fresh database and Redis prefix, removed at
 * the end. The process's heap is sampled around each step (the API runs with --max-old-space-size=512).
 */
import { fileURLToPath } from 'node:url';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { CoreModule, DatabaseModule, QueueModule } from '#app/core';
import { ANYANG, HISTORY_PROPOSALS, historyUnitRows, loadDemoCommittee } from '#app/demo';
import { buildImportWorkbook, ImportKind, ImportsModule, ImportsService } from '#app/imports';
import { OrgModule, orgServicesOf, SessionsService } from '#app/org';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';

const MEMBERS = Number(process.env.BENCH_IMPORT_MEMBERS ?? 10_000);
const HISTORY = Number(process.env.BENCH_IMPORT_PROPOSALS ?? 5_000);

@Module({
  imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), QueueModule.forRoot(), AuditModule, OrgModule, ImportsModule],
})
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

export interface ImportBenchStep {
  what: string;
  rows: number;
  ms: number;
  /** Heap used after the step (MB). */
  heapMb: number;
  created: number;
  unchanged: number;
}

export interface ImportBenchResult {
  steps: ImportBenchStep[];
  fileBytes: Record<string, number>;
  lines: string[];
}

export async function importBench(members = MEMBERS, history = HISTORY): Promise<ImportBenchResult> {
  const environment = await benchEnvironment();
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const steps: ImportBenchStep[] = [];
  const fileBytes: Record<string, number> = {};
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const committee = await loadDemoCommittee(dataSource, orgServicesOf(app), ANYANG);
    const admin = { userId: committee.userIds['anyang-admin'], committeeId: committee.committeeId };
    const staff = { userId: committee.userIds['anyang-staff'], committeeId: committee.committeeId };
    const imports = app.get(ImportsService);
    await imports.confirm(admin, ImportKind.Units, await buildImportWorkbook(ImportKind.Units, historyUnitRows()));
    const session = await app.get(SessionsService).createSession(admin, { name: '政协十三届安阳市委员会三次会议', term: 13, meeting: 3, year: 2020, plenaryStart: '2020-05-11', plenaryEnd: '2020-05-14' });

    const sectors = ['中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '无党派人士', '教育界', '医药卫生界', '经济界'];
    const memberRows = Array.from({ length: members }, (_, i) => ({
      username: `member${String(i).padStart(5, '0')}`,
      name: `委员${i}`,
      sector: sectors[i % sectors.length],
      phone: `139${String(i).padStart(8, '0')}`,
      email: i % 4 === 0 ? `member${i}@example.cn` : null,
    }));
    const unitNames = historyUnitRows().map((u) => u.name as string);
    const historyRows = Array.from({ length: history }, (_, i) => {
      const p = HISTORY_PROPOSALS[i % HISTORY_PROPOSALS.length];
      return {
        session: session.name,
        number: i + 1,
        title: `${p.title}（${i + 1}）`,
        category: p.category,
        lead: memberRows[i % members].username,
        cosigners: memberRows[(i + 1) % members].username,
        body: p.body,
        filedOn: '2020-05-14',
        leadUnit: unitNames[i % unitNames.length],
        coUnits: unitNames[(i + 3) % unitNames.length],
        assignedOn: '2020-06-13',
        repliedOn: '2020-09-01',
        grade: ['A', 'B', 'C'][i % 3],
        satisfaction: ['满意', '基本满意', '不满意'][i % 3],
        closedOn: '2020-11-30',
      };
    });
    const files = [
      { kind: ImportKind.Members, actor: admin, label: `${members.toLocaleString('en')} members`, bytes: await buildImportWorkbook(ImportKind.Members, memberRows), rows: members },
      { kind: ImportKind.History, actor: staff, label: `${history.toLocaleString('en')} past proposals (assignments, answers, feedback)`, bytes: await buildImportWorkbook(ImportKind.History, historyRows), rows: history },
    ];
    for (const file of files) {
      fileBytes[file.kind] = file.bytes.length;
      for (const [what, run] of [
        ['dry run', () => imports.dryRun(file.actor, file.kind, file.bytes)],
        ['confirm', () => imports.confirm(file.actor, file.kind, file.bytes)],
        ['confirm again (unchanged)', () => imports.confirm(file.actor, file.kind, file.bytes)],
      ] as const) {
        const started = process.hrtime.bigint();
        const report = await run();
        const took = ms(started);
        if (report.problems.length > 0) throw new Error(`${file.label}: ${report.problems.slice(0, 3).map((p) => p.message).join('; ')}`);
        steps.push({ what: `import ${file.label}: ${what}`, rows: file.rows, ms: took, heapMb: heapMb(), created: report.created, unchanged: report.unchanged });
      }
    }
  } finally {
    await app.close();
    await environment.dispose();
  }
  const lines = [
    '| import | rows | total (ms) | per 1,000 rows (ms) | created | unchanged | heap after (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...steps.map((s) => `| ${s.what} | ${s.rows} | ${s.ms.toFixed(0)} | ${((s.ms / s.rows) * 1000).toFixed(0)} | ${s.created} | ${s.unchanged} | ${s.heapMb.toFixed(0)} |`),
    '',
    `files: ${Object.entries(fileBytes).map(([kind, bytes]) => `${kind} ${(bytes / 1024).toFixed(0)} KiB`).join(', ')}`,
  ];
  return { steps, fileBytes, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  importBench().then(
    (result) => console.log(result.lines.join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
