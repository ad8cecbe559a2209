import { defineEvent } from '#app/core';

/**
 * Reminders were planned (rows written) for some deadlines; after commit each gets its delayed job. Lists
 * only those whose job was not already added while they were planned (ADR 4).
 */
export interface RemindersPlanned {
  reminders: Array<{ id: string; fireAt: string }>;
}
export const RemindersPlannedEvent = defineEvent<RemindersPlanned>('reminders.planned');
