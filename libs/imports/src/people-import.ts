import { Role, UnitKind } from '#app/org';
import { ImportKind, joinList, splitList } from './import-kinds.js';
import type { ImportLink } from './import-report.js';
import { checkContactCells, codeSet, type CurrentRows, header, type ImportPlan, type ImportScope, type KindImporter, markDuplicates, planOf, type Problems, sameAsCurrent, SECTOR, text } from './import-scope.js';
import type { SheetRow } from './import-workbook.js';

/** The Chinese names of the roles in the users template (unit roles carry the unit: 经办人（安阳市公安局）). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  [Role.Member]: '委员',
  [Role.Staff]: '提案委工作人员',
  [Role.Drafter]: '经办人',
  [Role.Leader]: '单位领导',
  [Role.Office]: '抄送单位',
  [Role.Admin]: '管理员',
};
const ROLE_BY_LABEL = new Map(Object.entries(ROLE_LABELS).map(([role, label]) => [label, role as Role]));
const UNIT_ROLE_SET = new Set<Role>([Role.Drafter, Role.Leader, Role.Office]);

/** An imported account has no password until an administrator sets one: no password matches this. */
const NO_PASSWORD = '!imported';

interface UserRow {
  username: string;
  name: string;
  phone: string | null;
  email: string | null;
}

const userOf = (row: SheetRow): UserRow => ({ username: text(row, 'username') as string, name: text(row, 'name') as string, phone: text(row, 'phone'), email: text(row, 'email') });

const peopleLink = (username: string): ImportLink => ({ label: username, href: `/admin/people?q=${encodeURIComponent(username)}` });

/** Users of these names: their id and whether they belong to the committee. */
async function existingUsers(scope: ImportScope, usernames: readonly string[]): Promise<Map<string, { id: string; inCommittee: boolean }>> {
  const rows: Array<{ id: string; username: string; in_committee: boolean }> = await scope.manager.query(
    `SELECT u.id, u.username, EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.committee_id = $1) AS in_committee
     FROM users u WHERE u.username = ANY($2::varchar[])`,
    [scope.committeeId, usernames],
  );
  return new Map(rows.map((r) => [r.username, { id: r.id, inCommittee: r.in_committee }]));
}

/** Creates the new users and updates the changed ones (name, phone, e-mail), in two statements. */
async function writeUsers(scope: ImportScope, created: readonly UserRow[], updated: readonly UserRow[]): Promise<void> {
  if (created.length > 0) {
    await scope.manager.query(
      `INSERT INTO users (username, display_name, password_hash, phone, email)
       SELECT t.username, t.name, $2, t.phone, t.email FROM jsonb_to_recordset($1::jsonb) AS t(username text, name text, phone text, email text)`,
      [JSON.stringify(created), NO_PASSWORD],
    );
  }
  if (updated.length > 0) {
    await scope.manager.query(
      `UPDATE users u SET display_name = t.name, phone = t.phone, email = t.email, version = u.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS t(username text, name text, phone text, email text)
       WHERE u.username = t.username AND (u.display_name, u.phone, u.email) IS DISTINCT FROM (t.name, t.phone, t.email)`,
      [JSON.stringify(updated)],
    );
  }
}

/** Rows whose username is taken by a user of another committee get a problem; the rest are sorted into created, updated, unchanged. */
function classify(
  kind: ImportKind,
  rows: readonly SheetRow[],
  existing: Map<string, { inCommittee: boolean }>,
  current: CurrentRows,
  problems: Problems,
): { created: SheetRow[]; updated: SheetRow[]; unchanged: number } {
  const created: SheetRow[] = [];
  const updated: SheetRow[] = [];
  let unchanged = 0;
  for (const row of rows) {
    if (problems.has(row.row)) continue;
    const username = text(row, 'username') as string;
    const found = existing.get(username);
    const now = current.get(username);
    if (found && !found.inCommittee) problems.add(row.row, header(kind, 'username'), `用户名“${username}”已被其他单位的用户使用：请换一个用户名`);
    else if (!found) created.push(row);
    else if (now && sameAsCurrent(kind, row, now)) unchanged += 1;
    else updated.push(row);
  }
  return { created, updated, unchanged };
}

