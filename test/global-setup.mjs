/**
 * Once per test run: a fresh database with every migration applied (from the build `npm test` has
 * just made), and a Redis key prefix of its own, so runs never see each other's data. Jest workers
 * inherit the environment set here.
 */
import pg from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalSetup() {
  const runId = `${Date.now()}_${process.pid}`;
  const name = `cppcc_test_${runId}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_DATABASE_URL} (set TEST_DATABASE_ADMIN_URL to use another): ${error.message}`, { cause: error });
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = `cppcc-test-${runId}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.TEST_DATABASE_NAME = name;
  const { migrate } = await import('../dist/scripts/db.js');
  await migrate(process.env.DATABASE_URL);
}
