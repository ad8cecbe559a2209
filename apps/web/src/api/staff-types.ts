/**
 * The shapes of the committee staff's and administrator's API calls (statistics, requests, review
 * decisions, administration), restated from /api/docs like types.ts: the app depends on the HTTP contract only.
 */
import type { Role } from './types';

export type FigureKind = 'count' | 'rate' | 'average' | 'max';
export type CountedThing = 'proposal' | 'assignment' | 'answer' | 'form' | 'member';

export interface FigureView {
  key: string;
  label: string;
  kind: FigureKind;
  of: CountedThing;
  /** The count whose rows the drill-down lists. */
  drill: string;
}

/** A rate is a fraction (0.5 = 50 %); averages and maxima are days; null when there is nothing to divide by. */
export type Figures = Record<string, number | null>;

export interface UnitLine {
  unitId: string;
  unitName: string;
  figures: Figures;
}

export interface StatisticsView {
  committeeId: string;
  committeeName: string;
  sessions: Array<{ id: string; name: string; year: number }>;
  sessionId: string | null;
  asOf: string;
  definitions: { summary: FigureView[]; unit: FigureView[] };
  summary: Figures | null;
  units: UnitLine[];
}

export interface DrillItem {
  proposalId: string | null;
  number: number | null;
  title: string | null;
  sessionName: string | null;
  status: string | null;
  unitId: string | null;
  unitName: string | null;
  role: string | null;
  date: string | null;
  daysToReply: number | null;
  onTime: boolean | null;
  dueDate: string | null;
  daysOverdue: number | null;
  grade: string | null;
  userId: string | null;
  userName: string | null;
  satisfaction: string | null;
  paperForm: boolean | null;
}

export interface DrillPage {
  figure: string;
  label: string;
  of: CountedThing;
  countOf: string;
  unitId: string | null;
  sessionId: string | null;
  asOf: string;
  total: number;
  limit: number;
  offset: number;
  items: DrillItem[];
}

export type RequestStatus = 'pending' | 'approved' | 'rejected';

export interface AdjustmentRequest {
  id: string;
  assignmentId: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  role: 'lead' | 'co' | 'separate';
  reason: string;
  suggestedUnitIds: string[];
  status: RequestStatus;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  newAssignmentId: string | null;
  version: number;
}

export interface ExtensionRequest {
  id: string;
  assignmentId: string;
  requestedDueDate: string;
  reason: string;
  status: RequestStatus;
  requestedByUserId: string;
  requestedAt: string;
  decidedByUserId: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

export type ReviewOutcome = 'filed' | 'merged' | 'to_opinion' | 'not_filed' | 'withdrawn';

export interface ReviewDecision {
  outcome: ReviewOutcome;
  reasonCode: string | null;
  reasonLabel: string | null;
  reasonText: string | null;
  targetProposalId: string | null;
  decidedByUserId: string;
  decidedAt: string;
}

/** 跟踪办理: a B/C reply revisited for its second result (GET /follow-ups), as staff and units read it. */
export interface FollowUp {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  replyId: string;
  replyDocNumber: string | null;
  firstGrade: string;
  dueDate: string;
  status: 'open' | 'done';
  overdue: boolean;
  resultGrade: string | null;
  resultText: string | null;
  recordedAt: string | null;
}

export type ConsultationOutcome = 'agreed' | 'explained' | 'disagreed';

export interface Consultation {
  id: string;
  proposalId: string;
  assignmentId: string;
  unitName: string;
  heldOn: string;
  place: string;
  participants: string;
  outcome: ConsultationOutcome;
  outcomeLabel: string;
  summary: string;
  createdAt: string;
}

export type DeadlineUnit = 'calendar_days' | 'working_days' | 'calendar_months';
export interface DeadlineRule {
  amount: number;
  unit: DeadlineUnit;
}
export const DEADLINE_RULES = ['replyDue', 'adjustmentWindow', 'coUnitOpinion', 'firstContact', 'feedbackWindow', 'rehandling', 'followUp'] as const;
export type DeadlineRuleName = (typeof DEADLINE_RULES)[number];

export interface AdminSession {
  id: string;
  name: string;
  term: number;
  meeting: number;
  year: number;
  plenaryStart: string;
  plenaryEnd: string;
  deadlineRules: Partial<Record<DeadlineRuleName, DeadlineRule>>;
  defaultCopyUnitIds: string[];
  version: number;
}

export interface AdminUnit {
  id: string;
  name: string;
  kind: 'handling' | 'office';
  parentId: string | null;
  docPrefix: string | null;
  workArea: string | null;
  remitKeywords: string[];
  version: number;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  memberships: Array<{ id: string; role: Role; unitId: string | null }>;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: 'national' | 'provisional' | 'committee';
}

/** A pasted 国务院办公厅 notice as the server read it. */
export interface HolidayNotice {
  year: number;
  source: string | null;
  holidays: Array<{ name: string; daysOff: string[]; workdays: string[] }>;
  days: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }>;
}

export type CodeTableName = 'not-filed-reason' | 'category' | 'reply-grade' | 'sector';