/** 委员: name, 界别, phone, e-mail, username (or the phone, when no username is given). */
export const membersImporter: KindImporter = {
  async current(scope) {
    const rows: Array<{ username: string; name: string; sector: string | null; phone: string | null; email: string | null }> = await scope.manager.query(
      `SELECT u.username, u.display_name AS name, m.sector, u.phone, u.email FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.committee_id = $1 AND m.role = $2 ORDER BY u.username`,
      [scope.committeeId, Role.Member],
    );
    return new Map(rows.map((r) => [r.username, { ...r }]));
  },

  async plan(scope, rows, problems): Promise<ImportPlan> {
    const kind = ImportKind.Members;
    const sectors = await codeSet(scope, SECTOR);
    for (const row of rows) {
      checkContactCells(kind, row, problems);
      const unreadable = problems.list.some((p) => p.row === row.row && (p.column === header(kind, 'username') || p.column === header(kind, 'phone')));
      if (text(row, 'username') === null && text(row, 'phone') === null && !unreadable) problems.add(row.row, header(kind, 'username'), '用户名和手机至少填一项');
      const sector = text(row, 'sector');
      if (sector !== null && !sectors.codes.has(sector)) problems.add(row.row, header(kind, 'sector'), `“${sector}”不在本会的界别代码表中：可填 ${sectors.hint}`);
    }
    // a row without a username is the member of that phone, or a new account named by the phone
    const byPhone = rows.filter((row) => text(row, 'username') === null && text(row, 'phone') !== null);
    if (byPhone.length > 0) {
      const found: Array<{ phone: string; username: string }> = await scope.manager.query(
        `SELECT DISTINCT ON (u.phone) u.phone, u.username FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.committee_id = $1 AND m.role = $2 AND u.phone = ANY($3::varchar[]) ORDER BY u.phone, u.username`,
        [scope.committeeId, Role.Member, byPhone.map((row) => text(row, 'phone'))],
      );
      const usernameOf = new Map(found.map((r) => [r.phone, r.username]));
      for (const row of byPhone) {
        const phone = text(row, 'phone') as string;
        row.values.username = usernameOf.get(phone) ?? phone.replace(/\D/g, '');
      }
    }
    markDuplicates(rows, (row) => text(row, 'username'), header(kind, 'username'), problems);
    const usernames = rows.map((row) => text(row, 'username')).filter((u): u is string => u !== null);
    const existing = await existingUsers(scope, usernames);
    return planOf(classify(kind, rows, existing, await this.current(scope), problems), async (created, updated) => {
      await writeUsers(scope, created.map(userOf), updated.map(userOf));
      const members = [...created, ...updated].map((row) => ({ username: text(row, 'username'), sector: text(row, 'sector') }));
      await scope.manager.query(
        `WITH added AS (
           INSERT INTO memberships (user_id, committee_id, role, sector)
           SELECT u.id, $1, $2, t.sector FROM jsonb_to_recordset($3::jsonb) AS t(username text, sector text) JOIN users u ON u.username = t.username
           ON CONFLICT (user_id, committee_id, role) WHERE unit_id IS NULL DO UPDATE SET sector = EXCLUDED.sector
           RETURNING user_id, (xmax = 0) AS inserted)
         UPDATE users SET token_version = token_version + 1 WHERE id IN (SELECT user_id FROM added WHERE inserted)`,
        [scope.committeeId, Role.Member, JSON.stringify(members)],
      );
      return [...created, ...updated].map((row) => peopleLink(text(row, 'username') as string));
    });
  },
};

interface WantedMembership {
  role: Role;
  unitId: string | null;
}

const membershipKey = (m: { role: string; unitId: string | null }): string => `${m.role}|${m.unitId ?? ''}`;

