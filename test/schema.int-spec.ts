import { pendingSchemaChanges } from '../scripts/db.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('the schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(new Date());
  });
  afterAll(() => t.close());

  it('is exactly what the entities describe: migrations and entities have not drifted', async () => {
    const { up } = await pendingSchemaChanges(process.env.DATABASE_URL as string);
    expect(up).toEqual([]);
  });

  it('keeps audit entries append-only, enforced by PostgreSQL', async () => {
    const committee = await t.committee();
    const [entry] = await t.dataSource.query('SELECT id FROM audit_entries WHERE committee_id = $1 LIMIT 1', [committee.committeeId]);
    expect(entry).toBeDefined();
    await expect(t.dataSource.query("UPDATE audit_entries SET action = 'forged' WHERE id = $1", [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_entries WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
  });

  it('runs every session with JIT off (the database setting a migration makes)', async () => {
    const [{ jit }] = (await t.dataSource.query('SHOW jit')) as Array<{ jit: string }>;
    expect(jit).toBe('off');
  });
});
