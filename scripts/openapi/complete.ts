import type { OpenAPIObject } from '@nestjs/swagger';
import type { JsonSchema, ResponseSchemas } from './response-schemas.js';

/** What the document needs to know of a route beyond Nest's own document: is it public, which permission it needs. */
export interface RouteFacts {
  public: boolean;
  permission: string | null;
}

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema; example?: unknown }>; headers?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
  tags?: string[];
};

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The one error shape of the API (ADR 0018): every 4xx and 5xx answer. */
export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: 'object',
  description: '每个错误答复的形状 · The shape of every error answer (4xx, 5xx)',
  properties: {
    statusCode: { type: 'integer', description: 'the HTTP status again', example: 409 },
    code: { type: 'string', description: 'stable and machine-readable: what went wrong', example: 'STALE_VERSION' },
    message: { type: 'string', description: 'for people: what went wrong and what to do', example: 'proposal … was changed by someone else since version 3; reload it and try again' },
    details: {
      type: 'object',
      description: 'a 400: `fields` names each field at fault; a 409 STALE_VERSION: `expectedVersion`; a 429: `retryAfterSeconds`',
      properties: {
        fields: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string', example: 'title' }, problems: { type: 'array', items: { type: 'string' }, example: ['title must be 2 to 200 characters long'] } },
            required: ['field', 'problems'],
          },
        },
        expectedVersion: { type: 'integer' },
        retryAfterSeconds: { type: 'integer' },
      },
      additionalProperties: true,
    },
  },
  required: ['statusCode', 'code', 'message'],
};

/** The committee header every authenticated route reads. */
export const COMMITTEE_HEADER = {
  name: 'X-Committee-Id',
  in: 'header',
  required: false,
  description:
    '所属政协：属于多个政协的用户必须发送，只属于一个的可省略 · The committee to act in: required when the user belongs to several committees (400 COMMITTEE_REQUIRED without it), optional otherwise; a committee the user does not belong to is a 403 COMMITTEE_NOT_MEMBER.',
  schema: { type: 'string', format: 'uuid' },
};

const FILE_TYPES: Array<[RegExp, string]> = [
  [/\.pdf$/, 'application/pdf'],
  [/\.xlsx$/, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/\.docx$/, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  [/\.json$/, 'application/json'],
];

interface ErrorCase {
  status: string;
  why: string;
  codes: string[];
}

/** The errors an operation can answer, from what it takes and who may call it. */
export function errorsOf(path: string, method: string, operation: Operation, facts: RouteFacts, bodySchema: JsonSchema | undefined): ErrorCase[] {
  const inputs = (operation.parameters ?? []).filter((p) => p.in !== 'header');
  const hasBody = operation.requestBody !== undefined;
  const errors: ErrorCase[] = [];
  const badRequest = ['VALIDATION_FAILED'];
  if (hasBody) badRequest.push('MALFORMED_JSON');
  if (!facts.public) badRequest.push('COMMITTEE_REQUIRED');
  if (inputs.length > 0 || hasBody || !facts.public) errors.push({ status: '400', why: '请求不合规（details.fields 指出字段）· The request breaks a rule; details.fields names the fields', codes: badRequest });
  if (!facts.public) errors.push({ status: '401', why: '未登录或令牌失效 · Not logged in, or the token ended', codes: ['UNAUTHENTICATED', 'SESSION_ENDED', 'TOKEN_REVOKED'] });
  else if (path === '/api/auth/login') errors.push({ status: '401', why: '用户名或密码错误 · Wrong username or password', codes: ['BAD_CREDENTIALS'] });
  else if (path.startsWith('/api/auth/')) errors.push({ status: '401', why: '刷新令牌无效 · The refresh token is not valid', codes: ['REFRESH_TOKEN_INVALID', 'SESSION_ENDED'] });
  if (!facts.public) errors.push({ status: '403', why: '无权执行 · Not allowed', codes: ['PERMISSION_DENIED', 'NO_MEMBERSHIP', 'COMMITTEE_NOT_MEMBER'] });
  // A record named in the path, the query or the body may be missing, or hidden from the caller.
  if (/\{[^}]+\}/.test(path) || (!facts.public && (inputs.length > 0 || hasBody))) {
    errors.push({ status: '404', why: '记录不存在或不可见 · A record it names does not exist or is hidden from the caller', codes: ['<ENTITY>_NOT_FOUND'] });
  }
  const versioned = typeof bodySchema === 'object' && bodySchema !== null && Object.hasOwn((bodySchema.properties as object | undefined) ?? {}, 'version');
  // A record in a state that does not allow the step (a PDF before sign-off, an attachment once submitted).
  if (versioned || (!facts.public && (method !== 'get' || /\{[^}]+\}/.test(path)))) {
    errors.push({ status: '409', why: '记录已被他人修改或其状态不允许 · Changed by someone else since the version sent, or its present state does not allow it', codes: versioned ? ['STALE_VERSION', '<ENTITY>_ILLEGAL_TRANSITION'] : ['<ENTITY>_ILLEGAL_TRANSITION', 'CONFLICT'] });
  }
  if (hasBody) {
    errors.push({ status: '413', why: '请求体过大 · The body is too large', codes: ['BODY_TOO_LARGE', 'PAYLOAD_TOO_LARGE'] });
    errors.push({ status: '415', why: '请求体类型不对 · Send application/json (an attachment as multipart/form-data)', codes: ['UNSUPPORTED_MEDIA_TYPE'] });
  }
  errors.push({ status: '429', why: '请求过于频繁（Retry-After）· Too many requests; see Retry-After', codes: path === '/api/auth/login' ? ['RATE_LIMITED', 'ACCOUNT_LOCKED', 'ADDRESS_LOCKED'] : ['RATE_LIMITED'] });
  errors.push({ status: '503', why: '所需服务暂不可用，稍后重试 · A service it needs is down; try again in a moment', codes: path === '/api/auth/login' ? ['DATABASE_UNAVAILABLE', 'LOGIN_UNAVAILABLE'] : ['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'] });
  return errors;
}

