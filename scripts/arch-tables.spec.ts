import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkedFiles, checkTableUses, crossLibUses, entitiesIn, isAbove, LIB_DEPENDENCIES, reportTableUses, TABLE_OWNERS, tableUses, UNROUTED } from './arch-tables.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('owned reads (npm run arch, #18)', () => {
  it('maps every table the migrations create to one lib, and no other', () => {
    const created = new Set<string>();
    for (const file of readdirSync(path.join(root, 'migrations')).filter((name) => name.endsWith('.ts'))) {
      for (const match of read(`migrations/${file}`).matchAll(/CREATE TABLE (?:IF NOT EXISTS )?\\?"?([a-z_]+)/gi)) created.add(match[1]);
    }
    expect([...created].sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
    expect(Object.values(TABLE_OWNERS).every((lib) => lib in LIB_DEPENDENCIES)).toBe(true);
  });

  it('agrees with docs/architecture.md: the tables column of Modules names each table with its owner', () => {
    const documented = new Map<string, string>();
    for (const line of read('docs/architecture.md').split('\n')) {
      const row = /^\| (\w+) \| .* \| (.*) \|$/.exec(line);
      if (!row || !(row[1] in LIB_DEPENDENCIES)) continue;
      for (const [, table] of row[2].matchAll(/`([a-z_]+)`/g)) if (table in TABLE_OWNERS) documented.set(table, row[1]);
    }
    expect(Object.fromEntries([...documented].sort())).toEqual(Object.fromEntries(Object.entries(TABLE_OWNERS).sort()));
  });

  it('holds the lib stack the imports have: a lib imports only the libs it is listed to depend on', () => {
    for (const file of checkedFiles(root).filter((name) => name.startsWith('libs/'))) {
      const lib = file.split('/')[1];
      for (const [, imported] of read(file).matchAll(/from '#app\/([a-z]+)'/g)) {
        if (imported !== lib) expect(`${file} → ${imported}: ${LIB_DEPENDENCIES[lib].includes(imported)}`).toBe(`${file} → ${imported}: true`);
      }
    }
    expect(isAbove('replies', 'audit')).toBe(true);
    expect(isAbove('audit', 'proposals')).toBe(false);
    expect(isAbove('reminders', 'handling')).toBe(false);
  });

  const entities = new Map([
    ['Unit', 'units'],
    ['Assignment', 'assignments'],
  ]);

  it('reports another lib’s table named in SQL text, with file, line and table, and one above as such', () => {
    const snippet = [
      "import type { EntityManager } from 'typeorm';",
      'export const chainOf = (manager: EntityManager, id: string) =>',
      '  manager.query(`SELECT a.proposal_id FROM assignments a JOIN "proposals" p ON p.id = a.proposal_id WHERE a.id = ${id}`);',
      "export const mine = 'SELECT count(*) FROM audit_entries';",
      '',
    ].join('\n');
    const uses = tableUses('libs/audit/src/chain.ts', snippet, entities).filter((use) => use.owner !== use.reader);
    expect(uses.map(({ file, line, table, owner, upStack, how, write }) => ({ file, line, table, owner, upStack, how, write }))).toEqual([
      { file: 'libs/audit/src/chain.ts', line: 3, table: 'assignments', owner: 'handling', upStack: true, how: 'sql', write: false },
      { file: 'libs/audit/src/chain.ts', line: 3, table: 'proposals', owner: 'proposals', upStack: true, how: 'sql', write: false },
    ]);
    const check = checkTableUses(uses, {});
    expect(check.violations).toHaveLength(2);
    // Listing an up-the-stack use as not yet routed does not let it pass.
    expect(checkTableUses(uses, { 'libs/audit/src/chain.ts': { assignments: 1, proposals: 1 } }).violations).toHaveLength(2);
  });

  it('reports query-builder calls, writes and entity classes of another lib used as values, but not as types or fragments', () => {
    const snippet = [
      "import { type Actor } from '#app/auth';",
      "import { Unit } from '#app/org';",
      "import { visibleProposals } from '#app/proposals';",
      'export async function f(manager: EntityManager, actor: Actor, unit: Unit) {',
      '  await manager.find(Unit, { where: { id: unit.id } });',
      "  await manager.createQueryBuilder().from('proposals', 'p').where(visibleProposals(actor).sql).getRawMany();",
      "  await manager.query('UPDATE units SET name = $1', ['x']);",
      '  const policy = `SELECT 1 FROM assignments a WHERE ${visibleProposals(actor).sql}`;',
      '  return policy;',
      '}',
      '',
    ].join('\n');
    const uses = tableUses('libs/replies/src/x.ts', snippet, entities);
    expect(uses.map(({ line, table, how, write, upStack }) => [line, table, how, write, upStack])).toEqual([
      [5, 'units', 'entity', false, false],
      [6, 'proposals', 'builder', false, false],
      [7, 'units', 'sql', true, false],
      [8, 'assignments', 'sql', false, false],
    ]);
    // A fragment (visibleProposals) names no table in the caller; the caller's own `units` and `assignments` remain.
    const listed = checkTableUses(uses, { 'libs/replies/src/x.ts': { units: 2, proposals: 1, assignments: 1 } });
    expect(listed.violations).toEqual([]);
    expect(checkTableUses(uses, { 'libs/replies/src/x.ts': { units: 3, proposals: 1, assignments: 1 } }).stale).toEqual(['libs/replies/src/x.ts units: 3 listed, 2 found']);
  });

  it('finds entity classes by their @Entity name', () => {
    expect([...entitiesIn('x.entity.ts', "@Entity({ name: 'units' })\nexport class Unit {}\n@Entity('users') export class User {}\n")]).toEqual([
      ['Unit', 'units'],
      ['User', 'users'],
    ]);
  });

  it('allows statistics to read, not write, the tables of the libs below it', () => {
    const uses = tableUses('libs/statistics/src/x.ts', "q('SELECT 1 FROM proposals p JOIN feedback f ON true'); q('DELETE FROM replies');", new Map());
    const check = checkTableUses(uses, {});
    expect(check.excepted.map((use) => use.table)).toEqual(['proposals', 'feedback']);
    expect(check.violations.map((use) => use.table)).toEqual(['replies']);
  });

  it('finds no use of another lib’s table in libs/ and apps/ but the documented ones, none up the stack', () => {
    const check = checkTableUses(crossLibUses(root));
    expect(check.violations.map((use) => `${use.file}:${use.line} ${use.table}`)).toEqual([]);
    expect(check.stale).toEqual([]);
    expect(check.uses.filter((use) => use.upStack)).toEqual([]);
    expect(Object.values(UNROUTED).every((tables) => Object.values(tables).every((count) => count > 0))).toBe(true);
    const lines: string[] = [];
    expect(reportTableUses(root, (line) => lines.push(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^arch: tables: \d+ uses of another lib's table \(0 up the stack\)/);
  });
});
