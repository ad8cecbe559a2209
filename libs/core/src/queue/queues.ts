import type { JobsOptions } from 'bullmq';

/** Every BullMQ queue, its jobs and their payloads: the contract between the API and the worker. */
export const QUEUES = {
  reminders: 'reminders',
} as const;

export const JOBS = {
  /** Deliver one planned reminder (row in `reminders`) if it still applies. */
  reminder: 'reminder',
  /** Repeating: put a job back for every planned reminder (after Redis lost data, say). */
  rescheduleReminders: 'reschedule-reminders',
  /** Repeating: while next year's holiday schedule is missing, tell each committee's admins (once a year). */
  calendarCheck: 'calendar-check',
} as const;

/** The job scheduler id of {@link JOBS.rescheduleReminders}; upserted, so replicas never double it. */
export const RESCHEDULE_REMINDERS_SCHEDULER = 'reschedule-reminders';
export const RESCHEDULE_REMINDERS_EVERY_MS = 10 * 60_000;
/** How far ahead the rebuild looks: lost jobs are restored at least this long before they fire. */
export const RESCHEDULE_REMINDERS_HORIZON_MS = 24 * 3_600_000;
/** The job scheduler id of {@link JOBS.calendarCheck}, and how often it runs. */
export const CALENDAR_CHECK_SCHEDULER = 'calendar-check';
export const CALENDAR_CHECK_EVERY_MS = 6 * 3_600_000;

/** A job carries ids only; the handler reloads the state from PostgreSQL. */
export interface ReminderJob {
  reminderId: string;
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
};

/** Deterministic job id: the same reminder planned twice is one job (while it is still in Redis). */
export function reminderJobId(job: ReminderJob): string {
  return `reminder-${job.reminderId}`;
}
