#!/usr/bin/env node
/**
 * `npm start`: from a fresh clone to a running system in one command.
 *   1. npm ci, when node_modules is missing or older than package-lock.json (scripts/setup.mjs, shared with
 *      npm test)
 *   2. npm run build, when dist is missing or a source file changed since the last build
 *   3. PostgreSQL and Redis: DATABASE_URL / REDIS_URL if set, else local servers on the default ports,
 *      else an embedded PostgreSQL and a private redis-server kept under .data/ (see scripts/services.mjs)
 *   4. the CJK fonts of the signed PDFs (apt-get install as root, else the command is printed), create the
 *      database, apply migrations, load the demo data (prints the demo users)
 *   5. run the API and the worker until Ctrl-C, which stops them and anything step 3 started; the API serves
 *      the web app at http://localhost:PORT/, which is opened in the browser (not with BROWSER=none, on CI,
 *      or without a terminal)
 * Only Node built-ins are imported here: the dependencies may not be installed yet.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ensureDebianPackages, installDependencies, npm, root, SetupError } from './setup.mjs';

process.chdir(root);

const isWindows = process.platform === 'win32';
const STEPS = 5;
const BUILD_STAMP = path.join('dist', '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs', 'scripts', 'migrations', 'bench'];
const HEALTH_TIMEOUT_MS = 60_000;

/** An expected failure: its message is one sentence telling the user what to do. */
class Failure extends Error {}

