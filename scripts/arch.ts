/**
 * `npm run arch`: the size of every service, for a newcomer's reading and for CI later (#18). For each
 * `*.service.ts` and `*.processor.ts` under libs/ and apps/ it prints the file's lines and, for each class
 * in it, the collaborators injected through its constructor; it flags a file over 400 lines or a class
 * over 7 collaborators, and exits 1 when anything is flagged (0 otherwise). It reads the TypeScript
 * sources with the compiler API (what is on disk now, not the build), so it needs no database.
 * Then the owned-reads check (scripts/arch-tables.ts): every use of a table by a lib or app that does not
 * own it, but as docs/architecture.md allows ("Owned tables"), is printed with ✗ and also exits 1.
 *   npm run arch               every service, flagged ones marked ✗
 *   npm run arch -- --over     only the flagged ones
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { reportTableUses } from './arch-tables.js';

export const MAX_LINES = 400;
export const MAX_COLLABORATORS = 7;

const ROOTS = ['libs', 'apps'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'web']);
const MEASURED = /\.(service|processor)\.ts$/;

export interface ClassSize {
  name: string;
  /** Constructor parameters: what Nest injects. */
  collaborators: string[];
}

export interface FileSize {
  file: string;
  lines: number;
  classes: ClassSize[];
}

/** The files under `folders` of `root` (not node_modules, dist or the web app) whose name `wanted` accepts, relative to `root`, in path order. */
export function sourceFiles(root: string, folders: readonly string[], wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      } else if (wanted(entry.name)) {
        found.push(relative.split(path.sep).join('/'));
      }
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

/** The files measured, relative to `root`, in path order. */
export function measuredFiles(root: string): string[] {
  return sourceFiles(root, ROOTS, (name) => MEASURED.test(name));
}

/** Lines as `wc -l` counts them (newlines), and each class with its constructor's parameters (by type, else by name). */
export function measure(file: string, text: string): FileSize {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const classes: ClassSize[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) {
      const constructor = node.members.find(ts.isConstructorDeclaration);
      classes.push({
        name: node.name?.text ?? '(anonymous)',
        collaborators: (constructor?.parameters ?? []).map((parameter) => parameter.type?.getText(source) ?? parameter.name.getText(source)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, lines: text.split('\n').length - 1, classes };
}

export function problems(size: FileSize): string[] {
  const found: string[] = [];
  if (size.lines > MAX_LINES) found.push(`${size.lines} lines > ${MAX_LINES}`);
  for (const { name, collaborators } of size.classes) {
    if (collaborators.length > MAX_COLLABORATORS) found.push(`${name}: ${collaborators.length} collaborators > ${MAX_COLLABORATORS}`);
  }
  return found;
}

function main(): void {
  const root = process.cwd();
  const onlyOver = process.argv.includes('--over');
  const sizes = measuredFiles(root).map((file) => measure(file, readFileSync(path.join(root, file), 'utf8')));
  const width = Math.max(...sizes.map((size) => size.file.length));
  let over = 0;
  for (const size of sizes) {
    const found = problems(size);
    if (found.length > 0) over += 1;
    else if (onlyOver) continue;
    const counts = size.classes.map(({ name, collaborators }) => `${name} ${collaborators.length}`).join(', ') || '—';
    console.log(`${found.length > 0 ? '✗' : ' '} ${size.file.padEnd(width)} ${String(size.lines).padStart(5)} lines  collaborators: ${counts}${found.length > 0 ? `  (${found.join('; ')})` : ''}`);
  }
  console.log(
    over === 0
      ? `arch: ${sizes.length} services and processors, all within ${MAX_LINES} lines and ${MAX_COLLABORATORS} collaborators`
      : `arch: ${over} of ${sizes.length} services and processors over ${MAX_LINES} lines or ${MAX_COLLABORATORS} collaborators`,
  );
  // Owned reads (#18, scripts/arch-tables.ts): no lib or app names another lib's table but as documented.
  const tablesPass = reportTableUses(root);
  process.exitCode = over === 0 && tablesPass ? 0 : 1;
}

// Run as a script, not when a spec imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
