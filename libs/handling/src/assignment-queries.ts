import type { EntityManager } from 'typeorm';
import type { DeadlineKind } from '#app/core';
import { type AssignmentRole, AssignmentStatus } from './assignment.entity.js';

/*
 * What the libs above handling read of assignments and deadlines (#18, owned reads: no other lib names
 * a handling table; docs/architecture.md, "Owned tables").
 */

/** A proposal's assignments in one status (with `repliedOnly`, only those that had answered): ids and units. */
export function assignmentsInStatus(
  manager: EntityManager,
  proposalId: string,
  status: AssignmentStatus,
  repliedOnly = false,
): Promise<Array<{ id: string; unit_id: string }>> {
  return manager.query(`SELECT id, unit_id FROM assignments WHERE proposal_id = $1 AND status = $2${repliedOnly ? ' AND replied_at IS NOT NULL' : ''}`, [
    proposalId,
    status,
  ]);
}

/** The due date (YYYY-MM-DD) an assignment's answer is held to: the co-unit's opinion deadline, else the reply deadline; null when it has none. */
export async function governingDueDate(manager: EntityManager, assignmentId: string): Promise<string | null> {
  const [governing]: Array<{ due_date: string }> = await manager.query(
    `SELECT to_char(d.due_date, 'YYYY-MM-DD') AS due_date FROM deadlines d JOIN assignments a ON a.id = d.assignment_id
     WHERE a.id = $1 AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)`,
    [assignmentId],
  );
  return governing?.due_date ?? null;
}

/**
 * Inserts the closed assignments of imported past proposals (the demo's history; #18: the import names
 * no handling table), one statement. Unaudited: the caller records the import in the same transaction.
 */
export async function insertClosedAssignments(
  manager: EntityManager,
  target: { committeeId: string; assignedByUserId: string; assignedAt: Date; closedAt: Date },
  assignments: ReadonlyArray<{ proposal_id: string; unit_id: string; role: AssignmentRole }>,
): Promise<void> {
  await manager.query(
    `INSERT INTO assignments (committee_id, proposal_id, unit_id, role, status, assigned_by_user_id, assigned_at, accepted_at, replied_at)
     SELECT $1, t.proposal_id, t.unit_id, t.role, $2, $3, $4, $4, $5 FROM jsonb_to_recordset($6::jsonb) AS t(proposal_id uuid, unit_id uuid, role text)`,
    [target.committeeId, AssignmentStatus.Closed, target.assignedByUserId, target.assignedAt, target.closedAt, JSON.stringify(assignments)],
  );
}

/** `JOIN assignments <alias> ON <alias>.id = <assignmentId>` (with `on`, more conditions on the alias). */
export const joinAssignmentSql = (assignmentId: string, alias: string, on?: string): string =>
  `JOIN assignments ${alias} ON ${alias}.id = ${assignmentId}${on ? ` AND ${on}` : ''}`;

/** `LEFT JOIN deadlines <alias>`: the assignment's deadline of one kind, if any. */
export const leftJoinDeadlineSql = (assignmentId: string, kind: DeadlineKind, alias: string): string =>
  `LEFT JOIN deadlines ${alias} ON ${alias}.assignment_id = ${assignmentId} AND ${alias}.kind = '${kind}'`;
