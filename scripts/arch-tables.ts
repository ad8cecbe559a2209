/**
 * Owned reads (#18): which lib owns which table, which lib sits above which, and the check that no lib or
 * app names another lib's table. docs/architecture.md ("Modules" and "Owned tables") is the prose of this
 * file; `scripts/arch-tables.spec.ts` holds the two to each other and to the migrations.
 *
 * The rule: a lib's own code names only its own tables, in SQL text (strings and template literals:
 * `FROM`, `JOIN`, `INTO`, `UPDATE`, `DELETE FROM`, `TABLE`), in query-builder calls (`.from('t')`,
 * `.innerJoin('t', …)`, `.into('t')`, `.update('t')`) and through entity classes used as values
 * (`manager.find(Entity, …)`, `getRepository(Entity)`, `.from(Entity, …)`, `forFeature([Entity])`). Another
 * lib's table is reached only through what that lib's index exports: a query function, or an SQL fragment
 * (a function returning SQL text, e.g. `visibleProposals(…)`, `proposalNumberSql(…)`) that the caller
 * splices into its own statement. A fragment is text built by the owning lib, so the table names inside it
 * are the owner's, never spelled in the caller's source. A lib never reaches a table of a lib above it at
 * all: it has no import of that lib, so the caller passes what it needs (e.g. the audit chain key).
 * Entity classes as types, and in `@References(() => Entity)` / relation decorators (foreign keys of the
 * schema, no read), are not uses. Apps (`apps/api`, `apps/worker`) own no table and name none.
 *   npm run arch               prints the services' sizes, then every table use outside its owner
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './arch.js';

/** Each lib and the libs it may import (directly), as in docs/architecture.md's arrow diagram. */
export const LIB_DEPENDENCIES: Record<string, readonly string[]> = {
  core: [],
  storage: ['core'],
  audit: ['core'],
  org: ['audit', 'core'],
  notifications: ['core', 'org'],
  auth: ['audit', 'core', 'org'],
  reminders: ['core', 'notifications', 'org'],
  proposals: ['audit', 'auth', 'core', 'notifications', 'org', 'storage'],
  handling: ['audit', 'auth', 'core', 'notifications', 'org', 'proposals', 'reminders'],
  replies: ['audit', 'auth', 'core', 'handling', 'notifications', 'org', 'proposals', 'reminders', 'storage'],
  feedback: ['audit', 'auth', 'core', 'handling', 'notifications', 'org', 'proposals', 'reminders', 'replies'],
  statistics: ['auth', 'core', 'feedback', 'handling', 'org', 'proposals', 'replies'],
  imports: ['audit', 'core', 'feedback', 'handling', 'org', 'proposals', 'replies', 'statistics'],
  demo: ['audit', 'auth', 'core', 'feedback', 'handling', 'imports', 'org', 'proposals', 'replies'],
  testing: ['core', 'demo', 'org'],
};

/** Every table of the migrations and the lib that owns it (docs/architecture.md, "Modules": the tables column). */
export const TABLE_OWNERS: Record<string, string> = {
  number_series: 'core',
  domain_events: 'core',
  audit_entries: 'audit',
  audit_chain_heads: 'audit',
  committees: 'org',
  users: 'org',
  memberships: 'org',
  units: 'org',
  cppcc_sessions: 'org',
  calendar_days: 'org',
  code_entries: 'org',
  sessions: 'auth',
  refresh_tokens: 'auth',
  proposals: 'proposals',
  proposers: 'proposals',
  cosign_invitations: 'proposals',
  review_decisions: 'proposals',
  attachments: 'proposals',
  assignments: 'handling',
  adjustment_requests: 'handling',
  deadlines: 'handling',
  deadline_events: 'handling',
  extension_requests: 'handling',
  reminders: 'reminders',
  replies: 'replies',
  reply_templates: 'replies',
  reply_versions: 'replies',
  reply_version_comments: 'replies',
  reply_reviews: 'replies',
  reply_copies: 'replies',
  follow_ups: 'replies',
  feedback: 'feedback',
  consultations: 'feedback',
  notifications: 'notifications',
  notification_deliveries: 'notifications',
  statistics_dirty: 'statistics',
  statistics_proposals: 'statistics',
  statistics_assignments: 'statistics',
  statistics_answers: 'statistics',
  statistics_forms: 'statistics',
};

/** Whether `upper` depends on `lower`, directly or through others (so `lower` is below it in the stack). */
export function isAbove(upper: string, lower: string): boolean {
  const seen = new Set<string>();
  const open = [...(LIB_DEPENDENCIES[upper] ?? [])];
  while (open.length > 0) {
    const next = open.pop()!;
    if (next === lower) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    open.push(...(LIB_DEPENDENCIES[next] ?? []));
  }
  return false;
}

