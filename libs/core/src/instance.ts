import { randomUUID } from 'node:crypto';

/**
 * This process's id among the replicas (8 hex digits, new at every start): sent as `X-Instance` on every
 * API answer and in `GET /api/health`, so an operator behind a load balancer can tell which process
 * answered. Random rather than host name and pid, so a public header reveals nothing about the machines;
 * each process logs it at start to map it to a host.
 */
export const INSTANCE_ID = randomUUID().slice(0, 8);

/** The line each process prints once it is ready (apps/api and apps/worker main.ts); whatever waits for a process matches these. */
export const startLine = {
  api: (port: number | string): string => `API instance ${INSTANCE_ID} (pid ${process.pid}) listening on http://localhost:${port}/api (docs: /api/docs)`,
  worker: (): string => `worker ${INSTANCE_ID} (pid ${process.pid}) started: processing reminders and e-mail/SMS deliveries`,
};
export const API_STARTED = /API instance ([0-9a-f]{8}) \(pid \d+\) listening on http/;
export const WORKER_STARTED = /worker ([0-9a-f]{8}) \(pid \d+\) started/;
