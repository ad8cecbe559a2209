/*
 * The names handling writes into stored rows: the audit entries' entity (and the notices' subject
 * entity), and the notification kinds. Audit entries are append-only and hash-chained, and notices are
 * kept and read by kind: these values are stored as they are and must never change.
 */

/** `audit_entries.entity` (and `subject.entity` of a notice) for the records handling writes. */
export const HandlingEntity = {
  Assignment: 'assignment',
  Adjustment: 'adjustment',
  Extension: 'extension',
  Deadline: 'deadline',
} as const;
export type HandlingEntity = (typeof HandlingEntity)[keyof typeof HandlingEntity];

/** `notifications.kind` of the notices handling writes. */
export const HandlingNoticeKind = {
  AssignmentCreated: 'assignment.created',
  CountersignWaived: 'assignment.countersign-waived',
  AdjustmentRequested: 'adjustment.requested',
  AdjustmentDecided: 'adjustment.decided',
  ExtensionRequested: 'extension.requested',
  ExtensionApproved: 'extension.approved',
  ExtensionRejected: 'extension.rejected',
  DeadlineRecomputed: 'deadline.recomputed',
  ManualUrge: 'urge.manual',
} as const;
export type HandlingNoticeKind = (typeof HandlingNoticeKind)[keyof typeof HandlingNoticeKind];