const say = (step, line) => console.log(`[${step}/${STEPS}] ${line}`);
const note = (line) => console.log(`      ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------------------------------ child processes

let stepChild; // the short-lived command running now (npm ci, build, db scripts)
/** Remembers a step's child (started by scripts/setup.mjs) so a Ctrl-C stops it; forgotten when it exits. */
function trackStep(child) {
  stepChild = child;
  child.once('exit', () => {
    if (stepChild === child) stepChild = undefined;
  });
}
const apps = []; // { name, child } long-running: API and worker
const services = []; // { name, stop, kill? } from scripts/services.mjs
let servicesStarting = Promise.resolve(); // step 3 in flight: shutdown waits for it, then stops what it started
let shuttingDown = false;
let shutdownPromise;

/** Runs a command to completion with inherited stdio; resolves to its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, shell: isWindows && command.endsWith('.cmd') });
    stepChild = child;
    child.once('error', (error) => {
      stepChild = undefined;
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      stepChild = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function signalGroup(child, signal) {
  try {
    // API and worker run in their own process group (detached), so a terminal Ctrl-C reaches only this
    // script, which then stops them before the databases they use.
    if (!isWindows) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

async function stopApp({ child }) {
  if (!child.pid || hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function shutdown(code) {
  if (shutdownPromise) return shutdownPromise;
  shuttingDown = true;
  shutdownPromise = (async () => {
    if (stepChild && !hasExited(stepChild)) {
      const child = stepChild;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all(apps.map(stopApp));
    await servicesStarting.catch(() => {});
    await Promise.all(
      services.map(async (service) => {
        try {
          await service.stop();
        } catch (error) {
          console.error(`Could not stop ${service.name} cleanly: ${error.message}`);
        }
      }),
    );
    if (code === 0) console.log('Stopped (已停止).');
    process.exit(code);
  })();
  return shutdownPromise;
}

let signals = 0;
function onSignal(signal) {
  signals += 1;
  if (signals === 1 && !shuttingDown) {
    console.log('\nStopping (正在停止)…');
    void shutdown(0);
    return;
  }
  if (signals === 1) return; // already stopping after a failure
  console.log(`Got ${signal} again: forcing everything to stop (强制停止).`);
  for (const { child } of apps) if (!hasExited(child)) signalGroup(child, 'SIGKILL');
  for (const service of services) service.kill?.();
  process.exit(1);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));

// Last resort if this script dies some other way: do not leave the API and worker running.
process.on('exit', () => {
  for (const { child } of apps) if (!hasExited(child)) signalGroup(child, 'SIGTERM');
});

// ---------------------------------------------------------------------------------------------------- checks

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|tsx|css|html|svg)$/.test(entry.name)) newest = Math.max(newest, mtime(full) ?? 0);
  }
  return newest;
}

function needsBuild() {
  const built = mtime(BUILD_STAMP);
  if (!existsSync('dist') || built === undefined) return true;
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'].map((file) => mtime(file) ?? 0);
  return Math.max(...SOURCE_DIRS.map(newestSource), ...configs) > built;
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (used) => {
      socket.destroy();
      resolve(used);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ----------------------------------------------------------------------------------------------------- steps

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Failure(`This project needs Node.js 20.19 or newer (this is ${process.version}): install it, then run npm start again.`);
  }
}

async function install() {
  try {
    await installDependencies({ log: (line) => say(1, line), again: 'npm start', onChild: trackStep });
  } catch (error) {
    if (error instanceof SetupError) throw new Failure(error.message);
    throw error;
  }
}

async function build() {
  if (!needsBuild()) {
    say(2, 'Build is up to date (编译已是最新)');
    return;
  }
  say(2, 'Building: npm run build (编译)');
  const started = new Date();
  const code = await run(npm, ['run', 'build']);
  if (code !== 0) throw new Failure('The TypeScript build failed: fix the errors shown above, then run npm start again.');
  // The stamp carries the time the build started, so a file saved during the build triggers the next one.
  closeSync(openSync(BUILD_STAMP, 'w'));
  utimesSync(BUILD_STAMP, started, started);
}

async function startServices() {
  say(3, 'Finding PostgreSQL and Redis (检查数据库和 Redis)');
  const { ensurePostgres, ensureRedis, redact, ServiceError } = await import('./services.mjs');
  const dataDir = path.join(root, '.data');
  const where = { env: 'from the environment', local: 'local server', embedded: 'embedded, data in .data/postgres', private: 'private redis-server, started by npm start' };
  try {
    const postgres = await ensurePostgres({ dataDir, log: note });
    services.push({ name: 'PostgreSQL', ...postgres });
    note(`PostgreSQL: ${redact(postgres.url)} (${where[postgres.source]})`);
    const redis = await ensureRedis({ dataDir, log: note });
    services.push({ name: 'Redis', ...redis });
    note(`Redis: ${redact(redis.url)} (${where[redis.source]})`);
    return { DATABASE_URL: postgres.url, REDIS_URL: redis.url, redact };
  } catch (error) {
    if (error instanceof ServiceError) throw new Failure(error.message);
    throw error;
  }
}

/**
 * Signed replies are rendered to PDF with CJK fonts: installed with apt-get when run as root, otherwise the
 * command to install them is printed, before the seed signs one.
 */
async function checkFonts() {
  try {
    await ensureDebianPackages({ log: note, again: 'npm start' });
  } catch (error) {
    if (error instanceof SetupError) throw new Failure(error.message);
    throw error;
  }
}

async function prepareDatabase(env, redact) {
  say(4, 'Preparing the database: create, migrate, load demo data (准备数据库和演示数据)');
  await checkFonts();
  if ((await run(process.execPath, ['dist/scripts/db.js', 'create'], env)) !== 0) {
    throw new Failure(`Could not create the database at ${redact(env.DATABASE_URL)}: check the message above (is PostgreSQL running, is DATABASE_URL right?), then run npm start again.`);
  }
  if ((await run(process.execPath, ['dist/scripts/db.js', 'run'], env)) !== 0) {
    throw new Failure('Applying the database migrations failed: see the message above, then run npm start again.');
  }
  if (!existsSync('dist/scripts/seed.js')) {
    throw new Failure('dist/scripts/seed.js is missing, so the demo data cannot be loaded: update your checkout (scripts/seed.ts), then run npm start again.');
  }
  if ((await run(process.execPath, ['dist/scripts/seed.js'], env)) !== 0) {
    throw new Failure('Loading the demo data failed: see the message above, then run npm start again.');
  }
}

function startApp(name, script, env, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, script], { stdio: ['ignore', 'inherit', 'inherit'], env, detached: !isWindows });
  apps.push({ name, child });
  child.once('error', (error) => {
    if (shuttingDown) return;
    console.error(`Could not start the ${name}: ${error.message}.`);
    void shutdown(1);
  });
  child.once('exit', (code, signal) => {
    if (shuttingDown) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    console.error(`The ${name} stopped unexpectedly (${how}): see its messages above, fix the cause, then run npm start again.`);
    void shutdown(1);
  });
  return child;
}

function httpGet(url, timeoutMs = 5_000) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
  });
}

async function waitForHealth(url) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (shuttingDown) return new Promise(() => {}); // an exit handler is already stopping everything
    try {
      const { status, body } = await httpGet(url);
      if (status === 200) return;
      last = `HTTP ${status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error.code ?? error.message;
    }
    await sleep(500);
  }
  throw new Failure(`The API did not become healthy at ${url} within ${HEALTH_TIMEOUT_MS / 1000} s (last answer: ${last}): see the messages above, then run npm start again.`);
}

