/**
 * `npm run bench:soak`: mixed load for SOAK_MINUTES (default 10) against a real API process and a real
 * worker process (the build in dist/) on a fresh database and Redis prefix. Every 30 s (SOAK_REPORT_SECONDS)
 * it prints the requests of the period, errors by status, p50/p99 latency and the API's and worker's
 * resident memory; at the end the same for the whole run. The load, from SOAK_USERS virtual users (default 4):
 * one walks proposals through their life (draft, submit, review, file, assign, accept, reply, sign-off with
 * its PDF, dispatch); the others read lists, the inbox and a proposal, and search (`q=`), one request after
 * another. Errors are counted, never retried; a 5xx is printed once per kind with its body.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, DEMO_PASSWORD } from '#app/demo';
import { OrgService } from '#app/org';
import { createTestCommittee, freePort, spawnBuilt, type TestCommittee } from '#app/testing';
import { ApiModule } from '../apps/api/src/api.module.js';
import { benchEnvironment } from './bench-environment.js';
import type { MemorySample } from './memory-probe.js';
import { percentile } from './percentile.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const REPORT_MS = Number(process.env.SOAK_REPORT_SECONDS ?? 30) * 1000;
const USERS = Math.max(2, Number(process.env.SOAK_USERS ?? 4));

interface Sample {
  ms: number;
  status: number;
}

let samples: Sample[] = [];
const allSamples: Sample[] = [];
const seenFailures = new Set<string>();


/** Where each process's memory probe (bench/memory-probe.ts) writes its latest `process.memoryUsage()`. */
const probeFile = (script: string): string => path.join(tmpdir(), `cppcc-soak-${process.pid}-${script}.json`);

function start(script: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  // The API as `npm run start:api` and docs/deployment.md run it: old space capped at 512 MB.
  const heap = script === 'api' ? ['--max-old-space-size=512'] : [];
  const { child } = spawnBuilt(script, { LOG_LEVEL: 'warn', MEMORY_PROBE_FILE: probeFile(script), ...env }, {
    nodeFlags: [...heap, '--import', './dist/bench/memory-probe.js'],
    keepChars: 0,
    inheritStderr: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${script} exited (${code ?? signal}) during the soak`);
  });
  return child;
}
let stopping = false;

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number | undefined): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return (kb / 1024).toFixed(0);
  } catch {
    return '-';
  }
}

/** The process's last memory sample as "heap used/total, external (array buffers)" in MB. */
function heapMb(script: string): string {
  try {
    const m = JSON.parse(readFileSync(probeFile(script), 'utf8')) as MemorySample;
    const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);
    return `heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} ext ${mb(m.external)} (buffers ${mb(m.arrayBuffers)})`;
  } catch {
    return '-';
  }
}


function summary(period: Sample[]): string {
  const sorted = period.map((s) => s.ms).sort((a, b) => a - b);
  const byStatus = new Map<number, number>();
  for (const s of period) if (s.status >= 400 || s.status === 0) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  const errors = [...byStatus].map(([status, n]) => `${status || 'network'}×${n}`).join(' ') || 'none';
  return `${String(period.length).padStart(6)} requests  errors: ${errors.padEnd(14)}  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(6)} ms`;
}

class Client {
  private token = '';
  constructor(
    private readonly base: string,
    private readonly username: string,
  ) {}

  async login(): Promise<void> {
    const answer = await this.call('POST', '/api/auth/login', { username: this.username, password: DEMO_PASSWORD });
    this.token = (answer.body as { accessToken: string }).accessToken;
  }

  /** One request, timed and counted; returns status and parsed body. */
  async call(method: string, path: string, body?: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const started = performance.now();
    let status = 0;
    let parsed: Record<string, unknown>;
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      status = response.status;
      const text = await response.text();
      parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {};
    } catch (error) {
      parsed = { message: (error as Error).message };
    }
    const sample = { ms: performance.now() - started, status };
    samples.push(sample);
    allSamples.push(sample);
    if (status >= 500 || status === 0) {
      const key = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} ${status}`;
      if (!seenFailures.has(key)) {
        seenFailures.add(key);
        console.error(`  first ${key}: ${JSON.stringify(parsed).slice(0, 300)}`);
      }
    }
    return { status, body: parsed };
  }
}

