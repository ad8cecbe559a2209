import { type ChildProcess, spawn } from 'node:child_process';
import { WORKER_STARTED } from '#app/core';
import { freePort } from '#app/testing';
import { until } from './wait.js';

/**
 * The built API and worker (dist/) as real processes, for the specs about several replicas and faults.
 * Each inherits the run's environment (test database, Redis, prefix) plus what the caller overrides.
 */
export interface Spawned {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}


export function spawnBuilt(script: 'api' | 'worker', env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [`dist/apps/${script}/src/main.js`], {
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => text };
}

/** An API process on a free port, once its health check answers 200; `url` ends without a slash. */
export async function startApi(env: Record<string, string> = {}): Promise<Spawned & { url: string; instance: string }> {
  const port = await freePort();
  // No built web app: these specs call only /api.
  const spawned = spawnBuilt('api', { PORT: String(port), WEB_DIR: '/nonexistent-web-dir', ...env });
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
export async function startWorker(env: Record<string, string> = {}): Promise<Spawned & { instance: string }> {
  const spawned = spawnBuilt('worker', env);
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
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
