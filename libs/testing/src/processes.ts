import { type ChildProcess, spawn } from 'node:child_process';
import { WORKER_STARTED } from '#app/core';
import { freePort } from './free-port.js';
import { until } from './until.js';

/**
 * The built API and worker (dist/) as real processes: for the specs about several replicas, faults and
 * start-up hygiene, and for the benchmarks. Each inherits the caller's environment (database, Redis,
 * prefix) with logging silenced unless `env` says otherwise, plus what the caller overrides.
 */
export interface Spawned {
  child: ChildProcess;
  /** What the process printed so far (stdout and stderr; the last `keepChars` of it). */
  output(): string;
  /** Its exit code, or the signal that ended it, once it has ended. */
  exited: Promise<number | string | null>;
}

export interface SpawnOptions {
  /** Node's own flags before the script (`--max-old-space-size=512`, `--cpu-prof`, `--import …`). */
  nodeFlags?: readonly string[];
  /** How much of the output to keep (default the last 20,000 characters; Infinity for all of it). */
  keepChars?: number;
  /** Pass stderr through to this process's (a benchmark's console) instead of keeping it. */
  inheritStderr?: boolean;
}

export function spawnBuilt(script: 'api' | 'worker', env: Record<string, string> = {}, options: SpawnOptions = {}): Spawned {
  const keepChars = options.keepChars ?? 20_000;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), `dist/apps/${script}/src/main.js`], {
    // eslint-disable-next-line no-restricted-syntax -- a child process inherits this one's environment, as a shell would pass it on
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', options.inheritStderr ? 'inherit' : 'pipe'],
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    const next = text + chunk.toString('utf8');
    text = next.length > keepChars ? next.slice(next.length - keepChars) : next;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => text, exited };
}

/** An API process on a free port, once its health check answers 200; `url` ends without a slash. */
export async function startApi(env: Record<string, string> = {}, options: SpawnOptions = {}): Promise<Spawned & { url: string; instance: string }> {
  const port = await freePort();
  // No built web app: the callers use only /api.
  const spawned = spawnBuilt('api', { PORT: String(port), WEB_DIR: '/nonexistent-web-dir', ...env }, options);
  const url = `http://127.0.0.1:${port}`;
  const instance = await until(
    async () => {
      if (spawned.child.exitCode !== null) throw new Error(`API exited with ${spawned.child.exitCode}: ${spawned.output()}`);
      const response = await fetch(`${url}/api/health`).catch(() => null);
      return response?.status === 200 ? ((await response.json()) as { instance: string }).instance : undefined;
    },
    `the API on port ${port}`,
    60_000,
    250,
  );
  return { ...spawned, url, instance };
}

/** A worker process, once it has started (its start line names its instance id). */
export async function startWorker(env: Record<string, string> = {}, options: SpawnOptions = {}): Promise<Spawned & { instance: string }> {
  const spawned = spawnBuilt('worker', env, options);
  const instance = await until(
    async () => {
      if (spawned.child.exitCode !== null) throw new Error(`worker exited with ${spawned.child.exitCode}: ${spawned.output()}`);
      return WORKER_STARTED.exec(spawned.output())?.[1];
    },
    'the worker to start',
    60_000,
    100,
  );
  return { ...spawned, instance };
}

/**
 * Stops a process: SIGTERM (graceful shutdown) and, if it is still there after `graceMs`, SIGKILL.
 * Returns how it ended: its exit code, or the signal that ended it (Nest's shutdown hooks close
 * everything, then end the process by the signal it received: `SIGTERM` means a graceful stop).
 */
export async function stop(spawned: Spawned, graceMs = 10_000): Promise<number | string | null> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await spawned.exited;
  clearTimeout(timer);
  return code;
}
