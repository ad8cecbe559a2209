import type { JobsOptions } from 'bullmq';

/**
 * The queue contracts: every BullMQ queue, its job names, payloads, default options, job ids and job
 * schedulers, in one place and one naming style (`QUEUES.<queue>`, `JOBS.<job>`, `<Job>Job` payloads,
 * `<job>JobId()`, `<SCHEDULER>_SCHEDULER` with `<SCHEDULER>_EVERY_MS`). The contract between the API and
 * the worker. A job carries ids only; its handler reloads the state from PostgreSQL.
 */
export const QUEUES = {
  /** Reminders (rows in `reminders`), the rebuild of lost reminder jobs, the holiday-calendar check. */
  reminders: 'reminders',
  /** E-mail and SMS deliveries (rows in `notification_deliveries`); PostgreSQL holds each delivery and its retry plan. */
  deliveries: 'deliveries',
  /** The drain of the domain-event outbox (rows in `domain_events`). */
  events: 'events',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  /** Deliver one planned reminder (row in `reminders`) if it still applies. */
  reminder: 'reminder',
  /** Repeating: put a job back for every planned reminder (after Redis lost data, say). */
  rescheduleReminders: 'reschedule-reminders',
  /** Repeating: while next year's holiday schedule is missing, tell each committee's admins (once a year). */
  calendarCheck: 'calendar-check',
  /** Send one pending delivery through its channel, or record the failure and when to try again. */
  deliver: 'deliver',
  /** Repeating: add a `deliver` job for every pending delivery that is due. */
  dispatchDeliveries: 'dispatch-deliveries',
  /** Repeating: run the reactions of committed domain events no process has completed (crash, failure). */
  drainEvents: 'drain-events',
} as const;

/** The job scheduler id of {@link JOBS.rescheduleReminders}; upserted, so replicas never double it. */
export const RESCHEDULE_REMINDERS_SCHEDULER = 'reschedule-reminders';
export const RESCHEDULE_REMINDERS_EVERY_MS = 10 * 60_000;
/** How far ahead the rebuild looks: lost jobs are restored at least this long before they fire. */
export const RESCHEDULE_REMINDERS_HORIZON_MS = 24 * 3_600_000;
/** The job scheduler id of {@link JOBS.calendarCheck}, and how often it runs. */
export const CALENDAR_CHECK_SCHEDULER = 'calendar-check';
export const CALENDAR_CHECK_EVERY_MS = 6 * 3_600_000;
/** The job scheduler id of {@link JOBS.dispatchDeliveries}, and how often it runs. */
export const DISPATCH_DELIVERIES_SCHEDULER = 'dispatch-deliveries';
export const DISPATCH_DELIVERIES_EVERY_MS = 5_000;
/** The job scheduler id of {@link JOBS.drainEvents}, and how often it runs. */
export const DRAIN_EVENTS_SCHEDULER = 'drain-events';
export const DRAIN_EVENTS_EVERY_MS = 10_000;

/** The payload of {@link JOBS.reminder}. */
export interface ReminderJob {
  reminderId: string;
}

/** The payload of {@link JOBS.deliver}. */
export interface DeliveryJob {
  deliveryId: string;
}

/** A delivery is given up (`failed`) after this many failed sends. */
export const DELIVERY_MAX_ATTEMPTS = 8;
/** Wait before the 2nd send; doubled for every further failure (10 s, 20 s, 40 s … 21 min). */
export const DELIVERY_BACKOFF_MS = 10_000;

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
};

/**
 * Each queue's default job options. A failed send is not a failed delivery job: the handler records it on
 * the row (attempts, last error, next attempt) and the dispatcher queues the retry when it is due;
 * BullMQ's own retries only cover a handler that could not run (PostgreSQL unreachable, say).
 */
export const QUEUE_JOB_OPTIONS: Readonly<Record<QueueName, JobsOptions>> = {
  [QUEUES.reminders]: DEFAULT_JOB_OPTIONS,
  [QUEUES.deliveries]: { ...DEFAULT_JOB_OPTIONS, attempts: DELIVERY_MAX_ATTEMPTS, backoff: { type: 'exponential', delay: DELIVERY_BACKOFF_MS } },
  [QUEUES.events]: DEFAULT_JOB_OPTIONS,
};

/**
 * Options of the jobs a scheduler adds every few seconds: no history kept, it would crowd the queue's
 * own jobs out of the bounded lists.
 */
export const FREQUENT_SCHEDULED_JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: 100 };

/** Deterministic job id: the same reminder planned twice is one job (while it is still in Redis). */
export function reminderJobId(job: ReminderJob): string {
  return `reminder-${job.reminderId}`;
}

/** Deterministic job id: a delivery is queued at most once at a time (while its job is in Redis). */
export function deliveryJobId(job: DeliveryJob): string {
  return `delivery-${job.deliveryId}`;
}

/** When a delivery that has failed `attempts` times is tried again. */
export function nextDeliveryAttemptAt(failedAt: Date, attempts: number): Date {
  return new Date(failedAt.getTime() + DELIVERY_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}
