import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two source documents (copied from the shared seeds into libs/demo/seeds). */
export const ANYANG_REPLY_FILE = '001_4e0b165ebda5d762.txt';
export const LANZHOU_RELEASE_FILE = '000_339e3aeaf3cc505a.txt';

function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the repository root (no package.json above the demo library)');
    dir = parent;
  }
  return dir;
}

/** Where a file of libs/demo/seeds is. */
export function seedPath(file: string): string {
  return path.join(repositoryRoot(), 'libs', 'demo', 'seeds', file);
}

export function readSeed(file: string): string {
  return readFileSync(seedPath(file), 'utf8');
}

/**
 * The body of the Anyang reply as the unit typed it: everything after the generated opening sentence
 * and before the contact block.
 */
export function anyangReplyBody(): string {
  const text = readSeed(ANYANG_REPLY_FILE);
  const start = text.indexOf('作为提案的主办单位');
  const end = text.indexOf('联系单位：');
  if (start < 0 || end < 0) throw new Error(`${ANYANG_REPLY_FILE} does not have the expected shape`);
  return text.slice(start, end).trim();
}
