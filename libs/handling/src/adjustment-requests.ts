import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '#app/audit';
import type { Actor } from '#app/auth';
import { DomainError } from '#app/core';
import { Unit, UnitKind, unitsOfKind } from '#app/org';
import { AdjustmentRequest, type AdjustmentStatus } from './adjustment-request.entity.js';
import type { AssignmentRole } from './assignment.entity.js';
import { visibleAssignmentRows } from './assignment-views.js';
import { HandlingEntity } from './handling.vocabulary.js';

export interface AdjustmentView {
  id: string;
  assignmentId: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  reason: string;
  suggestedUnitIds: string[];
  status: AdjustmentStatus;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  newAssignmentId: string | null;
  version: number;
}

export interface ListAdjustmentsQuery {
  status?: AdjustmentStatus;
  assignmentId?: string;
  sort?: 'requestedAt' | '-requestedAt';
  limit: number;
  offset: number;
}

/** An adjustment request the actor may see, or 404. */
export async function adjustmentView(manager: EntityManager, actor: Actor, id: string): Promise<AdjustmentView> {
  const [view] = await adjustmentQuery(manager, actor).andWhere('r.id = :id', { id }).getRawMany<RawAdjustment>();
  if (!view) throw DomainError.notFound('Adjustment', id);
  return toAdjustmentView(view);
}

/** The handling units (承办单位) of the committee with these ids, or a 400 naming the field. */
export async function requireHandlingUnits(manager: EntityManager, committeeId: string, ids: string[], field: string): Promise<Unit[]> {
  if (ids.length === 0) return [];
  const units = await unitsOfKind(manager, committeeId, ids, UnitKind.Handling);
  if (units.length !== new Set(ids).size) throw DomainError.invalidField(field, `${field} must be handling units (承办单位) of your committee`);
  return units;
}

/** The audit entry of a step of an adjustment request. */
export function adjustmentAuditEntry(actor: Actor, request: AdjustmentRequest, action: string, before: object | null, after: object, at: Date): AuditRecord {
return {
    committeeId: request.committeeId,
    actorUserId: actor.userId,
    entity: HandlingEntity.Adjustment,
    entityId: request.id,
    action,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown>,
    at,
  };
}

/** Adjustment requests on the assignments the actor may see, as raw rows for {@link toAdjustmentView}. */
export function adjustmentQuery(manager: EntityManager, actor: Actor) {
  return visibleAssignmentRows(manager.getRepository(AdjustmentRequest).createQueryBuilder('r').innerJoin('assignments', 'a', 'a.id = r.assignment_id'), actor, [
    'r.id AS id',
    'r.assignment_id AS assignment_id',
    'r.reason AS reason',
    'r.suggested_unit_ids AS suggested_unit_ids',
    'r.status AS status',
    'r.requested_at AS requested_at',
    'r.decided_at AS decided_at',
    'r.decision_note AS decision_note',
    'r.new_assignment_id AS new_assignment_id',
    'r.version AS version',
  ]);
}

export interface RawAdjustment {
  id: string;
  assignment_id: string;
  proposal_id: string;
  proposal_number: number | null;
  proposal_title: string;
  unit_id: string;
  unit_name: string;
  role: AssignmentRole;
  reason: string;
  suggested_unit_ids: string[];
  status: AdjustmentStatus;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  new_assignment_id: string | null;
  version: number;
}

export const toAdjustmentView = (row: RawAdjustment): AdjustmentView => ({
  id: row.id,
  assignmentId: row.assignment_id,
  proposalId: row.proposal_id,
  proposalNumber: row.proposal_number,
  proposalTitle: row.proposal_title,
  unitId: row.unit_id,
  unitName: row.unit_name,
  role: row.role,
  reason: row.reason,
  suggestedUnitIds: row.suggested_unit_ids,
  status: row.status,
  requestedAt: new Date(row.requested_at).toISOString(),
  decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  decisionNote: row.decision_note,
  newAssignmentId: row.new_assignment_id,
  version: Number(row.version),
});
