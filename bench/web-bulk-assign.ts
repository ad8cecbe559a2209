/**
 * 交办会 through the web app's calls (`npm run bench:web-bulk-assign`): what the 交办会 page asks of the
 * API for N filed proposals, over HTTP with a bearer token like the browser — the first page of the list,
 * each proposal's recommended units four at a time (the page's concurrency), then POST /assignments/bulk
 * in batches of 500 (the API's limit, each all or nothing). Prints each phase's time, so the progress the
 * page shows can be judged against it. Fresh database and Redis prefix, removed at the end. Figures only.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANYANG, DEMO_PASSWORD, loadDemoCommittee } from '#app/demo';
import { OrgService } from '#app/org';
import { ApiModule } from '../apps/api/src/api.module.js';
import { configureApp } from '../apps/api/src/bootstrap.js';
import { benchEnvironment } from './bench-environment.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,600').split(',').map(Number);
/** As the page: recommendations fetched this many at a time, assignments sent this many per call. */
const PARALLEL = 4;
const BATCH = 500;
const TITLES = ['电动自行车充电管理', '优化营商环境', '校园周边交通安全', '城区噪声治理', '普惠金融发展', '打击电信诈骗'];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

async function main(): Promise<void> {
  const environment = await benchEnvironment();
  const storage = mkdtempSync(path.join(tmpdir(), 'cppcc-bench-attachments-'));
  process.env.STORAGE_DRIVER = 'disk';
  process.env.STORAGE_DIR = storage;
  const app = await NestFactory.create(ApiModule, { logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api`;
  const lines = [
    '| proposals | list page (ms) | recommendations (ms, 4 at a time) | per proposal (ms) | bulk calls | assignment (ms) | total (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const committee = await loadDemoCommittee(dataSource, app.get(OrgService), ANYANG);
    // Remit keywords, so every recommendation has a unit to rank (the page pre-fills it).
    await dataSource.query(`UPDATE units SET remit_keywords = $2 WHERE id = $1`, [committee.unitIds.police, ['交通', '噪声', '诈骗', '充电']]);
    await dataSource.query(`UPDATE units SET remit_keywords = $2 WHERE id = $1`, [committee.unitIds.finance, ['营商', '金融']]);
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'anyang-staff', password: DEMO_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    let number = 0;
    for (const size of SIZES) {
      const rows: Array<{ id: string; version: number }> = await dataSource.query(
        `INSERT INTO proposals (committee_id, session_id, number, kind, title, body, status, filed_at)
         SELECT $1, $2, $3 + n, 'plenary', '关于' || ($5::text[])[1 + n % 6] || '的提案（第' || n || '件）', '建议有关部门加强' || ($5::text[])[1 + n % 6] || '工作。', 'filed', now()
         FROM generate_series(1, $4) AS n RETURNING id, version`,
        [committee.committeeId, committee.sessionId, number, size, TITLES],
      );
      number += size;
      const started = process.hrtime.bigint();
      await call('GET', '/proposals?status=filed&limit=10&offset=0&sort=number');
      const listed = ms(started);
      const recommended = new Map<string, string>();
      const recommending = process.hrtime.bigint();
      await inParallel(rows, async (row) => {
        const r = await call<{ lead: Array<{ unitId: string }> }>('GET', `/proposals/${row.id}/recommended-units`);
        recommended.set(row.id, r.lead[0]?.unitId ?? committee.unitIds.police);
      });
      const recommendations = ms(recommending);
      const assigning = process.hrtime.bigint();
      let calls = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const items = rows.slice(i, i + BATCH).map((row) => ({ proposalId: row.id, version: row.version, leadUnitId: recommended.get(row.id), coUnitIds: [] }));
        await call('POST', '/assignments/bulk', { items });
        calls += 1;
      }
      const assigned = ms(assigning);
      lines.push(
        `| ${size} | ${listed.toFixed(0)} | ${recommendations.toFixed(0)} | ${(recommendations / size).toFixed(1)} | ${calls} | ${assigned.toFixed(0)} | ${ms(started).toFixed(0)} |`,
      );
    }
  } finally {
    await app.close();
    await environment.dispose();
    rmSync(storage, { recursive: true, force: true });
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