/** 用户: username, name, phone, e-mail and every role in the committee (unit roles with their unit). */
export const usersImporter: KindImporter = {
  async current(scope) {
    const rows: Array<{ username: string; name: string; phone: string | null; email: string | null; roles: Array<{ role: Role; unit: string | null }> }> = await scope.manager.query(
      `SELECT u.username, u.display_name AS name, u.phone, u.email,
              json_agg(json_build_object('role', m.role, 'unit', un.name) ORDER BY m.role, un.name) AS roles
       FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN units un ON un.id = m.unit_id
       WHERE m.committee_id = $1 GROUP BY u.id ORDER BY u.username`,
      [scope.committeeId],
    );
    return new Map(
      rows.map((r) => [
        r.username,
        { username: r.username, name: r.name, phone: r.phone, email: r.email, roles: joinList(r.roles.map((m) => (m.unit ? `${ROLE_LABELS[m.role]}（${m.unit}）` : ROLE_LABELS[m.role]))) },
      ]),
    );
  },

  async plan(scope, rows, problems): Promise<ImportPlan> {
    const kind = ImportKind.Users;
    const column = header(kind, 'roles');
    const units: Array<{ id: string; name: string; kind: UnitKind }> = await scope.manager.query('SELECT id, name, kind FROM units WHERE committee_id = $1', [scope.committeeId]);
    const unitByName = new Map(units.map((u) => [u.name, u]));
    const wanted = new Map<number, WantedMembership[]>();
    for (const row of rows) {
      checkContactCells(kind, row, problems);
      const list: WantedMembership[] = [];
      for (const item of splitList(text(row, 'roles') ?? '')) {
        const match = /^(.+?)(?:[（(](.+)[）)])?$/.exec(item) as RegExpExecArray;
        const role = ROLE_BY_LABEL.get(match[1].trim());
        const unitName = match[2]?.trim() ?? null;
        if (!role) {
          problems.add(row.row, column, `“${item}”不是角色：可填 ${[...ROLE_BY_LABEL.keys()].join('、')}`);
          continue;
        }
        if (UNIT_ROLE_SET.has(role) !== (unitName !== null)) {
          problems.add(row.row, column, UNIT_ROLE_SET.has(role) ? `“${item}”须写明单位，如 ${ROLE_LABELS[role]}（单位全称）` : `“${item}”不属于单位，不要写单位`);
          continue;
        }
        const unit = unitName === null ? null : unitByName.get(unitName);
        if (unitName !== null && !unit) {
          problems.add(row.row, column, `单位“${unitName}”不是本会的单位：请先导入单位，或改为已有单位的全称`);
          continue;
        }
        if (unit && (unit.kind === UnitKind.Office) !== (role === Role.Office)) {
          problems.add(row.row, column, role === Role.Office ? `“${unitName}”不是抄送单位` : `“${unitName}”是抄送单位，只能担任“抄送单位”角色`);
          continue;
        }
        list.push({ role, unitId: unit?.id ?? null });
      }
      wanted.set(row.row, list);
    }
    markDuplicates(rows, (row) => text(row, 'username'), header(kind, 'username'), problems);
    const usernames = rows.map((row) => text(row, 'username')).filter((u): u is string => u !== null);
    const existing = await existingUsers(scope, usernames);
    const held: Array<{ id: string; username: string; role: Role; unit_id: string | null }> = await scope.manager.query(
      `SELECT m.id, u.username, m.role, m.unit_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.committee_id = $1 AND u.username = ANY($2::varchar[])`,
      [scope.committeeId, usernames],
    );
    const actor: Array<{ username: string }> = await scope.manager.query('SELECT username FROM users WHERE id = $1', [scope.actorUserId]);
    for (const row of rows) {
      if (text(row, 'username') === actor[0]?.username && !wanted.get(row.row)?.some((m) => m.role === Role.Admin)) {
        problems.add(row.row, column, '不能在导入中取消自己的管理员角色');
      }
    }
    return planOf(classify(kind, rows, existing, await this.current(scope), problems), async (created, updated) => {
      const changed = [...created, ...updated];
      await writeUsers(scope, created.map(userOf), updated.map(userOf));
      const removed: string[] = [];
      const added: Array<{ username: string; role: Role; unit_id: string | null }> = [];
      for (const row of changed) {
        const username = text(row, 'username') as string;
        const want = wanted.get(row.row) ?? [];
        const have = held.filter((m) => m.username === username);
        const wantKeys = new Set(want.map(membershipKey));
        const haveKeys = new Set(have.map((m) => membershipKey({ role: m.role, unitId: m.unit_id })));
        removed.push(...have.filter((m) => !wantKeys.has(membershipKey({ role: m.role, unitId: m.unit_id }))).map((m) => m.id));
        added.push(...want.filter((m) => !haveKeys.has(membershipKey(m))).map((m) => ({ username, role: m.role, unit_id: m.unitId })));
      }
      // additions first: a user never passes through having no membership (which would end their sessions)
      if (added.length > 0) {
        await scope.manager.query(
          `INSERT INTO memberships (user_id, committee_id, role, unit_id)
           SELECT u.id, $1, t.role, t.unit_id FROM jsonb_to_recordset($2::jsonb) AS t(username text, role text, unit_id uuid) JOIN users u ON u.username = t.username`,
          [scope.committeeId, JSON.stringify(added)],
        );
      }
      if (removed.length > 0) await scope.manager.query('DELETE FROM memberships WHERE id = ANY($1::uuid[])', [removed]);
      const touched = [...new Set([...added.map((m) => m.username), ...held.filter((m) => removed.includes(m.id)).map((m) => m.username)])];
      if (touched.length > 0) await scope.manager.query('UPDATE users SET token_version = token_version + 1 WHERE username = ANY($1::varchar[])', [touched]);
      return changed.map((row) => peopleLink(text(row, 'username') as string));
    });
  },
};
