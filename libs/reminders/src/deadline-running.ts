import type { DeadlineKind } from '#app/core';

/** What delivery knows of a reminder's deadline when it decides whether the reminder still applies. */
export interface DeadlineState {
  /** null when the deadline is gone */
  deadlineStatus: string | null;
  kind: DeadlineKind;
  assignmentStatus: string | null;
}

/**
 * Whether a deadline still runs, so that its reminders apply: the rule of the lib that owns deadlines
 * and assignments (handling). Reminders sits below handling and may not import its statuses, so handling
 * registers its rule when its index loads, as it does wherever deadlines exist (the API, the worker,
 * and every data source, which lists handling's entities).
 */
export type DeadlineRunning = (state: DeadlineState) => boolean;

let registered: DeadlineRunning | undefined;

export function registerDeadlineRunning(rule: DeadlineRunning): void {
  registered = rule;
}

/** The owner's answer; throws when no rule is registered (nothing would ever be sent otherwise, silently). */
export function deadlineRuns(state: DeadlineState): boolean {
  if (!registered) throw new Error('reminders: no deadline rule registered (load #app/handling, which owns deadlines)');
  return registered(state);
}
