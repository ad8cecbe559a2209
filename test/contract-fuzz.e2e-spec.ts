import fc from 'fast-check';
import pg from 'pg';
import type { OpenAPIObject } from '@nestjs/swagger';
import { chinaTime } from '#app/demo';
import { createOpenApiDocument } from '../apps/api/src/bootstrap.js';
import { migrate } from '../scripts/db.js';
import { fillBody, fillPath, MATRIX } from './authorization/matrix.js';
import { ACTORS, type ActorName, buildMatrixScenario, type MatrixIds } from './authorization/matrix-scenario.js';
import { registeredRoutes } from './authorization/routes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The contract fuzz test (issue #16): walks the OpenAPI document the app generates and, for every
 * operation that takes a body, query or path parameter, sends hostile values per schema type —
 * integers out of int4 and out of the documented range, fractions and "12abc", impossible dates,
 * over-long strings, wrong types, NUL and lone surrogates, arrays for objects and objects for arrays,
 * unknown fields — as an actor the authorization matrix allows on the route, with the matrix's real
 * ids. Each must answer 400 naming the field (details.fields or the message), never 5xx, and write
 * nothing: every table of the test's own database is counted before and after each operation's batch.
 *
 * An operation of the document without a matrix entry, a route the app registers that the document
 * lacks, a path parameter the document does not describe, or a schema the fuzz cannot read fails the
 * test: a new route is fuzzed the moment it is in the matrix, and cannot slip past. Values are drawn
 * from fixed boundary lists plus a few from fast-check generators with a fixed seed, so a run is repeatable.
 */

const SEED = 1616;
/** Random values per generator on top of the fixed boundaries: enough to vary, few enough for CI. */
const RANDOM_RUNS = 2;
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  nullable?: boolean;
  required?: string[];
};
type Location = 'path' | 'query' | 'body';

/** One hostile request: which field it aims at (as the API names it) and the value sent there. */
interface Case {
  location: Location;
  field: string;
  /** The value for the field; for `body` the whole body. */
  value: unknown;
  label: string;
}

const INT4_OVER = 2 ** 31;
const HUGE = 2 ** 63;

