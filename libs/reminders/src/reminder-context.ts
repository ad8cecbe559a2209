/**
 * What delivering a reminder needs to know of its deadline and of the proposers, as SQL from the libs
 * owning those rows (#18, owned reads): reminders sits below handling and feedback and names none of
 * their tables. Each is registered once, when the owning lib's index loads (as it is wherever deadlines
 * exist: the API, the worker and the data source list every lib's entities).
 */
export interface ReminderContextSql {
  /**
   * A SELECT with one row per deadline: `deadline_id`, `deadline_status`, `due_date` (YYYY-MM-DD), `kind`,
   * `assignment_id`, `assignment_status`, `unit_id`, `unit_name`, `proposal_id`, `number`, `title`,
   * `reminder_plan` (the session's), `supervisor_user_id` (handling).
   */
  deadlines?: string;
  /** The user ids (`user_id`) of proposal $1's proposers who still owe their feedback (feedback). */
  proposersToRemind?: string;
}

const registered: ReminderContextSql = {};

export function registerReminderContext(sql: ReminderContextSql): void {
  Object.assign(registered, sql);
}

export function reminderContextSql(part: keyof ReminderContextSql): string {
  const sql = registered[part];
  if (!sql) throw new Error(`reminders: no ${part} context registered (load the lib that owns it)`);
  return sql;
}
