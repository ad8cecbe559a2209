import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { type CellText, ImportKind, type ImportsService, buildImportWorkbook } from '#app/imports';
import { type OrgActor, type OrgServices, type SessionInput, UnitKind } from '#app/org';
import { proposalsSql } from '#app/proposals';
import { HISTORY_PROPOSALS, HISTORY_UNITS, type HistoryProposal } from './demo-proposal-history.js';
import { seedPath } from './seed-texts.js';

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

/** The committed workbooks the demo loads (made from demo-proposal-history.ts by `scripts/demo-workbooks.ts`). */
export const ANYANG_UNITS_WORKBOOK = 'anyang-units.xlsx';
export const ANYANG_HISTORY_WORKBOOK = 'anyang-history-2020.xlsx';

export interface ImportedHistory {
  sessionId: string;
  /** Unit id by history unit key. */
  unitIds: Record<string, string>;
  /** Proposal id by index in the history list. */
  proposalIds: string[];
}

const DAY = 86_400_000;
const plusDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The units of the demo city in the units template's shape. */
export function historyUnitRows(): Array<Record<string, CellText>> {
  return HISTORY_UNITS.map((unit) => ({ name: unit.name, kind: '承办单位', parent: null, docPrefix: unit.docPrefix, workArea: unit.workArea, remit: unit.remit.join('、'), contacts: null }));
}

/**
 * Past proposals in the history template's shape: numbered in list order, spread over the lead
 * proposers in turn, filed at the end of the plenary, assigned 30 days and closed 200 days later.
 */
export function historyProposalRows(session: HistorySession, leadUsernames: readonly string[], proposals: readonly HistoryProposal[] = HISTORY_PROPOSALS): Array<Record<string, CellText>> {
  const unitName = new Map(HISTORY_UNITS.map((unit) => [unit.key, unit.name]));
  const filedOn = session.plenaryEnd;
  return proposals.map((p, i) => ({
    session: session.name,
    number: i + 1,
    title: p.title,
    category: p.category,
    lead: leadUsernames[i % leadUsernames.length],
    cosigners: null,
    body: p.body,
    filedOn,
    leadUnit: unitName.get(p.lead) as string,
    coUnits: p.co.map((key) => unitName.get(key) as string).join('、') || null,
    assignedOn: plusDays(filedOn, 30),
    repliedOn: null,
    grade: null,
    satisfaction: null,
    closedOn: plusDays(filedOn, 200),
  }));
}

/**
 * Brings a committee's earlier proposals over the way a committee's records from its previous system
 * come: through the import (#21), from workbooks in the templates' shape. The units get their remit
 * keywords (existing units of the same name are updated); a past session is created and its proposals
 * imported filed, assigned (lead and co-units) and closed. Without `proposals`, the committed workbooks
 * of the Anyang demo are loaded (their lead proposers are ANYANG_HISTORY_MEMBERS); with them, workbooks
 * are made from the list, its proposals spread over the given members as lead proposers, in turn.
 */
export async function importProposalHistory(
  { imports, dataSource, org }: { imports: ImportsService; dataSource: DataSource; org: OrgServices },
  admin: OrgActor,
  proposerUserIds: readonly string[],
  session: HistorySession,
  proposals?: readonly HistoryProposal[],
): Promise<ImportedHistory> {
  const users = new Map((await org.users.listUsers(admin.committeeId)).map((user) => [user.id, user.username]));
  const unitsFile = proposals ? await buildImportWorkbook(ImportKind.Units, historyUnitRows()) : readFileSync(seedPath(ANYANG_UNITS_WORKBOOK));
  await imports.confirm(admin, ImportKind.Units, unitsFile);
  const created = await org.sessions.createSession(admin, session);
  const leads = proposerUserIds.map((id) => users.get(id) as string);
  const historyFile = proposals ? await buildImportWorkbook(ImportKind.History, historyProposalRows(session, leads, proposals)) : readFileSync(seedPath(ANYANG_HISTORY_WORKBOOK));
  const report = await imports.confirm(admin, ImportKind.History, historyFile);
  const units = new Map((await org.units.listUnits(admin.committeeId, UnitKind.Handling)).map((unit) => [unit.name, unit.id]));
  if (report.created !== (proposals ?? HISTORY_PROPOSALS).length) throw new Error(`history import created ${report.created} proposals`);
  const rows: Array<{ id: string; number: number }> = await dataSource.query(`SELECT p.id, p.number FROM ${proposalsSql('p')} WHERE p.session_id = $1`, [created.id]);
  const byNumber = new Map(rows.map((row) => [row.number, row.id]));
  return {
    sessionId: created.id,
    unitIds: Object.fromEntries(HISTORY_UNITS.map((unit) => [unit.key, units.get(unit.name) as string])),
    proposalIds: Array.from({ length: (proposals ?? HISTORY_PROPOSALS).length }, (_, i) => byNumber.get(i + 1) as string),
  };
}