export interface TableUse {
  file: string;
  line: number;
  /** The lib (or `apps`) whose source names the table. */
  reader: string;
  table: string;
  owner: string;
  /** The owner depends on the reader: a lower lib naming a higher lib's table. */
  upStack: boolean;
  /** How it is named: `sql` (text), `builder` (a query-builder call) or `entity` (a class used as a value). */
  how: 'sql' | 'builder' | 'entity';
  /** Named as written to (`INTO`, `UPDATE`, `DELETE FROM`, `TABLE`; `.insert`/`.update`/`.delete`/`.into`), not only read. */
  write: boolean;
}

const ROOTS = ['libs', 'apps/api', 'apps/worker'];
const SPEC = /\.(spec|int-spec|e2e-spec|web-spec)\.ts$/;
/** SQL keywords followed by a table name (optionally quoted or with ONLY), case-insensitive. */
const SQL_TABLE = /\b(from|join|into|update|table|delete\s+from)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;
const READ_KEYWORDS = new Set(['from', 'join']);
const WRITE_METHODS = new Set(['into', 'update', 'delete', 'insert']);
const BUILDER_METHODS = new Set(['from', 'into', 'update', 'delete', 'join', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'insert', 'addFrom']);
/** Decorators whose entity arguments declare the schema (foreign keys, relations), not a read. */
const SCHEMA_DECORATORS = new Set(['References', 'ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany', 'JoinColumn']);

/** The TypeScript sources checked, relative to `root`: libs/ and apps' server code, specs left out. */
export function checkedFiles(root: string): string[] {
  return sourceFiles(root, ROOTS, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !SPEC.test(name));
}

/** The lib a file belongs to (`libs/<lib>/…`), or `apps` for the API and the worker. */
export function readerOf(file: string): string {
  const lib = /^libs\/([^/]+)\//.exec(file);
  return lib ? lib[1] : 'apps';
}

/** Entity classes (`@Entity({ name: 't' })` / `@Entity('t')`) of one source, by class name. */
export function entitiesIn(file: string, text: string): Map<string, string> {
  const found = new Map<string, string>();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || call.expression.getText(source) !== 'Entity') continue;
      const argument = call.arguments[0];
      let name: string | undefined;
      if (argument && ts.isStringLiteral(argument)) name = argument.text;
      else if (argument && ts.isObjectLiteralExpression(argument)) {
        for (const property of argument.properties) {
          if (ts.isPropertyAssignment(property) && property.name.getText(source) === 'name' && ts.isStringLiteral(property.initializer)) name = property.initializer.text;
        }
      }
      if (name) found.set(statement.name.text, name);
    }
  }
  return found;
}