/** Checked before anything starts, and again just before the API starts. */
async function checkPort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Failure(`PORT must be a port number, not "${value}": fix it, then run npm start again.`);
  if (await portInUse(port)) {
    throw new Failure(`Port ${port} is already in use (is npm start already running?): stop that program or set PORT to a free port, then run npm start again.`);
  }
  return port;
}

async function runApps(env) {
  const port = await checkPort(env.PORT);
  say(5, 'Starting the API and the worker (启动 API 和后台任务)');
  // The API's heap limit, as in production (docs/deployment.md): V8's default lets garbage grow past 300 MB.
  startApp('API', 'dist/apps/api/src/main.js', env, ['--max-old-space-size=512']);
  startApp('worker', 'dist/apps/worker/src/main.js', env);
  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  const webUrl = `http://localhost:${port}/`;
  console.log('');
  console.log('Ready (已就绪):');
  console.log(`  Web app (网页):    ${webUrl}`);
  console.log(`  API (接口):        http://localhost:${port}/api`);
  console.log(`  API docs (文档):   http://localhost:${port}/api/docs`);
  console.log('  Demo users (演示账号): see the users and passwords printed above by the seed step');
  console.log('Press Ctrl-C to stop (按 Ctrl-C 停止).');
  openBrowser(webUrl);
}

/** Opens the web app in the desktop's browser, when there is someone at a terminal to see it. */
function openBrowser(url) {
  if (process.env.BROWSER === 'none' || process.env.CI || !process.stdout.isTTY) return;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : isWindows ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => console.log(`  Open ${url} in your browser (在浏览器中打开).`));
    child.unref();
  } catch {
    console.log(`  Open ${url} in your browser (在浏览器中打开).`);
  }
}

async function main() {
  checkNode();
  await checkPort(process.env.PORT || '3000');
  await install();
  await build();
  servicesStarting = startServices();
  const { DATABASE_URL, REDIS_URL, redact } = await servicesStarting;
  const env = {
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    NODE_ENV: process.env.NODE_ENV || 'development',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    PORT: process.env.PORT || '3000',
  };
  if (shuttingDown) return;
  await prepareDatabase(env, redact);
  if (shuttingDown) return;
  await runApps(env);
}

main().catch((error) => {
  if (shuttingDown) return; // stopping already (Ctrl-C while a step ran); its failure is expected
  if (error instanceof Failure) console.error(`\n${error.message}`);
  else {
    console.error(`\nnpm start failed unexpectedly: ${error?.message ?? error}; run it again with DEBUG=1 for details.`);
    if (process.env.DEBUG) console.error(error);
  }
  void shutdown(1);
});
