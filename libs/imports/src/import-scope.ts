import type { EntityManager } from 'typeorm';
import { CodeTable, type CodeTablesService } from '#app/org';
import { type ColumnSpec, type ImportKind, KIND_COLUMNS, splitList } from './import-kinds.js';
import { type ImportLink, type ImportProblem, MAX_PROBLEMS, problemAt } from './import-report.js';
import type { CellText, SheetRow } from './import-workbook.js';

/** Where an import runs: its transaction, the committee and who imports, the committee's zone. */
export interface ImportScope {
  manager: EntityManager;
  committeeId: string;
  actorUserId: string;
  timeZone: string;
  codeTables: CodeTablesService;
}

/** A kind's records in the template's shape, by natural key (what is exported, and what a row is compared with). */
export type CurrentRows = Map<string, Record<string, CellText>>;

/** What a checked file would write: counts, and the writing itself (run only when no problem was found). */
export interface ImportPlan {
  created: number;
  updated: number;
  unchanged: number;
  apply(): Promise<ImportLink[]>;
}

/** A plan from the rows sorted into new and changed ones, and how to write them. */
export function planOf<T>(sorted: { created: T[]; updated: T[]; unchanged: number }, write: (created: T[], updated: T[]) => Promise<ImportLink[]>): ImportPlan {
  return { created: sorted.created.length, updated: sorted.updated.length, unchanged: sorted.unchanged, apply: () => write(sorted.created, sorted.updated) };
}

/** One kind's import: its records as rows, and the plan for a file's rows. */
export interface KindImporter {
  current(scope: ImportScope): Promise<CurrentRows>;
  plan(scope: ImportScope, rows: readonly SheetRow[], problems: Problems): Promise<ImportPlan>;
}

/** The problems found so far, capped at MAX_PROBLEMS. */
export class Problems {
  readonly list: ImportProblem[];

  constructor(initial: ImportProblem[]) {
    this.list = initial.slice(0, MAX_PROBLEMS);
  }

  add(row: number, column: string | null, text: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problemAt(row, column, text));
  }

  /** Whether a row already has a problem (its later checks would only repeat it). */
  has(row: number): boolean {
    return this.list.some((p) => p.row === row);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** The header of a kind's column, for problems. */
export const header = (kind: ImportKind, key: string): string => (KIND_COLUMNS[kind].find((c) => c.key === key) as ColumnSpec).header;

export const text = (row: SheetRow, key: string): string | null => {
  const value = row.values[key];
  return value === null || value === undefined ? null : String(value);
};

/** Columns holding lists, compared as sets (their order in a cell means nothing). */
const LIST_KEYS = new Set(['cosigners', 'coUnits', 'suggestedUnits', 'remit', 'roles']);

const normal = (key: string, value: CellText | undefined): string => {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return LIST_KEYS.has(key) ? splitList(s).sort().join('、') : s;
};

/** Whether a row says what the committee's record already says, column by column. */
export function sameAsCurrent(kind: ImportKind, row: SheetRow, current: Record<string, CellText>): boolean {
  return KIND_COLUMNS[kind].every((c) => normal(c.key, row.values[c.key]) === normal(c.key, current[c.key]));
}

/** Marks every row whose natural key an earlier row already has. */
export function markDuplicates(rows: readonly SheetRow[], key: (row: SheetRow) => string | null, column: string, problems: Problems): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const earlier = first.get(k);
    if (earlier !== undefined) problems.add(row.row, column, `与第${earlier}行重复：同一${column}只能出现一次`);
    else first.set(k, row.row);
  }
}

/** The codes of one of the committee's code tables, and the problem text naming a few allowed ones. */
export async function codeSet(scope: ImportScope, table: CodeTable): Promise<{ codes: Set<string>; hint: string }> {
  const codes = (await scope.codeTables.list(scope.committeeId, table, scope.manager)).map((c) => c.code);
  return { codes: new Set(codes), hint: codes.slice(0, 12).join('、') + (codes.length > 12 ? ' 等' : '') };
}

export const SECTOR = CodeTable.Sector;

const PHONE = /^\+?[0-9][0-9 -]{3,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$/;

/** Checks the username, phone and e-mail cells of a row; adds a problem for each malformed one. */
export function checkContactCells(kind: ImportKind, row: SheetRow, problems: Problems): void {
  const username = text(row, 'username');
  if (username !== null && !USERNAME.test(username)) problems.add(row.row, header(kind, 'username'), '只能用字母、数字和 _ . @ -，2–64 位，以字母或数字开头');
  const phone = text(row, 'phone');
  if (phone !== null && !PHONE.test(phone)) problems.add(row.row, header(kind, 'phone'), `“${phone}”不是电话号码：只能含数字、空格、+ 和 -`);
  const email = text(row, 'email');
  if (email !== null && !EMAIL.test(email)) problems.add(row.row, header(kind, 'email'), `“${email}”不是电子邮箱地址`);
}

/** A day (YYYY-MM-DD) at 10:00 in the committee's zone, as SQL: the instant imported dates stand for. */
export const DAY_AT_TEN = (param: string, zone: string): string => `((${param})::date + time '10:00') AT TIME ZONE ${zone}`;

/** An instant's day in the committee's zone, as SQL. */
export const DAY_OF = (column: string, zone: string): string => `to_char(${column} AT TIME ZONE ${zone}, 'YYYY-MM-DD')`;
