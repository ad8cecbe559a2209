/*
 * The names the org lib writes into stored rows: the audit entries' entity. Audit entries are
 * append-only and hash-chained: these values are stored as they are and must never change.
 */

/**
 * `audit_entries.entity` for the records org writes. Two spellings stand side by side (`code-table`
 * hyphenated, `calendar_day` and `calendar_year` underscored): both are stored that way, so neither may be unified.
 */
export const OrgEntity = {
  User: 'user',
  Unit: 'unit',
  Session: 'session',
  CodeTable: 'code-table',
  CalendarDay: 'calendar_day',
  /** the national holiday schedule of a year, replaced as a whole */
  CalendarYear: 'calendar_year',
} as const;
export type OrgEntity = (typeof OrgEntity)[keyof typeof OrgEntity];
