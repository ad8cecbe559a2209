/**
 * `npm run bench:generate -- --database cppcc_bench_1m --committees 3000 --proposals 1000000 [--seed 1]
 *   [--sessions 4] [--as-of 2026-09-15] [--fresh] [--skip-checks]`
 *
 * Creates the database if absent (on the server of BENCH_DATABASE_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; --database may also be a full postgres:// URL),
 * applies the product's migrations, fills it, runs the consistency checks and prints rows and sizes
 * per table. --fresh drops the database first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabaseIfMissing, migrate } from '../../scripts/db.js';
import { checkDataset, DEFAULT_AS_OF, generateDataset, summarizeDataset } from './index.js';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function databaseUrl(database: string): string {
  if (/^postgres(ql)?:\/\//.test(database)) return database;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      committees: { type: 'string', default: '3000' },
      proposals: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      sessions: { type: 'string', default: '4' },
      'as-of': { type: 'string', default: DEFAULT_AS_OF },
      fresh: { type: 'boolean', default: false },
      'skip-checks': { type: 'boolean', default: false },
    },
  });
  if (!values.database) throw new Error('--database is required (a name on the local server, or a postgres:// URL)');
  const url = databaseUrl(values.database);
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const started = Date.now();
  if (values.fresh) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
    await admin.end();
  }
  console.log(`${(await createDatabaseIfMissing(url)) ? 'created' : 'using'} database ${name}`);
  const applied = await migrate(url);
  console.log(applied.length ? `applied ${applied.length} migrations` : 'schema is up to date');

  const result = await generateDataset(url, {
    committees: Number(values.committees),
    proposals: Number(values.proposals),
    seed: Number(values.seed),
    sessions: Number(values.sessions),
    asOf: values['as-of'],
    onProgress: (line) => console.log(line),
  });
  console.log(`generated in ${seconds(result.ms)} (dataset as of ${result.asOf})`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: sizes } = await client.query<{ table: string; bytes: string }>(
      `SELECT c.relname AS table, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
    );
    const size = new Map(sizes.map((row) => [row.table, Number(row.bytes)]));
    console.log('\n| table | rows | total size |\n|---|---:|---:|');
    const tables = Object.entries(result.rows).sort((a, b) => (size.get(b[0]) ?? 0) - (size.get(a[0]) ?? 0));
    for (const [table, rows] of tables) console.log(`| ${table} | ${rows.toLocaleString('en')} | ${megabytes(size.get(table) ?? 0)} |`);
    const { rows: database } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    console.log(`| **database** | ${Object.values(result.rows).reduce((a, b) => a + b, 0).toLocaleString('en')} | ${megabytes(Number(database[0].bytes))} |`);

    console.log('');
    for (const [what, value] of await summarizeDataset(client)) console.log(`${what}: ${value}`);
    if (!values['skip-checks']) {
      const checksStarted = Date.now();
      const results = await checkDataset(client);
      console.log('\nconsistency checks:');
      for (const check of results) console.log(`  ${check.violations === 0 ? 'ok  ' : 'FAIL'} ${check.name}${check.violations ? ` (${check.violations} rows)` : ''} [${seconds(check.ms)}]`);
      console.log(`checks took ${seconds(Date.now() - checksStarted)}`);
      if (results.some((check) => check.violations > 0)) process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
  console.log(`\ntotal ${seconds(Date.now() - started)} (create, migrate, generate, checks)`);
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (isMain) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
