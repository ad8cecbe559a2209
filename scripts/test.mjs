#!/usr/bin/env node
/**
 * `npm test`: install the dependencies when needed (npm ci, as npm start does) and the Debian packages the
 * tests need (CJK fonts, poppler-utils, Chromium: with apt-get when run as root, otherwise it prints the
 * command), build (API and, when its sources changed, the web app), type-check, lint, the service sizes
 * (`npm run arch`: none over 400 lines or 7 collaborators), then every Jest suite (unit, integration
 * against the local PostgreSQL and Redis, end-to-end over HTTP) in native ESM mode, then the browser specs driving the built web app in Debian's Chromium (test/web) in a second run.
 * Extra arguments go to Jest (one run). Ends with one line `tests: N passed, N failed` counting both runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_PACKAGE, ensureDebianPackages, installDependencies, POPPLER_PACKAGE, root, SetupError } from './setup.mjs';
import { webBuildIsStale } from './web-build.mjs';

process.chdir(root);
const log = (line) => console.log(`» ${line}`);

/** Stops before any test ran: the message says what to do; the summary line counts it as one failure. */
function stop(message) {
  console.error(message);
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

async function prepare(step) {
  try {
    await step();
  } catch (error) {
    if (error instanceof SetupError) stop(error.message);
    throw error;
  }
}

await prepare(() => installDependencies({ log, again: 'npm test' }));
if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/jest')) {
  stop('The development dependencies are missing (an install with --omit=dev?): run npm ci, then npm test again.');
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
  // npm run arch's check (#18): a service or processor over 400 lines or 7 injected collaborators is named
  // (✗ file, class) and fails the run.
  console.log('» service sizes (npm run arch: at most 400 lines and 7 collaborators each)');
  if (run(process.execPath, ['dist/scripts/arch.js', '--over']) !== 0) process.exit(1);
}

// Signed replies are rendered to PDF with CJK fonts (without them most specs would fail far from the
// cause); the rendering specs read PDFs back with poppler-utils; the browser specs drive Debian's Chromium
// (unless CHROMIUM_PATH names another). A focused run goes on without the last two, with a warning.
await prepare(() =>
  ensureDebianPackages({ tools: [POPPLER_PACKAGE, ...(process.env.CHROMIUM_PATH ? [] : [CHROMIUM_PACKAGE])], optionalTools: quick, log, again: 'npm test' }),
);

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
