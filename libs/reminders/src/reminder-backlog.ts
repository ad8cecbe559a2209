/*
 * The reminders' backlog as SQL fragments for the health check (#18, owned reads: no other lib or app
 * names the reminders table). `at` is the SQL expression of the moment measured at.
 */

/** How many planned reminders are due at `at`. */
export const dueRemindersSql = (at: string): string => `(SELECT count(*)::int FROM reminders WHERE status = 'planned' AND fire_at <= ${at})`;

/** How many seconds the oldest planned reminder due at `at` is late (null when none is). */
export const oldestDueReminderSecondsSql = (at: string): string =>
  `(SELECT extract(epoch FROM ${at}::timestamptz - min(fire_at))::int FROM reminders WHERE status = 'planned' AND fire_at <= ${at})`;