/**
 * Completes Nest's document into the contract: each operation's success schema (from the compiler),
 * errors (the shared ErrorBody with their codes), security requirement, the X-Committee-Id header, and a
 * description that says who may call it. Throws when a route has no response schema read for it.
 */
export function completeDocument(document: OpenAPIObject, responses: ResponseSchemas, facts: Map<string, RouteFacts>, examples: Record<string, unknown>): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ??= {};
  for (const [name, schema] of Object.entries({ ...responses.components, ErrorBody: ERROR_BODY_SCHEMA })) {
    if (schemas[name]) throw new Error(`the schema name ${name} is both a request DTO and a view`);
    schemas[name] = schema;
  }
  const sharedResponses = ((document.components as { responses?: Record<string, unknown> }).responses ??= {});
  document.info.description = [
    '政协提案办理系统的 HTTP API。登录（POST /api/auth/login）取得访问令牌，以 `Authorization: Bearer <token>` 发送；属于多个政协的用户另以 `X-Committee-Id` 指明政协。列表统一以 `limit`/`offset` 分页，答复 `{ items, total, limit, offset }`；错误统一为 ErrorBody。详见 docs/api.md。',
    'The HTTP API of CPPCC proposal handling. Log in (POST /api/auth/login) for an access token, sent as `Authorization: Bearer <token>`; a user of several committees names one in `X-Committee-Id`. Every list pages with `limit`/`offset` and answers `{ items, total, limit, offset }`; every error is an ErrorBody. See docs/api.md.',
  ].join('\n\n');

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const id = operation.operationId;
      const read = responses.methods.get(id);
      const fact = facts.get(id);
      if (!read || !fact) throw new Error(`${method.toUpperCase()} ${path} (${id}): no controller method read for it`);

      const lines = [operation.description ?? ''];
      if (read.doc) lines.push(read.doc);
      lines.push(fact.public ? '公开，无须登录 · Public: no login needed.' : `权限 Permission: \`${fact.permission ?? 'any logged-in user'}\`.`);
      operation.description = lines.filter(Boolean).join('\n\n');

      operation.security = fact.public ? [] : [{ bearer: [] }];
      if (!fact.public) operation.parameters = [...(operation.parameters ?? []).filter((p) => p.name !== COMMITTEE_HEADER.name), COMMITTEE_HEADER];

      const successStatus = Object.keys(operation.responses).find((status) => status.startsWith('2')) ?? '200';
      const success = { description: operation.responses[successStatus]?.description || '成功 · Success' } as Operation['responses'][string];
      if (read.kind === 'json') success.content = { 'application/json': { schema: read.schema as JsonSchema } };
      else if (read.kind === 'binary') {
        // An attachment is answered with the type it was uploaded as.
        const type = FILE_TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? '*/*';
        success.content = { [type]: { schema: { type: 'string', format: 'binary' } } };
      }
      const answers: Operation['responses'] = { [successStatus]: success };
      const bodySchema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
      const resolvedBody = typeof bodySchema?.$ref === 'string' ? (schemas[bodySchema.$ref.split('/').pop() as string] as JsonSchema) : bodySchema;
      for (const error of errorsOf(path, method, operation, fact, resolvedBody)) {
        // One shared response per status and list of codes (components.responses), referenced by each operation.
        const name = `Error${error.status}_${error.codes.join('_').replace(/[^A-Za-z0-9_]/g, '')}`;
        sharedResponses[name] ??= {
          description: `${error.why}. Codes: ${error.codes.join(', ')}`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' }, example: { statusCode: Number(error.status), code: error.codes[0], message: error.why } } },
        };
        answers[error.status] = { $ref: `#/components/responses/${name}` } as unknown as Operation['responses'][string];
      }
      if (id === 'HealthController_check') answers['503'] = { description: '有依赖不可用，形状同 200 · A dependency is down; the same shape as 200', content: success.content };
      operation.responses = answers;

      const example = examples[id];
      if (example !== undefined) {
        const content = Object.values(operation.requestBody?.content ?? {})[0];
        if (content) content.example = example;
      }
    }
  }
  return document;
}

