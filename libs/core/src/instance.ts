import { randomUUID } from 'node:crypto';

/**
 * This process's id among the replicas (8 hex digits, new at every start): sent as `X-Instance` on every
 * API answer and in `GET /api/health`, so an operator behind a load balancer can tell which process
 * answered. Random rather than host name and pid, so a public header reveals nothing about the machines;
 * each process logs it at start to map it to a host.
 */
export const INSTANCE_ID = randomUUID().slice(0, 8);
