import { type UnitContact, UnitKind } from '#app/org';
import { ImportKind, joinList, splitList } from './import-kinds.js';
import { type CurrentRows, header, type ImportPlan, type KindImporter, markDuplicates, planOf, sameAsCurrent, text } from './import-scope.js';

const KIND_LABELS: Readonly<Record<UnitKind, string>> = { [UnitKind.Handling]: '承办单位', [UnitKind.Office]: '抄送单位' };
const KIND_BY_LABEL = new Map(Object.entries(KIND_LABELS).map(([kind, label]) => [label, kind as UnitKind]));

/** 联系人 as the template writes them: 陈丁 5156739；王鹏 5156055. */
export const formatContacts = (contacts: readonly UnitContact[]): string => contacts.map((c) => `${c.name} ${c.phone}`).join('；');

function parseContacts(cell: string): UnitContact[] | string {
  const contacts: UnitContact[] = [];
  for (const part of cell.split(/[;；\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\S{1,32})[\s\u3000:：]+(\+?[0-9][0-9 -]{2,30})$/.exec(part);
    if (!match) return `“${part}”应为 姓名 电话，如 陈丁 5156739`;
    contacts.push({ name: match[1], phone: match[2].trim() });
  }
  return contacts;
}

interface UnitRow {
  name: string;
  kind: UnitKind;
  parent: string | null;
  doc_prefix: string | null;
  work_area: string | null;
  remit: string[];
  contacts: UnitContact[];
}

/** 单位: name, kind, parent, document prefix, field of work, remit keywords, contacts; the name is the key. */
export const unitsImporter: KindImporter = {
  async current(scope): Promise<CurrentRows> {
    const rows: Array<{ name: string; kind: UnitKind; parent: string | null; doc_prefix: string | null; work_area: string | null; remit_keywords: string[]; contacts: UnitContact[] }> =
      await scope.manager.query(
        `SELECT u.name, u.kind, p.name AS parent, u.doc_prefix, u.work_area, u.remit_keywords, u.contacts
         FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.committee_id = $1 ORDER BY u.kind, u.name`,
        [scope.committeeId],
      );
    return new Map(
      rows.map((r) => [
        r.name,
        { name: r.name, kind: KIND_LABELS[r.kind], parent: r.parent, docPrefix: r.doc_prefix, workArea: r.work_area, remit: r.remit_keywords.length ? joinList(r.remit_keywords) : null, contacts: r.contacts.length ? formatContacts(r.contacts) : null },
      ]),
    );
  },

  async plan(scope, rows, problems): Promise<ImportPlan> {
    const kind = ImportKind.Units;
    const current = await this.current(scope);
    const inFile = new Map(rows.map((row) => [text(row, 'name'), row]));
    const parsed = new Map<number, UnitRow>();
    for (const row of rows) {
      const name = text(row, 'name');
      const label = text(row, 'kind');
      const unitKind = label === null ? undefined : KIND_BY_LABEL.get(label);
      if (label !== null && !unitKind) problems.add(row.row, header(kind, 'kind'), `“${label}”不是单位类型：可填 承办单位、抄送单位`);
      const was = name === null ? undefined : current.get(name);
      if (was && label !== null && was.kind !== label) problems.add(row.row, header(kind, 'kind'), `系统中“${name}”是${String(was.kind)}，不能改为${label}`);
      const parent = text(row, 'parent');
      if (parent !== null && parent === name) problems.add(row.row, header(kind, 'parent'), '不能是本单位');
      else if (parent !== null && !inFile.has(parent) && !current.has(parent)) problems.add(row.row, header(kind, 'parent'), `“${parent}”不是本会的单位，本表中也没有：请先填上级单位`);
      const remit = splitList(text(row, 'remit') ?? '');
      const longWord = remit.find((word) => word.length > 20);
      if (longWord) problems.add(row.row, header(kind, 'remit'), `关键词“${longWord}”超过 20 个字`);
      const contacts = parseContacts(text(row, 'contacts') ?? '');
      if (typeof contacts === 'string') problems.add(row.row, header(kind, 'contacts'), contacts);
      if (name !== null && unitKind && typeof contacts !== 'string') {
        parsed.set(row.row, { name, kind: unitKind, parent, doc_prefix: text(row, 'docPrefix'), work_area: text(row, 'workArea'), remit, contacts });
      }
    }
    markDuplicates(rows, (row) => text(row, 'name'), header(kind, 'name'), problems);
    // a parent chain that comes back to itself (甲 under 乙, 乙 under 甲)
    const parentOf = (name: string): string | null => {
      const row = inFile.get(name);
      return row ? text(row, 'parent') : ((current.get(name)?.parent as string | null | undefined) ?? null);
    };
    for (const row of rows) {
      const start = text(row, 'name');
      let at = start === null ? null : parentOf(start);
      for (let steps = 0; at !== null && steps <= rows.length + current.size; steps += 1) {
        if (at === start) {
          problems.add(row.row, header(kind, 'parent'), '上级单位形成了循环：请检查这一组单位的上级');
          break;
        }
        at = parentOf(at);
      }
    }
    const created: UnitRow[] = [];
    const updated: UnitRow[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const unit = parsed.get(row.row);
      if (!unit || problems.has(row.row)) continue;
      const was = current.get(unit.name);
      if (!was) created.push(unit);
      else if (sameAsCurrent(kind, row, was)) unchanged += 1;
      else updated.push(unit);
    }
    return planOf({ created, updated, unchanged }, async () => {
      const changed = [...created, ...updated];
      const json = JSON.stringify(changed);
      await scope.manager.query(
        `INSERT INTO units (committee_id, name, kind, doc_prefix, work_area, remit_keywords, contacts)
         SELECT $1, t.name, t.kind, t.doc_prefix, t.work_area, ARRAY(SELECT jsonb_array_elements_text(t.remit))::varchar[], t.contacts
         FROM jsonb_to_recordset($2::jsonb) AS t(name text, kind text, doc_prefix text, work_area text, remit jsonb, contacts jsonb)
         ON CONFLICT (committee_id, name) DO UPDATE SET doc_prefix = EXCLUDED.doc_prefix, work_area = EXCLUDED.work_area,
           remit_keywords = EXCLUDED.remit_keywords, contacts = EXCLUDED.contacts, version = units.version + 1, updated_at = now()`,
        [scope.committeeId, json],
      );
      // parents once every unit of the file exists
      await scope.manager.query(
        `UPDATE units u SET parent_id = p.id FROM jsonb_to_recordset($2::jsonb) AS t(name text, parent text)
         LEFT JOIN units p ON p.committee_id = $1 AND p.name = t.parent
         WHERE u.committee_id = $1 AND u.name = t.name AND u.parent_id IS DISTINCT FROM p.id`,
        [scope.committeeId, json],
      );
      return changed.map((unit) => ({ label: unit.name, href: `/admin/people?tab=units&q=${encodeURIComponent(unit.name)}` }));
    });
  },
};
