import type { EntityManager } from 'typeorm';
import { registerProposalChains } from '#app/audit';
import { publish } from '#app/core';
import { joinProposalSql, ProposalsChangedEvent, registerProposalSearchParts, registerProposalVisibility } from '#app/proposals';
import { registerReminderContext } from '#app/reminders';
import { joinSessionSql, joinUnitSql, unitNameSql } from '#app/org';

/*
 * What handling's tables add to the libs below it, which name no table of handling's (#18, owned reads):
 * loaded by handling's index, so wherever handling's records can exist.
 */

// Audit entries about an assignment, or a deadline, adjustment or extension request of one, chain to its proposal.
registerProposalChains({
  assignment: 'SELECT a.proposal_id::text FROM assignments a WHERE a.id = e.entity_id',
  deadline: 'SELECT a.proposal_id::text FROM deadlines d JOIN assignments a ON a.id = d.assignment_id WHERE d.id = e.entity_id',
  adjustment: 'SELECT a.proposal_id::text FROM adjustment_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = e.entity_id',
  extension: 'SELECT a.proposal_id::text FROM extension_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = e.entity_id',
});

// A unit also sees the proposals merged (并案) into one it handles.
registerProposalVisibility((actor) =>
  actor.handlingUnitIds.length > 0
    ? 'EXISTS (SELECT 1 FROM assignments a WHERE a.proposal_id = COALESCE(p.merged_into_id, p.id) AND a.unit_id = ANY(:policyUnitIds::uuid[]))'
    : null,
);

// A proposal is found by the units given it (those it was taken off by an adjustment left out).
registerProposalSearchParts(`SELECT a.proposal_id, 'unit', ${unitNameSql('a.unit_id')}, 2, bool_or(a.role = 'lead'), min(a.created_at)
    FROM assignments a WHERE a.proposal_id = ANY($1::uuid[]) AND a.status <> 'reassigned'
    GROUP BY a.proposal_id, a.unit_id`);

// A reminder is delivered only while its deadline is open, to the unit and by the session's plan.
registerReminderContext({
  deadlines: `SELECT d.id AS deadline_id, d.status AS deadline_status, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.kind,
                a.id AS assignment_id, a.status AS assignment_status, a.unit_id, u.name AS unit_name, a.proposal_id, p.number, p.title,
                s.reminder_plan, p.supervisor_user_id
         FROM deadlines d JOIN assignments a ON a.id = d.assignment_id ${joinUnitSql('a.unit_id', 'u')}
                    ${joinProposalSql('a.proposal_id', 'p')} ${joinSessionSql('p.session_id', 's')}`,
});

/** SQL condition on alias `p`: the proposal was given to a unit (and not only taken off one). */
export const ASSIGNED_PROPOSAL_SQL = "EXISTS (SELECT 1 FROM assignments a WHERE a.proposal_id = p.id AND a.status <> 'reassigned')";

/**
 * Publishes the change of every proposal a unit works on (the unit was renamed), in the renaming transaction,
 * so their search documents are recomputed, by the new name, once it commits (ADR 11, 17).
 */
export async function publishUnitProposalsChanged(manager: EntityManager, unitId: string): Promise<number> {
  const rows: Array<{ proposal_id: string; committee_id: string }> = await manager.query(
    `SELECT DISTINCT proposal_id, committee_id FROM assignments WHERE unit_id = $1 AND status <> 'reassigned'`,
    [unitId],
  );
  if (rows.length > 0) await publish(manager, ProposalsChangedEvent, rows[0].committee_id, { proposalIds: rows.map((row) => row.proposal_id), change: 'unit-renamed' });
  return rows.length;
}
