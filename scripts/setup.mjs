/**
 * What `npm start`, `npm test` and the database scripts need before they run, shared by them: the npm
 * dependencies (npm ci when node_modules is missing or older than the lock file), the build of the API
 * (when dist/ is missing) and the Debian packages (CJK fonts for the signed PDFs; poppler-utils and
 * Chromium for the tests), installed with apt-get when running as root, otherwise named in the one
 * command to run. Only Node built-ins are imported here: the dependencies may not be installed yet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
export const npm = isWindows ? 'npm.cmd' : 'npm';

/** An expected failure: its message is one sentence telling the user what to do. */
export class SetupError extends Error {}

/** Free CJK faces for replies rendered to GB/T 9704 (Noto Serif/Sans CJK SC; AR PL UKai for 楷体). */
export const FONT_PACKAGES = ['fonts-noto-cjk', 'fonts-arphic-ukai'];
/** pdftotext, pdffonts and pdftoppm read the rendered PDFs back in the tests. */
export const POPPLER_PACKAGE = 'poppler-utils';
/** Debian's Chromium, which the browser specs (test/web) drive through playwright-core. */
export const CHROMIUM_PACKAGE = 'chromium';

/** Runs a command to completion with inherited stdio; resolves to its exit code (127 when it cannot start). */
export function run(command, args, { env = process.env, onChild } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: root, shell: isWindows && command.endsWith('.cmd') });
    onChild?.(child);
    child.once('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function mtime(file) {
  try {
    return statSync(path.join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Whether node_modules is missing, or older than package-lock.json (a dependency changed since). */
export function needsInstall() {
  if (!existsSync(path.join(root, 'node_modules'))) return true;
  const lock = mtime('package-lock.json');
  const installed = mtime(path.join('node_modules', '.package-lock.json')) ?? mtime('node_modules');
  return lock !== undefined && installed < lock;
}

/**
 * npm ci (npm install without a lock file) when {@link needsInstall}; `log` is told what happens.
 * `again` names the command to repeat after fixing a failure (npm start, npm test).
 */
export async function installDependencies({ log, again, onChild }) {
  if (!needsInstall()) {
    log('Dependencies are up to date (依赖已是最新)');
    return;
  }
  const hasLock = existsSync(path.join(root, 'package-lock.json'));
  log(`Installing dependencies: npm ${hasLock ? 'ci' : 'install'} (安装依赖)`);
  const code = await run(npm, hasLock ? ['ci'] : ['install'], { onChild });
  if (code !== 0) {
    throw new SetupError(
      `Installing the dependencies failed (exit code ${code}): check the messages above (network access to the npm registry, Node.js version), then run ${again} again.`,
    );
  }
}

/** The Debian packages of `packages` not installed here; empty when dpkg is absent (not Debian: nothing to check). */
export function missingDebianPackages(packages) {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  if (dpkg.error) return [];
  const installed = new Set(
    dpkg.stdout
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  return packages.filter((name) => !installed.has(name));
}

/** The one command that installs `packages` on Debian or Ubuntu. */
export const aptCommand = (packages) => `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;

/** Whether this process may install Debian packages itself: root, on a machine with apt-get. */
export function canInstallDebianPackages() {
  if (isWindows || process.getuid?.() !== 0) return false;
  return !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error;
}

/**
 * Installs `packages` with apt-get (as .ci/run does) when running as root; otherwise returns false and
 * installs nothing, so the caller prints {@link aptCommand}. Waits up to 5 minutes for another apt-get
 * holding the package lock. Throws {@link SetupError} when apt-get fails.
 */
export async function installDebianPackages(packages, { log }) {
  if (packages.length === 0) return true;
  if (!canInstallDebianPackages()) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  log(`Installing Debian packages: ${packages.join(' ')} (apt-get, as root) (安装系统软件包)`);
  if ((await run('apt-get', [...lockWait, 'update', '-qq'], { env })) !== 0) {
    throw new SetupError(`apt-get update failed: check the messages above (network access to the Debian mirror), or run ${aptCommand(packages)} yourself.`);
  }
  if ((await run('apt-get', [...lockWait, 'install', '-y', '-qq', '--no-install-recommends', ...packages], { env })) !== 0) {
    throw new SetupError(`apt-get install ${packages.join(' ')} failed: see the messages above, fix the cause, or run ${aptCommand(packages)} yourself.`);
  }
  return true;
}

/** The Debian packages of the CJK fonts the built renderer finds missing (dist/ must exist); empty when it finds them all. */
async function missingFontPackages() {
  const { findFonts, MissingFontError } = await import(path.join(root, 'dist/libs/replies/src/render/fonts.js'));
  try {
    findFonts();
    return [];
  } catch (error) {
    if (!(error instanceof MissingFontError)) throw error;
    return error.debianPackages.length > 0 ? error.debianPackages : FONT_PACKAGES;
  }
}

/**
 * The CJK fonts the signed PDFs need (looked up as the built renderer does, so dist/ must exist; licensed
 * faces in /usr/share/fonts count) and the Debian packages of `tools`, installed with one apt-get as root.
 * Otherwise throws a {@link SetupError} with the one command to run; when only `optionalTools` are
 * missing it warns with that command and returns.
 */
export async function ensureDebianPackages({ tools = [], optionalTools = false, log, again }) {
  const fonts = await missingFontPackages();
  const missingTools = missingDebianPackages(tools);
  const missing = [...fonts, ...missingTools];
  if (missing.length === 0) return;
  if (await installDebianPackages(missing, { log })) {
    if ((await missingFontPackages()).length > 0) throw new SetupError(`The CJK fonts are still missing after apt-get install ${fonts.join(' ')}: see the messages above, then run ${again} again.`);
    return;
  }
  const why = [
    ...(fonts.length > 0 ? ['signed replies are rendered to PDF with CJK fonts, and this machine has none (licensed faces in /usr/share/fonts would also do)'] : []),
    ...(missingTools.length > 0 ? [`the tests need ${missingTools.join(' and ')}`] : []),
  ].join('; ');
  const message = `Missing Debian packages (${why}): run ${aptCommand(missing)}, then ${again} again.`;
  if (fonts.length === 0 && optionalTools) {
    console.warn(`${message} Going on: only the specs that use them will fail.`);
    return;
  }
  throw new SetupError(message);
}

/**
 * The built API (dist/): `npm run build:api` when dist/ or the file a script runs is missing. Only the
 * TypeScript of the API, worker, scripts and migrations, not the web app.
 */
export async function ensureBuilt(file, { log, again }) {
  if (existsSync(path.join(root, 'dist')) && existsSync(path.join(root, file))) return;
  if (!existsSync(path.join(root, 'node_modules/.bin/tsc'))) {
    throw new SetupError(`${file} is not built and the TypeScript compiler is not installed (a production install omits it): run npm ci, then npm run build:api, then ${again} again.`);
  }
  log(`${file} is missing: building the API first (npm run build:api) (编译)`);
  if ((await run(npm, ['run', 'build:api'])) !== 0) throw new SetupError(`The TypeScript build failed: fix the errors shown above, then run ${again} again.`);
  if (!existsSync(path.join(root, file))) throw new SetupError(`The build did not produce ${file}: update your checkout, then run ${again} again.`);
}
