/**
 * The shapes of the API the member's, units', offices' and inbox screens read beyond the first slice
 * (see /api/docs): co-signing, members, requests about an assignment, the 会签 gate, reply versions,
 * follow-ups and search highlights.
 */

export type InvitationStatus = 'invited' | 'accepted' | 'declined';

export interface Invitation {
  id: string;
  proposalId: string;
  proposalTitle: string;
  cosignDeadline: string | null;
  userId: string;
  displayName: string;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
}

export interface Member {
  id: string;
  displayName: string;
}

/** A passage of a search hit: HTML-escaped by the API, each match in `<mark>`. */
export interface Highlight {
  field: string;
  text: string;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected';

export interface Extension {
  id: string;
  assignmentId: string;
  requestedDueDate: string;
  reason: string;
  status: RequestStatus;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface Adjustment {
  id: string;
  assignmentId: string;
  reason: string;
  status: RequestStatus;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface DeadlineEvent {
  kind: string;
  fromDate: string | null;
  toDate: string | null;
  reason: string | null;
  at: string;
}

export interface Countersign {
  complete: boolean;
  units: Array<{ assignmentId: string; unitId: string; unitName: string; state: 'received' | 'pending' | 'waived'; opinionReplyId: string | null; receivedAt: string | null }>;
}

export interface VersionSummary {
  seq: number;
  authorUserId: string;
  authorName: string;
  grade: string | null;
  bodyLength: number;
  comments: number;
  createdAt: string;
  latest: boolean;
}

export interface VersionComment {
  id: string;
  authorUserId: string;
  authorName: string;
  text: string;
  quote: string | null;
  createdAt: string;
}

export interface VersionDetail extends VersionSummary {
  body: string;
  commentList: VersionComment[];
}

export interface FollowUp {
  id: string;
  proposalId: string;
  unitName: string;
  replyId: string;
  replyDocNumber: string | null;
  firstGrade: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  resultGrade: string | null;
  resultText: string | null;
}
