import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;
type Responses = Record<string, { $ref?: string; content?: Record<string, { schema?: Json }> }>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const DOCUMENT_ID = 'openapi';

/** OpenAPI 3.0 schemas as JSON Schema for ajv: `nullable` becomes a branch that takes null, refs point into the document. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, example: _example, ...rest } = value as Json;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' ? `${DOCUMENT_ID}${inner}` : key === 'enum' ? inner : toJsonSchema(inner)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/**
 * The committed openapi.json as a checker of answers (#19 item 3): each operation's documented status and,
 * for JSON, its schema for that status, compiled with ajv. Built once per test process.
 */
export class ResponseContract {
  private readonly ajv: Ajv;
  private readonly operations = new Map<string, { id: string; responses: Responses }>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly shared: Responses;
  private errorBody: ValidateFunction | undefined;

  constructor(document: Json) {
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    const components = document.components as { schemas: Json; responses?: Responses };
    this.shared = components.responses ?? {};
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: toJsonSchema(components.schemas) } });
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, { operationId: string; responses: Responses }>>)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation) this.operations.set(`${method.toUpperCase()} ${path}`, { id: operation.operationId, responses: operation.responses });
      }
    }
  }

  /**
   * What is wrong with an answer, or null: `route` as Express matched it (`GET /api/proposals/:id`), the
   * status, the media type and the parsed JSON body (undefined for another type).
   */
  check(route: string, status: number, mediaType: string, body: unknown): string | null {
    const key = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = this.operations.get(key);
    if (!operation) return `${route} is not in openapi.json`;
    // 304 Not Modified answers a browser's conditional GET (If-None-Match on Express's ETag): HTTP's own
    // revalidation of a 200 the client holds, with no body, so there is no schema to check it against.
    if (status === 304 && key.startsWith('GET ')) return null; // Express drops the handler's body for a 304
    const answer = operation.responses[String(status)];
    if (!answer) return `${operation.id} (${key}) answered ${status}, which openapi.json does not document (it documents ${Object.keys(operation.responses).join(', ')})`;
    const resolved = answer.$ref ? this.shared[answer.$ref.split('/').pop() as string] : answer;
    const content = resolved?.content ?? {};
    const documented = Object.keys(content);
    if (documented.length === 0) return body === undefined || body === '' ? null : `${operation.id} (${key}) ${status}: a body where none is documented`;
    if (!documented.includes(mediaType) && !documented.includes('*/*')) return `${operation.id} (${key}) ${status}: answered ${mediaType || 'no content type'}, documented ${documented.join(', ')}`;
    if (mediaType !== 'application/json' || body === undefined) return null; // a file, or JSON streamed as one
    // One validator per distinct schema (every error shares ErrorBody's): compiling is what costs.
    const schema = JSON.stringify(content[mediaType].schema ?? {});
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(JSON.parse(schema)) as Json);
      this.validators.set(schema, validate);
    }
    if (validate(body)) return null;
    return `${operation.id} (${key}) ${status}: ${this.ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
  }


  /** What is wrong with an error answer of no route (an unknown path, a refusal before routing), or null. */
  checkError(body: unknown): string | null {
    this.errorBody ??= this.ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/ErrorBody` });
    return this.errorBody(body) ? null : `not an ErrorBody: ${this.ajv.errorsText(this.errorBody.errors, { dataVar: 'body' })}`;
  }
}

let contract: ResponseContract | undefined;
/** The committed contract (openapi.json at the repository root; npm test runs from there). */
export const committedContract = (): ResponseContract => (contract ??= new ResponseContract(JSON.parse(readFileSync('openapi.json', 'utf8')) as Json));

/**
 * Checks every answer of the app's API routes against openapi.json: the JSON body the handler or the
 * error filter gave to `response.json` (before serialisation), the status and the media type. Returns the
 * mismatches (operation, status, ajv's error, the request) when called, which the test app's close() does.
 */
export function checkEveryAnswer(app: INestApplication): () => string[] {
  const mismatches: string[] = [];
  const pending: Array<() => void> = [];
  const contract = committedContract();
  app.use((request: IncomingMessage & { route?: { path: string }; originalUrl?: string }, response: ServerResponse & { json?: (body: unknown) => unknown }, next: () => void) => {
    const url = request.originalUrl ?? request.url ?? '';
    // OPTIONS (CORS preflight) and HEAD are answered by the framework, not by an operation of the document.
    if (request.method === 'OPTIONS' || request.method === 'HEAD') return next();
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || url.startsWith('/api/admin/queues')) return next();
    let body: unknown;
    const json = response.json?.bind(response);
    if (json) {
      response.json = (value: unknown) => {
        body = value;
        return json(value);
      };
    }
    response.on('finish', () => {
      const mediaType = String(response.getHeader('content-type') ?? '').split(';')[0].trim();
      const path = request.route?.path;
      if (!path) {
        // No route matched (an unknown path, or refused before routing): the answer is still an ErrorBody.
        if (response.statusCode >= 400 && mediaType === 'application/json') {
          const problem = contract.checkError(body);
          if (problem) mismatches.push(`${request.method} ${url} → ${response.statusCode}: ${problem}`);
        }
        return;
      }
      // The SPA fallback (`*path`, index.html) answers an unknown /api path with an ErrorBody 404.
      if (path === '*path') {
        if (response.statusCode >= 400 && mediaType === 'application/json') pending.push(() => {
          const problem = contract.checkError(body);
          if (problem) mismatches.push(`${request.method} ${url} → ${response.statusCode}: ${problem}`);
        });
        return;
      }
      const status = response.statusCode;
      // Checked when the app closes, not here: compiling a schema the first time takes long enough to stall
      // a browser spec waiting on the app in this same process.
      pending.push(() => {
        const problem = contract.check(`${request.method} ${path}`, status, mediaType, body);
        if (problem) mismatches.push(`${problem} (${request.method} ${url})`);
      });
    });
    next();
  });
  return () => {
    for (const run of pending.splice(0)) run();
    return mismatches;
  };
}
