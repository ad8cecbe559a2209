import type { DataSource } from 'typeorm';
import { appendAuditEntries } from '#app/audit';
import { publish, setSeriesStart } from '#app/core';
import { AssignmentRole, insertClosedAssignments } from '#app/handling';
import { type OrgActor, type OrgServices, type SessionInput, UnitKind } from '#app/org';
import { insertClosedProposals, proposalNumberSeries, ProposalsChangedEvent } from '#app/proposals';
import { HISTORY_PROPOSALS, HISTORY_UNITS, type HistoryProposal } from './demo-proposal-history.js';

export type HistorySession = Pick<SessionInput, 'name' | 'term' | 'meeting' | 'year' | 'plenaryStart' | 'plenaryEnd'>;

/** 政协十三届安阳市委员会三次会议 (2020): the session before the golden example's. */
export const ANYANG_HISTORY_SESSION: HistorySession = {
  name: '政协十三届安阳市委员会三次会议',
  term: 13,
  meeting: 3,
  year: 2020,
  plenaryStart: '2020-05-11',
  plenaryEnd: '2020-05-14',
};

/** Members who proposed in the earlier session (demo persons, invented). */
export const ANYANG_HISTORY_MEMBERS: ReadonlyArray<[username: string, displayName: string]> = [
  ['zhangming', '张明'],
  ['lihua', '李华'],
  ['wangjing', '王静'],
  ['liuqiang', '刘强'],
];

export interface ImportedHistory {
  sessionId: string;
  /** Unit id by history unit key. */
  unitIds: Record<string, string>;
  /** Proposal id by index in the history list. */
  proposalIds: string[];
}

/**
 * Brings a committee's earlier proposals over the way a committee's records from its previous system
 * would be: a past session whose proposals were filed, assigned (lead and co-units) and closed. The
 * units get their remit keywords (existing units of the same name are updated). No deadlines or
 * reminders are opened: it is history, read by similar-proposal search and unit recommendation.
 * The proposals are spread over the given members as lead proposers, in turn.
 */
export async function importProposalHistory(
  dataSource: DataSource,
  org: OrgServices,
  admin: OrgActor,
  proposerUserIds: readonly string[],
  session: HistorySession,
  proposals: readonly HistoryProposal[] = HISTORY_PROPOSALS,
): Promise<ImportedHistory> {
  const existing = new Map((await org.units.listUnits(admin.committeeId, UnitKind.Handling)).map((u) => [u.name, u]));
  const unitIds: Record<string, string> = {};
  for (const unit of HISTORY_UNITS) {
    const found = existing.get(unit.name);
    unitIds[unit.key] = found
      ? (await org.units.updateUnit(admin, found.id, found.version, { remitKeywords: unit.remit })).id
      : (await org.units.createUnit(admin, { name: unit.name, kind: UnitKind.Handling, docPrefix: unit.docPrefix, workArea: unit.workArea, remitKeywords: unit.remit })).id;
  }
  const created = await org.sessions.createSession(admin, session);
  const filedAt = new Date(`${session.plenaryEnd}T10:00:00+08:00`);
  const assignedAt = new Date(filedAt.getTime() + 30 * 86_400_000);
  const closedAt = new Date(filedAt.getTime() + 200 * 86_400_000);
  const proposalIds = await dataSource.transaction(async (manager) => {
    const ids = await insertClosedProposals(
      manager,
      { committeeId: admin.committeeId, sessionId: created.id, filedAt, closedAt },
      proposals.map(({ title, body, category }, i) => ({ title, body, category, leadUserId: proposerUserIds[i % proposerUserIds.length] })),
    );
    const assignments = proposals.flatMap((p, i) => [
      { proposal_id: ids[i], unit_id: unitIds[p.lead], role: AssignmentRole.Lead },
      ...p.co.map((key) => ({ proposal_id: ids[i], unit_id: unitIds[key], role: AssignmentRole.Co })),
    ]);
    await insertClosedAssignments(manager, { committeeId: admin.committeeId, assignedByUserId: admin.userId, assignedAt, closedAt }, assignments);
    await publish(manager, ProposalsChangedEvent, admin.committeeId, { proposalIds: ids, change: 'imported' });
    await setSeriesStart(manager, admin.committeeId, proposalNumberSeries(created.id), proposals.length);
    await appendAuditEntries(manager, [{
      committeeId: admin.committeeId,
      actorUserId: admin.userId,
      entity: 'session',
      entityId: created.id,
      action: 'history.imported',
      before: null,
      after: { session: session.name, proposals: proposals.length },
      at: closedAt,
    }]);
    return ids;
  });
  return { sessionId: created.id, unitIds, proposalIds };
}
