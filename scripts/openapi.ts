/**
 * `npm run openapi`: the API's contract as an artefact (#19, ADR 0018). Writes `openapi.json` at the
 * repository root from the app itself (see scripts/openapi/generate.ts); it is committed, so every API
 * change shows in review. `npm run build:api` (and `npm run build`) run it after compiling.
 *   npm run openapi                     write openapi.json
 *   npm run openapi -- --check          exit 1 when openapi.json differs from what the app generates
 *   npm run api:operations              every operation: summary, response schema, errors; `N of N operations complete`
 * Needs the build (`npm run build:api`) and the TypeScript sources; no database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOperations } from './openapi/complete.js';
import { generateOpenApiDocument } from './openapi/generate.js';

export const OPENAPI_FILE = 'openapi.json';
export const REGENERATE = 'npm run build:api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mode = process.argv[2] ?? '--write';
const document = await generateOpenApiDocument(root);
const text = `${JSON.stringify(document, null, 2)}\n`;
const file = path.join(root, OPENAPI_FILE);

if (mode === '--write') {
  writeFileSync(file, text);
  console.log(`wrote ${OPENAPI_FILE}: ${checkOperations(document).length} operations`);
} else if (mode === '--check') {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: reported below as a difference
  }
  if (committed !== text) {
    const ours = committed.split('\n');
    const line = text.split('\n').findIndex((l, i) => l !== ours[i]);
    console.error(`${OPENAPI_FILE} differs from what the app generates (first at line ${line + 1}): run \`${REGENERATE}\` and commit it`);
    process.exit(1);
  }
  console.log(`${OPENAPI_FILE} is what the app generates`);
} else if (mode === '--operations') {
  const checks = checkOperations(document);
  for (const check of checks) {
    console.log(`${check.problems.length === 0 ? '✓' : '✗'} ${check.route}  ${check.summary}`);
    console.log(`    → ${check.response}; errors ${check.errors.join(' ')}`);
    for (const problem of check.problems) console.log(`    ✗ ${problem}`);
  }
  const complete = checks.filter((c) => c.problems.length === 0).length;
  console.log(`${complete} of ${checks.length} operations complete`);
  process.exit(complete === checks.length ? 0 : 1);
} else {
  console.error(`unknown option ${mode}: --write, --check or --operations`);
  process.exit(2);
}
process.exit(0);
