/**
 * Whether the built web app (dist/web) is older than its sources: apps/web (src, index.html, the Vite
 * config) and the lock file (a dependency changed). Built-ins only: npm start imports it before npm ci.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const WEB_SOURCES = 'apps/web';
export const WEB_INDEX = path.join('dist', 'web', 'index.html');

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newest(dir) {
  let latest = mtime(dir) ?? 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return latest;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : (mtime(full) ?? 0));
  }
  return latest;
}

/** true when dist/web is missing or any web source (or the lock) is newer than it. */
export function webBuildIsStale(root = process.cwd()) {
  const built = mtime(path.join(root, WEB_INDEX));
  if (built === undefined) return true;
  return Math.max(newest(path.join(root, WEB_SOURCES)), mtime(path.join(root, 'package-lock.json')) ?? 0) > built;
}
