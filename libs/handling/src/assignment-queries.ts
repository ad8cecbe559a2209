import type { EntityManager } from 'typeorm';
import type { DeadlineKind } from '#app/core';
import { AssignmentStatus } from './assignment.entity.js';

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

/** `JOIN assignments <alias> ON <alias>.id = <assignmentId>` (with `on`, more conditions on the alias). */
export const joinAssignmentSql = (assignmentId: string, alias: string, on?: string): string =>
  `JOIN assignments ${alias} ON ${alias}.id = ${assignmentId}${on ? ` AND ${on}` : ''}`;

/** `LEFT JOIN deadlines <alias>`: the assignment's deadline of one kind, if any. */
export const leftJoinDeadlineSql = (assignmentId: string, kind: DeadlineKind, alias: string): string =>
  `LEFT JOIN deadlines ${alias} ON ${alias}.assignment_id = ${assignmentId} AND ${alias}.kind = '${kind}'`;
