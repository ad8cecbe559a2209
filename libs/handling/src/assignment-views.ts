import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '#app/auth';
import type { DeadlineKind, DueExplanation } from '#app/core';
import { innerJoinUnit } from '#app/org';
import { innerJoinProposal } from '#app/proposals';
import { Assignment, type AssignmentRole, type AssignmentStatus } from './assignment.entity.js';
import { visibleAssignments } from './handling.policy.js';

export type AssignmentSort = 'dueDate' | '-dueDate' | 'assignedAt' | '-assignedAt' | 'proposalNumber' | '-proposalNumber';

export interface ListAssignmentsQuery {
  status?: AssignmentStatus;
  unitId?: string;
  role?: AssignmentRole;
  proposalId?: string;
  key?: boolean;
  urgent?: boolean;
  sort?: AssignmentSort;
  limit: number;
  offset: number;
}

export interface AssignmentView {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  key: boolean;
  urgent: boolean;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  /** 1, raised by each 重新办理 */
  round: number;
  /** The deadline this assignment answers to: the reply (主办, 分办) or the co-unit opinion (会办). */
  dueKind: DeadlineKind;
  dueDate: string;
  dueExplanation: DueExplanation;
  /** The due date rests on the statutory holidays of a year whose schedule is not loaded yet (recomputed when it is). */
  provisional: boolean;
  dueStatus: string;
  assignedAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  version: number;
}

/** The order of each sort key (the columns of {@link assignmentQuery}). */
export const ASSIGNMENT_SORTS: Readonly<Record<AssignmentSort, [string, 'ASC' | 'DESC']>> = {
  dueDate: ['d.due_date', 'ASC'],
  '-dueDate': ['d.due_date', 'DESC'],
  assignedAt: ['a.assigned_at', 'ASC'],
  '-assignedAt': ['a.assigned_at', 'DESC'],
  proposalNumber: ['p.number', 'ASC'],
  '-proposalNumber': ['p.number', 'DESC'],
};

/**
 * `builder`, whose rows carry an assignment `a`, joined to its proposal (`p`) and unit (`u`) and limited
 * to what the actor may see; it selects what every view of an assignment's work names (proposal_id,
 * proposal_number, proposal_title, unit_id, unit_name, role) and `columns`.
 */
export function visibleAssignmentRows<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, actor: Actor, columns: string[]): SelectQueryBuilder<T> {
  const policy = visibleAssignments(actor);
  return innerJoinUnit(innerJoinProposal(builder, 'a.proposal_id', 'p'), 'a.unit_id', 'u')
    .select(['a.proposal_id AS proposal_id', 'p.number AS proposal_number', 'p.title AS proposal_title', 'a.unit_id AS unit_id', 'u.name AS unit_name', 'a.role AS role', ...columns])
    .where(policy.sql, policy.params);
}

/** Assignments the actor may see, with their proposal, unit and the deadline each answers to, as raw rows for {@link toAssignmentView}. */
export function assignmentQuery(manager: EntityManager, actor: Actor) {
  return visibleAssignmentRows(manager.getRepository(Assignment).createQueryBuilder('a'), actor, [
    'a.id AS id',
    'p.is_key AS key',
    'p.urgent AS urgent',
    'a.status AS status',
    'a.round AS round',
    'd.kind AS due_kind',
    "to_char(d.due_date, 'YYYY-MM-DD') AS due_date",
    'd.explanation AS due_explanation',
    'd.status AS due_status',
    'a.assigned_at AS assigned_at',
    'a.accepted_at AS accepted_at',
    'a.replied_at AS replied_at',
    'a.version AS version',
  ]).leftJoin('deadlines', 'd', "d.assignment_id = a.id AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)");
}

/** Views of assignments by id, in the order given (ids the actor may not see are left out). */
export async function assignmentViews(manager: EntityManager, actor: Actor, ids: string[]): Promise<AssignmentView[]> {
  if (ids.length === 0) return [];
  const rows = await assignmentQuery(manager, actor).andWhere('a.id = ANY(:ids::uuid[])', { ids }).getRawMany<RawAssignment>();
  return ids.flatMap((id) => rows.filter((row) => row.id === id).map(toAssignmentView));
}

export interface RawAssignment {
  id: string;
  proposal_id: string;
  proposal_number: number | null;
  proposal_title: string;
  key: boolean;
  urgent: boolean;
  unit_id: string;
  unit_name: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  round: number;
  due_kind: DeadlineKind;
  due_date: string;
  due_explanation: DueExplanation;
  due_status: string;
  assigned_at: Date;
  accepted_at: Date | null;
  replied_at: Date | null;
  version: number;
}

export const toAssignmentView = (row: RawAssignment): AssignmentView => ({
  id: row.id,
  proposalId: row.proposal_id,
  proposalNumber: row.proposal_number,
  proposalTitle: row.proposal_title,
  key: row.key,
  urgent: row.urgent,
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  status: row.status,
  round: row.round,
  dueKind: row.due_kind,
  dueDate: row.due_date,
  dueExplanation: row.due_explanation,
  provisional: row.due_explanation?.provisional === true,
  dueStatus: row.due_status,
  assignedAt: new Date(row.assigned_at).toISOString(),
  acceptedAt: row.accepted_at ? new Date(row.accepted_at).toISOString() : null,
  repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
  version: Number(row.version),
});