/** One proposal through its whole life; stops at the first refusal (counted) and starts the next. */
async function lifecycle(c: TestCommittee, users: Record<string, Client>, n: number): Promise<void> {
  const { member, staff, drafter, leader } = users;
  const draft = await member.call('POST', '/api/proposals', { sessionId: c.sessionId, title: `关于压力测试第${n}件的提案`, body: ANYANG_PROPOSAL_365.body });
  if (draft.status !== 201) return;
  const id = draft.body.id as string;
  let version = draft.body.version as number;
  for (const step of ['submit', 'start-review', 'file'] as const) {
    const user = step === 'submit' ? member : staff;
    const answer = await user.call('POST', `/api/proposals/${id}/${step}`, { version });
    if (answer.status !== 200) return;
    version = answer.body.version as number;
  }
  const assigned = await staff.call('POST', `/api/proposals/${id}/assignments`, { version, leadUnitId: c.unitIds.police });
  if (assigned.status !== 201) return;
  const assignment = (assigned.body.assignments as Array<{ id: string; version: number }>)[0];
  const accepted = await drafter.call('POST', `/api/assignments/${assignment.id}/accept`, { version: assignment.version });
  if (accepted.status !== 200) return;
  const reply = await drafter.call('POST', `/api/assignments/${assignment.id}/replies`, {
    body: '一、基本情况\n正文。\n二、下步打算\n继续办理。',
    grade: 'A',
    contactUnitId: c.unitIds['police-economic'],
    contacts: ANYANG_CONTACTS,
  });
  if (reply.status !== 201) return;
  const submitted = await drafter.call('POST', `/api/replies/${reply.body.id}/submit`, { version: reply.body.version });
  if (submitted.status !== 200) return;
  const signed = await leader.call('POST', `/api/replies/${reply.body.id}/sign-off`, { version: submitted.body.version, disclosure: 'full' });
  if (signed.status !== 200) return;
  await drafter.call('POST', `/api/replies/${reply.body.id}/dispatch`, { version: signed.body.version });
}

const SEARCHES = ['诈骗', '金融', '打击 诈骗', '压力测试', '提案'];

/** Reads and searches, as the people at their desks do. */
async function reader(users: Record<string, Client>, n: number): Promise<void> {
  const { member, staff, drafter } = users;
  const list = await staff.call('GET', '/api/proposals?limit=20');
  await staff.call('GET', `/api/proposals?q=${encodeURIComponent(SEARCHES[n % SEARCHES.length])}&limit=20`);
  await drafter.call('GET', '/api/assignments?limit=20');
  await member.call('GET', '/api/notifications?limit=20');
  const first = (list.body.items as Array<{ id: string }> | undefined)?.[0];
  if (first) await staff.call('GET', `/api/proposals/${first.id}`);
}

async function main(): Promise<void> {
  const environment = await benchEnvironment();
  const context = await NestFactory.createApplicationContext(ApiModule, { logger: false });
  const c = await createTestCommittee(context.get<DataSource>(getDataSourceToken()), context.get(OrgService));
  await context.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = start('api', { PORT: String(port) });
  const worker = start('worker', {});
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (i > 240) throw new Error('the API did not come up');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const session = async (): Promise<Record<string, Client>> => {
    const users: Record<string, Client> = {
      member: new Client(base, c.username('yuanyuan')),
      staff: new Client(base, c.username('anyang-staff')),
      drafter: new Client(base, c.username('chending')),
      leader: new Client(base, c.username('guochengji')),
    };
    for (const user of Object.values(users)) await user.login();
    return users;
  };

  console.log(`soak: ${MINUTES} min, ${USERS} virtual users (1 walking proposals through sign-off, ${USERS - 1} reading and searching), API pid ${api.pid}, worker pid ${worker.pid}`);
  console.log('   time  period                                                                   RSS API / worker (MB)   API: heap used/total, external (MB)');
  const started = Date.now();
  const endAt = started + MINUTES * 60_000;
  const report = setInterval(() => {
    const minutes = ((Date.now() - started) / 60_000).toFixed(1).padStart(5);
    console.log(`${minutes}m  ${summary(samples)}  ${rssMb(api.pid).padStart(5)} / ${rssMb(worker.pid).padEnd(5)}  ${heapMb('api')}`);
    samples = [];
  }, REPORT_MS);

  let proposalNo = 0;
  const virtualUser = async (index: number): Promise<void> => {
    let users = await session();
    let loggedInAt = Date.now();
    for (let n = 0; Date.now() < endAt; n += 1) {
      // Access tokens live 15 minutes: log in again every 10.
      if (Date.now() - loggedInAt > 10 * 60_000) {
        users = await session();
        loggedInAt = Date.now();
      }
      if (index === 0) await lifecycle(c, users, (proposalNo += 1));
      else await reader(users, n);
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, index) => virtualUser(index)));
  clearInterval(report);

  const [counts] = await (async () => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const result = await client.query(
      `SELECT (SELECT count(*)::int FROM proposals) AS proposals, (SELECT count(*)::int FROM replies WHERE dispatched_at IS NOT NULL) AS dispatched,
              (SELECT count(*)::int FROM notifications) AS notices`,
    );
    await client.end();
    return result.rows;
  })();
  console.log(`total  ${summary(allSamples)}  ${rssMb(api.pid).padStart(5)} / ${rssMb(worker.pid).padEnd(5)}  ${heapMb('api')}`);
  console.log(`written: ${counts.proposals} proposals, ${counts.dispatched} replies signed and dispatched, ${counts.notices} notices`);
  stopping = true;
  for (const child of [api, worker]) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  for (const script of ['api', 'worker']) rmSync(probeFile(script), { force: true });
  await environment.dispose();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