/** Days in the right form that are not days, or fall outside 1900–2200. */
const impossibleDays = (): string[] => [
  '2027-02-30',
  '2027-02-29',
  '2027-04-31',
  '2026-13-01',
  '2026-00-10',
  '2026-12-32',
  '0000-01-01',
  '1899-12-31',
  '2201-01-01',
  '20270-01-01',
  '2027-1-1',
  ...fc.sample(
    fc
      .tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }))
      .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate() + 1).padStart(2, '0')}`),
    { seed: SEED, numRuns: RANDOM_RUNS },
  ),
];

/** Whole numbers and look-alikes that no int4 field with this range accepts. */
function hostileIntegers(schema: Schema): unknown[] {
  const min = schema.minimum ?? -(2 ** 31);
  const max = schema.maximum ?? 2 ** 31 - 1;
  const values: unknown[] = [INT4_OVER, HUGE, -INT4_OVER - 1, 1.5, '12abc', true, [1], max + 1, min - 1];
  values.push(...fc.sample(fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }), { seed: SEED, numRuns: RANDOM_RUNS }));
  if (min > -1) values.push(-1);
  return [...new Set(values)];
}

/**
 * Longer than any text field may be (the longest, a reply's body, takes 100,000 characters), within the
 * 1 MB body limit: seeded random characters (CJK, emoji and combining marks among them), then 100,001 more.
 */
const [LONG_TEXT] = fc.sample(fc.string({ unit: 'grapheme', minLength: 200, maxLength: 200 }), { seed: SEED, numRuns: 1 }).map((text) => `${text}${'长'.repeat(100_001)}`);

/** Text no field takes: NUL, a lone surrogate, far too long, or not text at all. */
function hostileStrings(schema: Schema, location: Location): unknown[] {
  const values: unknown[] = [];
  if (schema.format === 'date') values.push(...impossibleDays());
  if (schema.format === 'date-time') values.push('2027-02-30T18:00:00+08:00', '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2027-02-29T00:00:00Z');
  if (schema.enum) values.push('not-one-of-them', `${String(schema.enum[0])} `);
  values.push('正\u0000文');
  if (location === 'body') {
    values.push('\ud800正文', 42, false, ['正文'], { text: '正文' });
    values.push(LONG_TEXT);
  } else {
    // A URL carries UTF-8 only (no lone surrogate); a second value makes the query field a list.
    values.push(['a', 'b'], 'x'.repeat(4_000));
  }
  return values;
}

/** Route parameter values no route takes: every route parameter of the API is a UUID, an enum, a date, a SHA-256 or a positive int4. */
/** Sent as they are, not encoded: bytes that are not UTF-8 (a lone surrogate's, a stray continuation) and a broken escape. */
const RAW_PATH_VALUES = ['%ED%A0%80', '%FF', '%E6%AD'];
const HOSTILE_PATH_VALUES = [String(INT4_OVER), String(HUGE), '-1', '1.5', '12abc', '2027-02-30', '2026-13-01', 'x'.repeat(300), '正\u0000文', "' OR '1'='1", '../../etc/passwd'];

/** The schema behind $ref and allOf. */
function resolve(doc: OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, (doc.components?.schemas as Record<string, Schema>)[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/**
 * Hostile values for one field of `schema`, as [field name, value] pairs (nested fields get their own
 * dotted names). `unreadable` collects schemas the fuzz cannot read: the document must describe them.
 */
function hostileFor(doc: OpenAPIObject, field: string, raw: Schema | undefined, location: Location, unreadable: string[], depth = 0): Array<[string, unknown]> {
  const schema = resolve(doc, raw);
  if (!schema) {
    unreadable.push(`${field}: no schema`);
    return [];
  }
  const pairs = (values: unknown[]): Array<[string, unknown]> => values.map((value) => [field, value]);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return pairs(location === 'query' ? hostileIntegers(schema).map((v) => (Array.isArray(v) ? ['1', '2'] : String(v))) : hostileIntegers(schema));
    case 'boolean':
      return pairs(location === 'query' ? ['yes', '1', 'TRUE', ['true', 'false']] : ['true', 1, 'yes', [true], null].filter((v) => v !== null));
    case 'string':
      return pairs(hostileStrings(schema, location));
    case 'array': {
      const items = resolve(doc, schema.items);
      const values: Array<[string, unknown]> = pairs(location === 'query' ? [] : [{ 0: 'a' }, '正文', 42]);
      if (location === 'body') {
        // Far more items than any list may hold, each an ordinary value.
        const plain = items?.type === 'integer' || items?.type === 'number' ? 1 : items?.type === 'object' || items?.properties ? {} : '00000000-0000-4000-8000-000000000000';
        values.push([field, Array.from({ length: 5_000 }, () => plain)]);
        // One hostile item, named as `field.0…`.
        if (depth < 2) for (const [inner, value] of hostileFor(doc, `${field}.0`, schema.items, location, unreadable, depth + 1).slice(0, 6)) values.push([inner, [value]]);
      } else if (location === 'query') for (const [, value] of hostileFor(doc, field, schema.items, location, unreadable, depth + 1).slice(0, 4)) values.push([field, value]);
      return values;
    }
    case 'object':
    case undefined: {
      if (schema.type === undefined && !schema.properties) {
        unreadable.push(`${field}: ${JSON.stringify(raw)}`);
        return [];
      }
      const values: Array<[string, unknown]> = pairs([[{}], '正文', 42, { __fuzzUnknown: 1 }]);
      if (depth < 2) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          for (const [inner, value] of hostileFor(doc, `${field}.${name}`, property, location, unreadable, depth + 1).slice(0, 5)) values.push([inner, { [name]: value }]);
        }
      }
      return values;
    }
    default:
      unreadable.push(`${field}: type ${schema.type}`);
      return [];
  }
}

interface Operation {
  method: string;
  /** `/api/proposals/{id}` as in the document. */
  docPath: string;
  /** `POST /api/proposals/:id` as in the matrix. */
  route: string;
  parameters: Array<{ in: string; name: string; schema?: Schema }>;
  body?: { type: string; schema: Schema };
}

function operationsOf(doc: OpenAPIObject): Operation[] {
  const operations: Operation[] = [];
  for (const [docPath, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item as Record<string, unknown>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: Schema }> } };
      const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        method: method.toUpperCase(),
        docPath,
        route: `${method.toUpperCase()} ${docPath.replace(/\{(\w+)\}/g, ':$1')}`,
        parameters: op.parameters ?? [],
        ...(type ? { body: { type, schema: content.schema } } : {}),
      });
    }
  }
  return operations;
}

/** The first actor the matrix lets through to the route's validation (not 401/403), preferring one the route serves. */
function allowedActor(expect: string): ActorName | undefined {
  const statuses = expect.trim().split(/\s+/).map(Number);
  const index = [statuses.findIndex((s) => s < 300 || s === 400 || s === 409), statuses.findIndex((s) => s !== 401 && s !== 403)].find((i) => i >= 0);
  return index === undefined ? undefined : ACTORS[index];
}

/** Whether the error body names `field` (or a field inside it): in details.fields, or in the message when there are none. */
function names(body: Record<string, unknown>, field: string): boolean {
  const normal = (name: string) => name.replace(/\[(\d+)\]/g, '.$1');
  const listed = (body.details as { fields?: Array<{ field: string }> } | undefined)?.fields;
  const wanted = normal(field);
  // The field itself, a field inside it, or the object or list holding it (a list for an object is refused whole).
  if (listed) return listed.map((f) => normal(f.field)).some((f) => f === wanted || f.startsWith(`${wanted}.`) || wanted.startsWith(`${f}.`));
  return typeof body.message === 'string' && body.message.includes(wanted);
}

describe('contract fuzz: every operation of the OpenAPI document, hostile values per schema type', () => {
  const name = `cppcc_fuzz_${Date.now()}_${process.pid}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  let t: TestApp;
  let doc: OpenAPIObject;
  let ids: MatrixIds;
  let tokens: Record<ActorName, string | null>;
  let tables: string[];

  /** Rows of every table of this test's database (its own, so no other spec writes there). */
  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await t.dataSource.query(`SELECT ${tables.map((table, i) => `(SELECT count(*)::int FROM "${table}") AS t${i}`).join(', ')}`);
    return Object.fromEntries(tables.map((table, i) => [table, row[`t${i}`] as number]));
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await migrate(url);
    t = await createTestApp(chinaTime('2021-03-01'), { DATABASE_URL: url });
    const c = await t.committee();
    ({ ids, tokens } = await buildMatrixScenario(t, c));
    doc = createOpenApiDocument(t.app);
    // The kept statistics are refreshed on the first read after a change: done here, so that the counts
    // around each batch see only what a hostile request itself wrote.
    expect((await t.http().get('/api/statistics').set('authorization', `Bearer ${tokens.staff}`)).status).toBe(200);
    tables = (
      await t.dataSource.query<Array<{ name: string }>>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
    ).map((row) => row.name);
    const [{ database }] = await t.dataSource.query<Array<{ database: string }>>('SELECT current_database() AS database');
    expect(database).toBe(name);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('documents every route the app registers, each in the authorization matrix, with every path parameter described', () => {
    const documented = operationsOf(doc).map((op) => op.route);
    const problems = [
      ...registeredRoutes(t.app)
        .filter((route) => !documented.includes(route))
        .map((route) => `${route}: registered but not in the OpenAPI document`),
      ...operationsOf(doc)
        .filter((op) => !(op.route in MATRIX))
        .map((op) => `${op.route}: in the document but not in test/authorization/matrix.ts (no actor or ids to fuzz it with)`),
      ...operationsOf(doc).flatMap((op) =>
        [...op.docPath.matchAll(/\{(\w+)\}/g)]
          .map((match) => match[1])
          .filter((param) => !op.parameters.some((p) => p.in === 'path' && p.name === param))
          .map((param) => `${op.route}: path parameter ${param} is not described`),
      ),
    ];
    expect(problems).toEqual([]);
  });

  it('answers every hostile value with a 400 naming the field, never 5xx, and writes nothing', async () => {
    const failures: string[] = [];
    const uncovered: string[] = [];
    let sent = 0;
    for (const op of operationsOf(doc)) {
      const entry = MATRIX[op.route];
      const actor = entry ? allowedActor(entry.expect) : undefined;
      if (!entry || !actor) {
        uncovered.push(`${op.route}: no matrix entry with an actor allowed to call it`);
        continue;
      }
      const [filledPath, baseQuery = ''] = fillPath(entry.path, ids).split('?');
      const baseBody = fillBody(entry.body, ids);
      const unreadable: string[] = [];
      const cases: Case[] = [];

      for (const parameter of op.parameters) {
        if (parameter.in === 'path') {
          for (const value of HOSTILE_PATH_VALUES) cases.push({ location: 'path', field: parameter.name, value: encodeURIComponent(value), label: JSON.stringify(value).slice(0, 40) });
          for (const value of RAW_PATH_VALUES) cases.push({ location: 'path', field: parameter.name, value, label: `raw ${value}` });
        } else if (parameter.in === 'query') {
          for (const [field, value] of hostileFor(doc, parameter.name, parameter.schema, 'query', unreadable)) {
            cases.push({ location: 'query', field, value, label: JSON.stringify(value).slice(0, 40) });
          }
        }
      }
      if (op.parameters.some((p) => p.in === 'query')) cases.push({ location: 'query', field: '__fuzzUnknown', value: '1', label: 'unknown query field' });
      if (op.body?.type === 'multipart/form-data') {
        // A route reading multipart only: any JSON body, hostile or not, lacks the file part it needs.
        const [part] = resolve(doc, op.body.schema)?.required ?? [];
        for (const value of [{}, { [part]: '正\u0000文' }, { [part]: LONG_TEXT }, { __fuzzUnknown: 1 }]) cases.push({ location: 'body', field: part, value, label: `JSON ${JSON.stringify(value).slice(0, 40)}` });
      } else if (op.body) {
        const schema = resolve(doc, op.body.schema);
        for (const [property, propertySchema] of Object.entries(schema?.properties ?? {})) {
          for (const [field, value] of hostileFor(doc, property, propertySchema, 'body', unreadable)) {
            cases.push({ location: 'body', field, value: { ...baseBody, [property]: value }, label: `${field}=${JSON.stringify(value)?.slice(0, 40)}` });
          }
        }
        cases.push({ location: 'body', field: '__fuzzUnknown', value: { ...baseBody, __fuzzUnknown: 1 }, label: 'unknown body field' });
      }
      for (const problem of unreadable) uncovered.push(`${op.route}: the document's schema of ${problem} cannot be fuzzed`);
      const takesInput = op.parameters.length > 0 || op.body !== undefined;
      if (!takesInput) continue;
      if (cases.length === 0) {
        uncovered.push(`${op.route}: takes input but no hostile case could be made`);
        continue;
      }

      const before = await counts();
      for (const test of cases) {
        let path = filledPath;
        if (test.location === 'path') {
          const docSegments = op.docPath.split('/');
          const segments = filledPath.split('/');
          const at = docSegments.indexOf(`{${test.field}}`);
          segments[at] = test.value as string;
          path = segments.join('/');
        }
        const query = new URLSearchParams(baseQuery);
        if (test.location === 'query') {
          query.delete(test.field);
          for (const value of Array.isArray(test.value) ? test.value : [test.value]) query.append(test.field, String(value));
        }
        const target = `${path}${query.size > 0 ? `?${query.toString()}` : ''}`;
        const verb = op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const request = t.http()[verb](target);
        const token = tokens[actor];
        if (token) request.set('authorization', `Bearer ${token}`);
        const body = test.location === 'body' ? test.value : baseBody;
        const response = op.method === 'GET' || op.method === 'DELETE' ? await request : await request.send(body as object);
        sent += 1;
        const answer = (response.body ?? {}) as Record<string, unknown>;
        const where = `${op.route} as ${actor}, ${test.location} ${test.label}`;
        if (response.status >= 500) failures.push(`${where}: ${response.status} ${String(answer.code)}`);
        else if (response.status !== 400) failures.push(`${where}: ${response.status} ${String(answer.code ?? '')} (a hostile value was not refused)`);
        else if (!names(answer, test.field)) failures.push(`${where}: 400 without naming ${test.field} (${JSON.stringify(answer).slice(0, 200)})`);
      }
      const after = await counts();
      const written = tables.filter((table) => after[table] !== before[table]).map((table) => `${table} ${before[table]}→${after[table]}`);
      if (written.length > 0) failures.push(`${op.route}: the batch wrote rows (${written.join(', ')})`);
    }
    expect({ uncovered, failures }).toEqual({ uncovered: [], failures: [] });
    expect(sent).toBeGreaterThan(1_000);
  }, 600_000);
});
