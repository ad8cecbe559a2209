import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** The array type each column type is sent as (varchar as text: the column casts it on insert). */
const ARRAY_TYPES: Readonly<Record<string, string>> = {
  uuid: 'uuid',
  varchar: 'text',
  text: 'text',
  char: 'text',
  jsonb: 'jsonb',
  timestamptz: 'timestamptz',
  date: 'date',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  boolean: 'boolean',
};

/**
 * Inserts many rows of an entity in one statement per chunk, each column sent as one array parameter and
 * unnested (`INSERT … SELECT * FROM unnest($1::uuid[], …)`), as reminders are planned. A 交办会 writes
 * thousands of rows: TypeORM's multi-row insert builds SQL with a parameter per value and spent more CPU
 * doing so than PostgreSQL spent inserting (bench/README.md). Only the properties some row sets are
 * written; the other columns take their defaults (version, created_at …). A generated uuid primary key
 * is filled in on every row first, so the caller has the ids without RETURNING.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: readonly T[], chunk = 5_000): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const values = rows as ReadonlyArray<Record<string, unknown>>;
  for (const column of metadata.primaryColumns) {
    if (column.generationStrategy !== 'uuid') continue;
    for (const row of values) row[column.propertyName] ??= randomUUID();
  }
  const columns = metadata.columns.filter((column) => values.some((row) => row[column.propertyName] !== undefined));
  const types = columns.map((column) => {
    const type = ARRAY_TYPES[String(column.type)];
    if (!type) throw new Error(`insertRows: ${metadata.tableName}.${column.databaseName} is of type ${String(column.type)}, which it does not send`);
    return type;
  });
  const sql = `INSERT INTO "${metadata.tableName}" (${columns.map((column) => `"${column.databaseName}"`).join(', ')})
    SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`;
  for (let start = 0; start < values.length; start += chunk) {
    const part = values.slice(start, start + chunk);
    await manager.query(
      sql,
      columns.map((column, i) =>
        part.map((row) => {
          const value = row[column.propertyName];
          if (value === undefined || value === null) return null;
          return types[i] === 'jsonb' ? JSON.stringify(value) : value;
        }),
      ),
    );
  }
}
