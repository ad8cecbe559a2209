import pg from 'pg';
import { deleteRedisKeys } from '#app/core';
import { migrate } from '../scripts/db.js';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchEnvironment {
  /** The BullMQ key prefix of this run. */
  prefix: string;
  /** Drops the database and deletes the run's Redis keys. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database and a Redis key prefix of its own for one benchmark run, set into the
 * environment the app's config reads (DATABASE_URL, REDIS_URL, REDIS_PREFIX; logs silent).
 */
export async function benchEnvironment(): Promise<BenchEnvironment> {
  const stamp = `${Date.now()}`;
  const database = `cppcc_bench_${stamp}`;
  const prefix = `cppcc-bench-${stamp}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = REDIS_URL;
  process.env.REDIS_PREFIX = prefix;
  process.env.LOG_LEVEL = 'silent';
  await migrate(process.env.DATABASE_URL);
  return {
    prefix,
    async dispose() {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
      await deleteRedisKeys(REDIS_URL, prefix);
    },
  };
}
