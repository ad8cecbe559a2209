#!/usr/bin/env node
/**
 * `npm test`: build (API and, when its sources changed, the web app), type-check, lint, then every Jest
 * suite (unit, integration against the local PostgreSQL and Redis, end-to-end over HTTP) in native ESM
 * mode, then the browser specs driving the built web app in Debian's Chromium (test/web) in a second run.
 * Extra arguments go to Jest (one run). Ends with one line `tests: N passed, N failed` counting both runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webBuildIsStale } from './web-build.mjs';

if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/jest')) {
  console.error('Dependencies are not installed: run npm ci (or npm start, which installs them) first, then npm test.');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

const args = process.argv.slice(2);
const run = (command, commandArgs, env = {}) =>
  spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

console.log('» build (the test database is migrated from the build)');
if (run('npx', ['tsc', '-p', 'tsconfig.build.json']) !== 0) process.exit(1);
if (webBuildIsStale()) {
  console.log('» build the web app (the browser specs drive it)');
  if (run('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']) !== 0) process.exit(1);
} else {
  console.log('» web app build is up to date');
}
const quick = args.length > 0; // a focused run (`npm test -- path`) skips the whole-project checks
if (!quick) {
  console.log('» type-check, tests included');
  if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
  if (run('npx', ['tsc', '-p', 'apps/web/tsconfig.json']) !== 0) process.exit(1);
  console.log('» lint');
  if (run('npx', ['eslint', '--max-warnings', '0', '.']) !== 0) process.exit(1);
}

// Signed replies are rendered to PDF with CJK fonts; without them most specs would fail far from the cause.
const { findFonts, MissingFontError } = await import('../dist/libs/replies/src/render/fonts.js');
try {
  findFonts();
} catch (error) {
  if (!(error instanceof MissingFontError)) throw error;
  console.error(`Tests render signed replies to PDF and need CJK fonts: ${error.message}. (.ci/run installs them on CI.)`);
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

/** One Jest run; its counts from the JSON report (a run that wrote none counts as one failure). */
function jest(jestArgs) {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'cppcc-jest-')), 'report.json');
  const status = run(
    process.execPath,
    ['node_modules/jest/bin/jest.js', '--ci', '--json', `--outputFile=${report}`, ...jestArgs],
    { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() },
  );
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    return { status, passed: result.numPassedTests, failed: result.numFailedTests + result.numRuntimeErrorTestSuites };
  } catch {
    return { status: status || 1, passed: 0, failed: 1 };
  }
}

const runs = [];
if (quick) {
  console.log('» jest');
  runs.push(jest(args));
} else {
  // The browser specs run after the others, on their own: Chromium and the timing-bound integration specs
  // (sign-offs rendering PDFs in a hook, worker processes killed and restarted) would slow each other down
  // on a 2-core machine.
  console.log('» jest: unit, integration and HTTP specs');
  runs.push(jest(['--testPathIgnorePatterns=/node_modules/', '--testPathIgnorePatterns=<rootDir>/apps/web/', '--testPathIgnorePatterns=<rootDir>/test/web/']));
  console.log('» jest: browser specs (test/web, Chromium)');
  runs.push(jest(['test/web/']));
}
const passed = runs.reduce((sum, r) => sum + r.passed, 0);
const failed = runs.reduce((sum, r) => sum + r.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(runs.find((r) => r.status !== 0)?.status ?? 0);
