/*
 * The names the replies lib writes into stored rows: the audit entries' entity (and the notices'
 * subject entity), and the notification kinds. Audit entries are append-only and hash-chained, and
 * notices are kept and read by kind: these values are stored as they are and must never change.
 */

/**
 * `audit_entries.entity` (and `subject.entity` of a notice) for the records the replies lib writes.
 * A follow-up's entries are `follow_up` (underscore) while its audit action and notice kind are
 * `follow-up.recorded` (hyphen): both are stored that way, and the audit chain reads `follow_up` and
 * `follow-up` alike, so neither spelling may be unified.
 */
export const RepliesEntity = {
  Reply: 'reply',
  FollowUp: 'follow_up',
  /** a unit's reply templates are audited on the unit */
  Unit: 'unit',
  /** the subject of a follow-up's notice to the committee */
  Proposal: 'proposal',
} as const;
export type RepliesEntity = (typeof RepliesEntity)[keyof typeof RepliesEntity];

/** `notifications.kind` of the notices the replies lib writes. */
export const ReplyNoticeKind = {
  ReviewRequested: 'reply.review-requested',
  Returned: 'reply.returned',
  AwaitingSignOff: 'reply.awaiting-signoff',
  CommitteeChecked: 'reply.committee-checked',
  CoOpinionReceived: 'co-opinion.received',
  Received: 'reply.received',
  Copied: 'reply.copied',
  Commented: 'reply.commented',
  FollowUpRecorded: 'follow-up.recorded',
} as const;
export type ReplyNoticeKind = (typeof ReplyNoticeKind)[keyof typeof ReplyNoticeKind];
