/** Drops the run's database, deletes its Redis keys and its attachments folder (KEEP_TEST_DATABASE=1 keeps the database). */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { ADMIN_DATABASE_URL } from './global-setup.mjs';

export default async function globalTeardown() {
  const name = process.env.TEST_DATABASE_NAME;
  if (name && process.env.KEEP_TEST_DATABASE !== '1') {
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  const attachments = process.env.STORAGE_DIR;
  if (attachments?.startsWith(tmpdir())) rmSync(attachments, { recursive: true, force: true });
  const prefix = process.env.REDIS_PREFIX;
  if (prefix?.startsWith('cppcc-test-')) {
    const { deleteRedisKeys } = await import('../dist/libs/core/src/index.js');
    await deleteRedisKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
  }
}