/** The text of a string or template literal, `?` standing for each substitution. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => ` ? ${span.literal.text}`).join('');
  return undefined;
}

function inSchemaDecorator(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isDecorator(parent)) {
      const call = parent.expression;
      const name = ts.isCallExpression(call) ? call.expression.getText() : call.getText();
      return SCHEMA_DECORATORS.has(name);
    }
  }
  return false;
}

function isValueUse(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent) || ts.isTypeQueryNode(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  if (ts.isClassDeclaration(parent) && parent.name === node) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  if (ts.isQualifiedName(parent)) return false;
  return !inSchemaDecorator(node);
}

/** Every table of `owners` that one source names, with where and how. */
export function tableUses(file: string, text: string, entities: ReadonlyMap<string, string>, owners: Record<string, string> = TABLE_OWNERS): TableUse[] {
  const reader = readerOf(file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: TableUse[] = [];
  // An entity class of another lib reaches this file only through that lib's index (eslint holds imports to it).
  const imported = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('#app/')) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) imported.add(element.name.text);
  }
  const add = (node: ts.Node, table: string, how: TableUse['how'], write: boolean): void => {
    const owner = owners[table];
    if (!owner) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    uses.push({ file, line, reader, table, owner, upStack: owner !== reader && isAbove(owner, reader), how, write });
  };
  const visit = (node: ts.Node): void => {
    const sql = literalText(node);
    if (sql !== undefined) {
      for (const match of sql.matchAll(SQL_TABLE)) add(node, match[2].toLowerCase(), 'sql', !READ_KEYWORDS.has(match[1].toLowerCase()));
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.arguments[0] === node && ts.isPropertyAccessExpression(parent.expression) && BUILDER_METHODS.has(parent.expression.name.text)) {
        add(node, sql, 'builder', WRITE_METHODS.has(parent.expression.name.text));
      }
    } else if (ts.isIdentifier(node) && entities.has(node.text) && (imported.has(node.text) || owners[entities.get(node.text)!] === reader) && isValueUse(node)) {
      add(node, entities.get(node.text)!, 'entity', false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Every use, in `root`'s sources, of a table by a lib (or app) that does not own it. */
export function crossLibUses(root: string): TableUse[] {
  const files = checkedFiles(root).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
  const entities = new Map<string, string>();
  for (const { file, text } of files) for (const [name, table] of entitiesIn(file, text)) entities.set(name, table);
  return files.flatMap(({ file, text }) => tableUses(file, text, entities)).filter((use) => use.owner !== use.reader);
}

export function describeUse(use: TableUse): string {
  return `${use.file}:${use.line} ${use.reader} names ${use.table} (${use.owner}${use.upStack ? ', above it' : ''}; ${use.how})`;
}

/**
 * The one documented exception: statistics, at the top of the stack, counts the rows of the libs below
 * it in SQL of its own (one fact table per figure, kept by triggers; `npm run bench:statistics`), so it
 * may read (never write) their tables.
 */
export function isException(use: TableUse): boolean {
  return use.reader === 'statistics' && !use.write && !use.upStack && isAbove('statistics', use.owner);
}

/**
 * Cross-lib uses not yet routed through the owning lib, per file and table with how many. #18 routed
 * every one of the libs it found; the list only shrinks: a use not in it fails the check, and so does an
 * entry whose uses are gone (take it out). Left: the bulk import (#21, merged alongside), which writes and
 * matches org's, proposals', handling's, replies' and feedback's rows in set-based SQL of its own so that
 * 10,000 rows take seconds; its statements are to move into bulk functions of the owning libs.
 */
export const UNROUTED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'libs/imports/src/history-import.ts': { proposers: 5, users: 3, assignments: 6, units: 2, feedback: 3, proposals: 5, cppcc_sessions: 1, replies: 4, reply_versions: 1, number_series: 1 },
  'libs/imports/src/paper-import.ts': { proposers: 4, users: 2, units: 1, proposals: 3, cppcc_sessions: 1 },
  'libs/imports/src/people-import.ts': { memberships: 8, users: 12, units: 2 },
  'libs/imports/src/proposal-refs.ts': { cppcc_sessions: 1, memberships: 1, users: 1, units: 1 },
  'libs/imports/src/units-import.ts': { units: 5 },
};

export interface TableCheck {
  /** Every use of another lib's table found. */
  uses: TableUse[];
  /** Allowed as statistics' documented reads. */
  excepted: TableUse[];
  /** Listed in UNROUTED. */
  unrouted: TableUse[];
  /** Neither: the rule is broken (every use up the stack is one). */
  violations: TableUse[];
  /** UNROUTED entries with fewer uses found than listed (`file table: n listed, m found`). */
  stale: string[];
}

export function checkTableUses(uses: readonly TableUse[], unrouted: Readonly<Record<string, Readonly<Record<string, number>>>> = UNROUTED): TableCheck {
  const check: TableCheck = { uses: [...uses], excepted: [], unrouted: [], violations: [], stale: [] };
  const left = new Map<string, number>();
  for (const [file, tables] of Object.entries(unrouted)) for (const [table, count] of Object.entries(tables)) left.set(`${file} ${table}`, count);
  for (const use of uses) {
    if (use.owner === use.reader) continue;
    if (!use.upStack && isException(use)) {
      check.excepted.push(use);
      continue;
    }
    const key = `${use.file} ${use.table}`;
    const count = left.get(key) ?? 0;
    if (!use.upStack && count > 0) {
      left.set(key, count - 1);
      check.unrouted.push(use);
    } else {
      check.violations.push(use);
    }
  }
  for (const [key, count] of left) {
    const [file, table] = key.split(' ');
    if (count > 0) check.stale.push(`${file} ${table}: ${unrouted[file][table]} listed, ${unrouted[file][table] - count} found`);
  }
  return check;
}

/** What `npm run arch` prints of the check; returns whether it passes. */
export function reportTableUses(root: string, log: (line: string) => void = console.log): boolean {
  const check = checkTableUses(crossLibUses(root));
  for (const use of check.violations) log(`✗ ${describeUse(use)}`);
  for (const entry of check.stale) log(`✗ UNROUTED lists more than found (take it out): ${entry}`);
  const up = check.uses.filter((use) => use.upStack).length;
  log(
    `arch: tables: ${check.uses.length} uses of another lib's table (${up} up the stack): ${check.excepted.length} statistics' reads (the exception), ` +
      `${check.unrouted.length} not yet routed (UNROUTED), ${check.violations.length} breaking the rule${check.stale.length ? `, ${check.stale.length} stale entries` : ''}`,
  );
  return check.violations.length === 0 && check.stale.length === 0;
}
