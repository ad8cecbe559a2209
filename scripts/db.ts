/**
 * Database schema commands (run from the build: `node dist/scripts/db.js <command>`; npm scripts wrap them).
 *   create            create the database named in DATABASE_URL if it does not exist
 *   run               apply pending migrations
 *   revert            undo the last migration
 *   generate <Name>   write migrations/<unix-ms>-<Name>.ts from the difference between entities and schema
 *   check             exit 1 when entities and migrations have drifted apart (CI runs this)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig } from '#app/core';
import { DATABASE_PARTS } from '#migrations';

export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const source = new DataSource({ type: 'postgres', url: admin.toString() });
  await source.initialize();
  try {
    const rows: unknown[] = await source.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return false;
    await source.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await source.destroy();
  }
}

export async function migrate(url: string): Promise<string[]> {
  const source = new DataSource(dataSourceOptions(url, DATABASE_PARTS, 2));
  await source.initialize();
  try {
    const applied = await source.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await source.destroy();
  }
}

/** SQL that would bring the schema in line with the entities (empty when they agree). */
export async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  const source = new DataSource(dataSourceOptions(url, DATABASE_PARTS, 2));
  await source.initialize();
  try {
    const log = await source.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await source.destroy();
  }
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

function register(file: string, className: string): void {
  const indexPath = path.join(process.cwd(), 'migrations', 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const begin = index.indexOf('// migrations:begin');
  const end = index.indexOf('// migrations:end');
  const block = index.slice(begin, end);
  const existing = [...block.matchAll(/^\s+(\w+),$/gm)].map((m) => m[1]);
  const classes = [...existing, className];
  const importLine = `import { ${className} } from './${file}.js';\n`;
  const newBlock = `// migrations:begin (maintained by \`npm run migration:generate\`)\nexport const MIGRATIONS = [\n${classes.map((c) => `  ${c},`).join('\n')}\n];\n`;
  writeFileSync(indexPath, importLine + index.slice(0, begin) + newBlock + index.slice(end));
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const { DATABASE_URL } = loadConfig();
  switch (command) {
    case 'create': {
      const created = await createDatabaseIfMissing(DATABASE_URL);
      console.log(created ? 'database created' : 'database exists');
      return;
    }
    case 'run': {
      const applied = await migrate(DATABASE_URL);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return;
    }
    case 'revert': {
      const source = new DataSource(dataSourceOptions(DATABASE_URL, DATABASE_PARTS, 2));
      await source.initialize();
      await source.undoLastMigration({ transaction: 'each' });
      await source.destroy();
      console.log('reverted the last migration');
      return;
    }
    case 'generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        throw new Error('Name the change in PascalCase: npm run migration:generate -- AddReplyTemplates');
      }
      const { up, down } = await pendingSchemaChanges(DATABASE_URL);
      if (up.length === 0) {
        console.log('no schema changes: entities and migrations agree');
        return;
      }
      const stamp = Date.now();
      const file = `${stamp}-${name}`;
      const className = `${name}${stamp}`;
      writeFileSync(path.join(process.cwd(), 'migrations', `${file}.ts`), migrationSource(className, up, down));
      register(file, className);
      console.log(`wrote migrations/${file}.ts (${up.length} statements); review it, then npm run build && npm run migration:run`);
      return;
    }
    case 'check': {
      const { up } = await pendingSchemaChanges(DATABASE_URL);
      if (up.length > 0) {
        console.error(`Entities and migrations have drifted; generate a migration. Pending:\n${up.join(';\n')}`);
        process.exitCode = 1;
        return;
      }
      console.log('entities and migrations agree');
      return;
    }
    default:
      throw new Error('usage: db.js create|run|revert|generate <Name>|check');
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (isMain) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
