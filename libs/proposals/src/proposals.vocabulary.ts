/*
 * The names the proposals lib writes into stored rows: the audit entries' entity (and the notices'
 * subject entity), and the notification kinds. Audit entries are append-only and hash-chained, and
 * notices are kept and read by kind: these values are stored as they are and must never change.
 */

/** `audit_entries.entity` (and `subject.entity` of a notice) for the records the proposals lib writes. */
export const ProposalsEntity = {
  /** the proposal itself, its co-signing, attachments and settings alike */
  Proposal: 'proposal',
} as const;
export type ProposalsEntity = (typeof ProposalsEntity)[keyof typeof ProposalsEntity];

/** `notifications.kind` of the notices the proposals lib writes. */
export const ProposalNoticeKind = {
  Filed: 'proposal.filed',
  Merged: 'proposal.merged',
  ToOpinion: 'proposal.to-opinion',
  NotFiled: 'proposal.not-filed',
  Withdrawn: 'proposal.withdrawn',
  CosignInvited: 'cosign.invited',
  CosignAccepted: 'cosign.accepted',
  CosignDeclined: 'cosign.declined',
} as const;
export type ProposalNoticeKind = (typeof ProposalNoticeKind)[keyof typeof ProposalNoticeKind];
