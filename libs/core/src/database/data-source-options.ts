import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface DatabaseParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The one description of how we talk to PostgreSQL. The schema comes only from migrations:
 * `synchronize` is off everywhere, tests included.
 */
export function dataSourceOptions(url: string, parts: DatabaseParts, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migrations',
    uuidExtension: 'pgcrypto', // gen_random_uuid(), built into PostgreSQL 13+
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // A request waits at most 5 s for a connection when PostgreSQL is away (503, see isDatabaseUnavailable),
    // instead of hanging; the pool reconnects by itself when it is back.
    extra: { max: poolSize, application_name: 'cppcc', connectionTimeoutMillis: 5_000 },
  };
}
