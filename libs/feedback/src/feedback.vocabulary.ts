/*
 * The names the feedback lib writes into stored rows: the audit entries' entity (and the notices'
 * subject entity), and the notification kinds. Audit entries are append-only and hash-chained, and
 * notices are kept and read by kind: these values are stored as they are and must never change.
 */

/** `audit_entries.entity` (and `subject.entity` of a notice) for the records the feedback lib writes. */
export const FeedbackEntity = {
  Feedback: 'feedback',
  Consultation: 'consultation',
  /** 重新办理, closing without feedback and reopening are audited on the proposal; every notice's subject */
  Proposal: 'proposal',
} as const;
export type FeedbackEntity = (typeof FeedbackEntity)[keyof typeof FeedbackEntity];

/** `notifications.kind` of the notices the feedback lib writes. */
export const FeedbackNoticeKind = {
  Submitted: 'feedback.submitted',
  WindowExtended: 'feedback.window-extended',
  Rehandling: 'proposal.rehandling',
  ConsultationRecorded: 'consultation.recorded',
  Reopened: 'proposal.reopened',
} as const;
export type FeedbackNoticeKind = (typeof FeedbackNoticeKind)[keyof typeof FeedbackNoticeKind];