export interface OperationCheck {
  route: string;
  operationId: string;
  summary: string;
  response: string;
  errors: string[];
  problems: string[];
}

/** Each operation with what it lacks (summary, description, success schema, errors, security, typed parameters). */
export function checkOperations(document: OpenAPIObject): OperationCheck[] {
  const checks: OperationCheck[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const problems: string[] = [];
      if (!operation.summary || !/[\u4e00-\u9fff]/.test(operation.summary)) problems.push('no summary (Chinese first)');
      if (!operation.description) problems.push('no description');
      const statuses = Object.keys(operation.responses ?? {});
      const success = statuses.find((s) => s.startsWith('2'));
      const content = success ? operation.responses[success].content : undefined;
      const media = content ? Object.keys(content)[0] : undefined;
      const schema = media ? content?.[media].schema : undefined;
      let response = 'no body';
      if (!success) problems.push('no success response');
      else if (schema) response = `${success} ${media} ${typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : schema.type === 'array' ? `array of ${String((schema.items as JsonSchema)?.$ref ?? (schema.items as JsonSchema)?.type).split('/').pop()}` : (schema.format ?? schema.type ?? 'schema')}`;
      else if (success !== '204') problems.push(`no success schema (${success} without a body: answer 204)`);
      else response = '204 no body';
      const errors = statuses.filter((s) => !s.startsWith('2'));
      if (errors.length === 0) problems.push('no documented error');
      for (const status of errors) {
        const answer = resolveResponse(document, operation.responses[status]);
        const errorSchema = answer.content?.['application/json']?.schema;
        if (!errorSchema) problems.push(`error ${status} without a schema`);
      }
      if (!operation.security) problems.push('no security requirement');
      for (const parameter of operation.parameters ?? []) {
        const type = parameter.schema?.type ?? parameter.schema?.$ref ?? parameter.schema?.enum;
        if (!type || (parameter.schema?.type === 'object' && !parameter.schema.properties)) problems.push(`parameter ${parameter.name} has no type`);
      }
      const secured = (operation.security ?? []).length > 0;
      if (secured && !(operation.parameters ?? []).some((p) => p.in === 'header' && p.name === COMMITTEE_HEADER.name)) problems.push('no X-Committee-Id header');
      checks.push({ route: `${method.toUpperCase()} ${path}`, operationId: operation.operationId, summary: operation.summary ?? '', response, errors, problems });
    }
  }
  return checks;
}

/** A response object, or the shared one it references (`#/components/responses/…`). */
export function resolveResponse(document: OpenAPIObject, answer: Operation['responses'][string] | { $ref: string }): Operation['responses'][string] {
  const ref = (answer as { $ref?: string }).$ref;
  if (!ref) return answer as Operation['responses'][string];
  const shared = (document.components as { responses?: Record<string, Operation['responses'][string]> } | undefined)?.responses?.[ref.split('/').pop() as string];
  if (!shared) throw new Error(`no shared response ${ref}`);
  return shared;
}
