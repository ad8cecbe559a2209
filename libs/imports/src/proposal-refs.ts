import { Role, UnitKind } from '#app/org';
import { ProposerRole } from '#app/proposals';
import { type ImportKind, splitList } from './import-kinds.js';
import { header, type ImportScope, type Problems, text } from './import-scope.js';
import type { SheetRow } from './import-workbook.js';

export interface SessionRef {
  id: string;
  plenary_start: string;
  plenary_end: string;
}

/** What the proposal rows name, looked up once for the whole file: sessions, members, handling units. */
export interface ProposalRefs {
  sessions: Map<string, SessionRef>;
  members: Map<string, string>;
  units: Map<string, string>;
}

export async function loadProposalRefs(scope: ImportScope, rows: readonly SheetRow[]): Promise<ProposalRefs> {
  const sessions: Array<SessionRef & { name: string }> = await scope.manager.query(
    `SELECT id, name, to_char(plenary_start, 'YYYY-MM-DD') AS plenary_start, to_char(plenary_end, 'YYYY-MM-DD') AS plenary_end FROM cppcc_sessions WHERE committee_id = $1`,
    [scope.committeeId],
  );
  const usernames = [...new Set(rows.flatMap((row) => [text(row, 'lead'), ...splitList(text(row, 'cosigners') ?? '')]).filter((u): u is string => u !== null))];
  const members: Array<{ id: string; username: string }> = await scope.manager.query(
    `SELECT DISTINCT u.id, u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.committee_id = $1 AND m.role = $2 AND u.username = ANY($3::varchar[])`,
    [scope.committeeId, Role.Member, usernames],
  );
  const units: Array<{ id: string; name: string }> = await scope.manager.query('SELECT id, name FROM units WHERE committee_id = $1 AND kind = $2', [scope.committeeId, UnitKind.Handling]);
  return {
    sessions: new Map(sessions.map((s) => [s.name, s])),
    members: new Map(members.map((m) => [m.username, m.id])),
    units: new Map(units.map((u) => [u.name, u.id])),
  };
}

/** The session a row names, or a problem. */
export function sessionOf(kind: ImportKind, row: SheetRow, refs: ProposalRefs, problems: Problems): SessionRef | null {
  const name = text(row, 'session');
  if (name === null) return null;
  const session = refs.sessions.get(name);
  if (!session) problems.add(row.row, header(kind, 'session'), `“${name}”不是本会已建的届次会议：请先在“日历与规则”中新建该届次，或改为已有届次的全称`);
  return session ?? null;
}

/** The lead proposer and co-signers a row names (user ids), each a member of the committee, or problems. */
export function proposersOf(kind: ImportKind, row: SheetRow, refs: ProposalRefs, problems: Problems): { lead: string | null; cosigners: string[] } {
  const leadName = text(row, 'lead');
  const lead = leadName === null ? null : (refs.members.get(leadName) ?? null);
  if (leadName !== null && lead === null) problems.add(row.row, header(kind, 'lead'), `“${leadName}”不是本会委员的用户名：请先导入委员`);
  const cosigners: string[] = [];
  for (const name of splitList(text(row, 'cosigners') ?? '')) {
    const id = refs.members.get(name);
    if (!id) problems.add(row.row, header(kind, 'cosigners'), `“${name}”不是本会委员的用户名`);
    else if (id === lead) problems.add(row.row, header(kind, 'cosigners'), `“${name}”是领衔人，不能同时是联名人`);
    else if (cosigners.includes(id)) problems.add(row.row, header(kind, 'cosigners'), `“${name}”重复`);
    else cosigners.push(id);
  }
  return { lead, cosigners };
}

/** Handling units a list cell names (ids), or problems. */
export function unitsOf(kind: ImportKind, row: SheetRow, key: string, refs: ProposalRefs, problems: Problems): string[] {
  const ids: string[] = [];
  for (const name of splitList(text(row, key) ?? '')) {
    const id = refs.units.get(name);
    if (!id) problems.add(row.row, header(kind, key), `“${name}”不是本会的承办单位：请先导入单位，或改为已有承办单位的全称`);
    else if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The proposer rows of proposals: each proposal's lead, then its co-signers. */
export const proposerRows = (items: ReadonlyArray<{ id: string; lead: string; cosigners: readonly string[] }>): Array<{ proposal_id: string; user_id: string; role: string }> =>
  items.flatMap((p) => [{ proposal_id: p.id, user_id: p.lead, role: ProposerRole.Lead }, ...p.cosigners.map((user) => ({ proposal_id: p.id, user_id: user, role: ProposerRole.CoSigner }))]);
