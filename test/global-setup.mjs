/**
 * Once per test run: a fresh database with every migration applied (from the build `npm test` has
 * just made), and a Redis key prefix of its own, so runs never see each other's data. Jest workers
 * inherit the environment set here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalSetup() {
  const runId = `${Date.now()}_${process.pid}`;
  const name = `cppcc_test_${runId}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${ADMIN_DATABASE_URL} (start it, or set TEST_DATABASE_ADMIN_URL to one that runs): ${error.message}`,
      { cause: error },
    );
  }
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let redisError;
  redis.on('error', (error) => (redisError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    await admin.end();
    throw new Error(
      `Tests need Redis at ${redisUrl} (start one with: redis-server --daemonize yes, or set TEST_REDIS_URL): ${(redisError ?? error).message}`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = redisUrl;
  process.env.REDIS_PREFIX = `cppcc-test-${runId}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.TEST_DATABASE_NAME = name;
  // Every spec logs in from 127.0.0.1, a lot: limits no spec reaches, but for the throttling specs, which set low ones.
  process.env.RATE_LIMIT_PUBLIC ??= '1000000';
  process.env.RATE_LIMIT_AUTH ??= '1000000';
  // Attachments of this run go to a folder of its own, removed by the teardown.
  process.env.STORAGE_DRIVER = 'disk';
  process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), 'cppcc-test-attachments-'));
  const { migrate } = await import('../dist/scripts/db.js');
  await migrate(process.env.DATABASE_URL);
}
