/**
 * The full-text search indexes (GIN on `(committee_id, search)`, ADR 11) during the bulk load: dropped
 * at the start and built again at the end from their own definitions, as pg_restore does. Inserting a
 * million vectors of ~600 lexemes into a live GIN costs far more than one sorted build, which also gets
 * a large `maintenance_work_mem` here. Every other index stays in place.
 */
import type pg from 'pg';

export interface IndexDefinition {
  name: string;
  definition: string;
}

/** Drops the schema's GIN indexes, returning their definitions to build them again with. */
export async function dropGinIndexes(client: pg.ClientBase): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
       FROM pg_class c JOIN pg_am am ON am.oid = c.relam
      WHERE c.relkind = 'i' AND am.amname = 'gin' AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  return rows;
}

/** Builds the indexes again, one per connection at a time, each with a large sort memory. */
export async function restoreGinIndexes(clients: readonly pg.ClientBase[], indexes: readonly IndexDefinition[], onProgress?: (line: string) => void): Promise<void> {
  const started = Date.now();
  const queue = [...indexes];
  await Promise.all(
    clients.map(async (client) => {
      await client.query("SET maintenance_work_mem = '1GB'");
      for (let index = queue.shift(); index; index = queue.shift()) await client.query(index.definition);
      await client.query('RESET maintenance_work_mem');
    }),
  );
  onProgress?.(`search indexes built: ${indexes.map((i) => i.name).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
