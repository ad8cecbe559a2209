/**
 * Audit chain benchmark (`npm run bench:audit`): what the hash chain costs a writer, and how well the
 * per-proposal chains let writers run side by side. Each entry is written in a transaction of its own
 * through `AuditService.record` (the chain lookup, the locked head, the hashed insert, the head update);
 * writers either share one proposal's chain (they queue on its head) or each have their own. Then one
 * chain is exported and verified. Fresh database and Redis prefix, removed at the end. Figures only.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule, AuditService, proposalChain } from '#app/audit';
import { CoreModule, DatabaseModule } from '#app/core';
import { ANYANG, loadDemoCommittee } from '#app/demo';
import { OrgModule, OrgService } from '#app/org';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment } from './bench-environment.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 2000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), AuditModule, OrgModule] })
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const environment = await benchEnvironment();
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const lines = [`| writers | chains | entries | total (ms) | entries/s | ms per entry and writer |`, '|---:|---:|---:|---:|---:|---:|'];
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const audit = app.get(AuditService);
    const committee = await loadDemoCommittee(dataSource, app.get(OrgService), ANYANG);
    const proposals: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO proposals (committee_id, session_id, number, kind, title, body, status, filed_at)
       SELECT $1, $2, n, 'plenary', '关于审计链测试第' || n || '件的提案', '正文', 'filed', now() FROM generate_series(1, $3) AS n RETURNING id`,
      [committee.committeeId, committee.sessionId, WRITERS * 3],
    );
    let next = 0;
    const write = (proposalId: string) =>
      dataSource.transaction((manager) =>
        audit.record(manager, {
          committeeId: committee.committeeId,
          actorUserId: null,
          entity: 'proposal',
          entityId: proposalId,
          action: 'bench.entry',
          after: { n: next++, note: '审计链基准测试' },
          at: new Date(),
        }),
      );
    const run = async (writers: number, chains: string[]) => {
      const perWriter = Math.floor(ENTRIES / writers);
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i += 1) await write(chains[w % chains.length]);
        }),
      );
      const took = ms(started);
      const total = perWriter * writers;
      lines.push(`| ${writers} | ${chains.length} | ${total} | ${took.toFixed(0)} | ${((total / took) * 1000).toFixed(0)} | ${((took / total) * writers).toFixed(2)} |`);
    };
    const ids = proposals.map((p) => p.id);
    await run(1, [ids[0]]);
    await run(WRITERS, [ids[1]]);
    await run(WRITERS, ids.slice(2, 2 + WRITERS));
    const started = process.hrtime.bigint();
    const exported = await audit.exportChain(proposalChain(ids[0]), new Date());
    const took = ms(started);
    lines.push('', `export and verification of one chain of ${exported.entries.length} entries: ${took.toFixed(0)} ms (valid: ${exported.verification.valid})`);
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
