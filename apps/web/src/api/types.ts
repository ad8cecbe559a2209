/**
 * The shapes of the public API this app reads (see /api/docs). Written out here rather than imported from
 * the server's libs: the browser app depends on the HTTP contract only, never on server code.
 */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export type Role = 'member' | 'staff' | 'drafter' | 'leader' | 'office' | 'admin';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  memberships: Array<{ committeeId: string; role: Role; unitId: string | null }>;
}

export interface PublicCommittee {
  id: string;
  name: string;
  published: number;
}

export type ProposalStatus =
  | 'draft'
  | 'cosigning'
  | 'submitted'
  | 'under_review'
  | 'filed'
  | 'assigned'
  | 'in_handling'
  | 'replied'
  | 'closed'
  | 'merged'
  | 'to_opinion'
  | 'not_filed'
  | 'withdrawn'
  | 'rehandling';

export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  'draft',
  'cosigning',
  'submitted',
  'under_review',
  'filed',
  'assigned',
  'in_handling',
  'replied',
  'closed',
  'merged',
  'to_opinion',
  'not_filed',
  'withdrawn',
  'rehandling',
];

export interface Proposal {
  id: string;
  sessionId: string;
  sessionName: string;
  number: number | null;
  kind: 'plenary' | 'interim' | null;
  title: string;
  body: string;
  analysis: string | null;
  suggestions: string | null;
  category: string | null;
  suggestedUnitIds: string[];
  status: ProposalStatus;
  key: boolean;
  urgent: boolean;
  proposers: Array<{ userId: string; displayName: string; role: 'lead' | 'cosigner'; viaProposalId: string | null }>;
  submittedAt: string | null;
  filedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface SimilarProposal {
  id: string;
  number: number | null;
  sessionName: string;
  title: string;
  status: ProposalStatus;
  similarity: number;
}

export interface UnitSuggestion {
  unitId: string;
  unitName: string;
  score: number;
  reasons: string[];
}

export interface Recommendation {
  lead: UnitSuggestion[];
  co: UnitSuggestion[];
  neighbours: SimilarProposal[];
}

export interface Session {
  id: string;
  name: string;
  year: number;
  plenaryStart: string;
  plenaryEnd: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: 'handling' | 'office';
  parentId: string | null;
}

export interface Code {
  code: string;
  label: string;
}

export interface Attachment {
  id: string;
  proposalId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export type AssignmentStatus = 'assigned' | 'accepted' | 'replied' | 'closed' | 'reassigned';

export interface DueExplanation {
  rule: string;
  start: string;
  amount: number;
  unit: 'calendar_days' | 'working_days' | 'calendar_months' | 'given';
  due: string;
  steps?: string[];
  /** Counted through a year whose holiday schedule is not loaded yet: recomputed when it is. */
  provisional?: true;
}

/** Whether next year's holiday schedule is loaded (GET /calendar/status). */
export interface CalendarStatus {
  year: number;
  loaded: boolean;
  provisionalYears: number[];
  warning: boolean;
  message: string | null;
}

export interface Assignment {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  key: boolean;
  urgent: boolean;
  unitId: string;
  unitName: string;
  role: 'lead' | 'co' | 'separate';
  status: AssignmentStatus;
  round: number;
  dueKind: string;
  dueDate: string;
  dueExplanation: DueExplanation;
  dueStatus: string;
  assignedAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  version: number;
}

export interface Deadline {
  kind: string;
  status: string;
  startDate: string;
  dueDate: string;
  explanation: DueExplanation;
}

export interface AssignResult {
  proposalId: string;
  assignments: Assignment[];
}

export type AssignmentDetail = Assignment & { deadlines: Deadline[] };

export type ReplyStatus = 'drafting' | 'in_review' | 'awaiting_signoff' | 'signed' | 'dispatched';
export type Disclosure = 'full' | 'summary' | 'none';

export interface ReplyContact {
  name: string;
  phone: string;
}

export interface ReplyDocument {
  docNumber: string | null;
  signer: string | null;
  grade: string | null;
  issuingUnit: string;
  title: string;
  addressee: string;
  opening: string;
  body: string;
  contactUnit: string | null;
  contacts: ReplyContact[];
  copies: string[];
  date: string | null;
}

export interface Reply {
  id: string;
  proposalId: string;
  assignmentId: string;
  unitId: string;
  kind: 'answer' | 'separate_answer' | 'co_opinion';
  round: number;
  status: ReplyStatus;
  grade: string | null;
  contactUnitId: string | null;
  contacts: ReplyContact[];
  copyUnitIds: string[];
  returnReason: string | null;
  disclosure: Disclosure | null;
  disclosureNote: string | null;
  signedAt: string | null;
  dispatchedAt: string | null;
  versionCount: number;
  signedDocument: { sha256: string; bytes: number } | null;
  document: ReplyDocument;
  text: string;
  version: number;
}

export interface ReplyDiff {
  from: number;
  to: number;
  body: Array<{ op: 'equal' | 'delete' | 'insert'; lines: string[] }>;
  fields: Array<{ field: 'grade' | 'contactUnitId' | 'contacts'; from: unknown; to: unknown }>;
}

export interface Grade {
  code: string;
  meaning: string;
}

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type ContactMethod = 'face_to_face' | 'phone' | 'letter' | 'other';

export interface Feedback {
  id: string;
  proposerUserId: string;
  satisfaction: Satisfaction;
  attitudeSatisfaction: Satisfaction | null;
  contacted: boolean;
  contactMethod: ContactMethod | null;
  answered: boolean;
  comments: string | null;
  createdAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  subject: { entity: string; id: string };
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  items: Notification[];
  total: number;
  unread: number;
}

export interface PublishedReply {
  id: string;
  committee: string;
  session: string;
  proposalNumber: number | null;
  proposalTitle: string;
  title: string;
  issuingUnit: string;
  docNumber: string | null;
  date: string | null;
  disclosure: 'full' | 'summary';
  summary: string | null;
  text: string | null;
  sha256: string | null;
}

/** The body of every API error. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: Array<{ field: string; problems: string[] }>; missing?: string[]; [key: string]: unknown };
}
