#!/usr/bin/env node
/**
 * `node scripts/run-built.mjs dist/scripts/db.js create`: runs a built script, building the API first
 * when dist/ (or that file) is missing, so `npm run db:create`, `migration:run` and `seed` work on a fresh
 * clone after npm ci. The script's arguments and exit code pass through. Built-ins only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root, SetupError } from './setup.mjs';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node scripts/run-built.mjs dist/<script>.js [arguments…]');
  process.exit(2);
}
const again = `npm run ${process.env.npm_lifecycle_event ?? `the command (node ${file})`}`;
try {
  await ensureBuilt(file, { log: (line) => console.log(line), again });
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const child = spawn(process.execPath, [path.join(root, file), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
