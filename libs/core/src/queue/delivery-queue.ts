import type { JobsOptions } from 'bullmq';

/**
 * The queue of e-mail and SMS deliveries (rows in `notification_deliveries`). PostgreSQL holds every
 * delivery and its retry plan; the queue only wakes the worker.
 */
export const DELIVERY_QUEUE = 'deliveries';

export const DELIVERY_JOBS = {
  /** Send one pending delivery through its channel, or record the failure and when to try again. */
  deliver: 'deliver',
  /** Repeating: add a `deliver` job for every pending delivery that is due. */
  dispatchDeliveries: 'dispatch-deliveries',
} as const;

/** The job scheduler id of {@link DELIVERY_JOBS.dispatchDeliveries}; upserted, so replicas never double it. */
export const DISPATCH_DELIVERIES_SCHEDULER = 'dispatch-deliveries';
export const DISPATCH_DELIVERIES_EVERY_MS = 5_000;

/** A delivery is given up (`failed`) after this many failed sends. */
export const DELIVERY_MAX_ATTEMPTS = 8;
/** Wait before the 2nd send; doubled for every further failure (10 s, 20 s, 40 s … 21 min). */
export const DELIVERY_BACKOFF_MS = 10_000;

/** A job carries ids only; the handler reloads the delivery from PostgreSQL. */
export interface DeliveryJob {
  deliveryId: string;
}

/**
 * A failed send is not a failed job: the handler records it on the row (attempts, last error, next
 * attempt) and the dispatcher queues the retry when it is due. BullMQ's own retries only cover a
 * handler that could not run (PostgreSQL unreachable, say).
 */
export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: DELIVERY_MAX_ATTEMPTS,
  backoff: { type: 'exponential', delay: DELIVERY_BACKOFF_MS },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
};

/** Deterministic job id: a delivery is queued at most once at a time (while its job is in Redis). */
export function deliveryJobId(job: DeliveryJob): string {
  return `delivery-${job.deliveryId}`;
}

/** When a delivery that has failed `attempts` times is tried again. */
export function nextDeliveryAttemptAt(failedAt: Date, attempts: number): Date {
  return new Date(failedAt.getTime() + DELIVERY_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}
