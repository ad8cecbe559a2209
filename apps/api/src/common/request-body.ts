import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from '#app/core';
import { ApiErrorCode } from './api.errors.js';

/** Largest JSON body (attachments are multipart, limited by ATTACHMENT_MAX_BYTES). */
export const JSON_BODY_LIMIT = '1mb';
/** Deepest nesting a JSON body may have; the deepest DTO is 3 levels. */
export const JSON_MAX_DEPTH = 16;

/** Half of a UTF-16 surrogate pair without its other half (String.prototype.isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The routes taking multipart/form-data: an attachment upload, and a spreadsheet to import (dry run or confirm). */
const MULTIPART_ROUTE = /^\/api\/(proposals\/[^/]+\/attachments|imports\/(org|proposals)\/[^/]+(\/dry-run)?)\/?$/;

const refuse = (response: Response, body: ErrorBody): void => {
  response.status(body.statusCode).json(body);
};

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Only JSON (and multipart on the upload route) is read: anything else is a 415 saying what to send. */
function requireKnownContentType(request: Request, response: Response, next: NextFunction): void {
  if (!request.path.startsWith('/api/') || !hasBody(request)) return next();
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || (type === 'multipart/form-data' && request.method === 'POST' && MULTIPART_ROUTE.test(request.path))) return next();
  refuse(response, {
    statusCode: 415,
    code: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: `Send the body as application/json${MULTIPART_ROUTE.test(request.path) ? ' (an attachment as multipart/form-data)' : ''}; got ${type || 'no content type'}`,
  });
}

/** body-parser's refusals in the API's error shape, naming what was wrong. */
function bodyParserErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') {
    return refuse(response, {
      statusCode: 400,
      code: ApiErrorCode.MALFORMED_JSON,
      message: `The body is not valid JSON (${(error as Error).message}); send one JSON object`,
    });
  }
  if (type === 'entity.too.large') {
    return refuse(response, { statusCode: 413, code: ApiErrorCode.BODY_TOO_LARGE, message: `The body is larger than ${JSON_BODY_LIMIT}; send less (attachments go to the attachments route)` });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return refuse(response, { statusCode: 415, code: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Send the body as UTF-8 JSON' });
  }
  next(error);
}

/**
 * The first problem in a parsed body that no DTO should have to think about: nesting deeper than
 * {@link JSON_MAX_DEPTH}, a NUL character (PostgreSQL cannot store it in text) or a lone UTF-16
 * surrogate (not Unicode; it would be stored as U+FFFD, silently changed). Returns the field and problem.
 */
export function bodyShapeProblem(value: unknown, path = '', depth = 0): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path || 'body', problem: 'must not contain the NUL character (\\u0000)' };
    if (LONE_SURROGATE.test(value)) return { field: path || 'body', problem: 'must be valid Unicode (a lone surrogate was sent)' };
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= JSON_MAX_DEPTH) return { field: path || 'body', problem: `is nested more than ${JSON_MAX_DEPTH} levels deep` };
  for (const [key, inner] of Object.entries(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    // JSON.parse keeps "__proto__" as an own key, which class-transformer then drops without a word.
    if (key === '__proto__') return { field, problem: 'should not exist' };
    const keyProblem = bodyShapeProblem(key, field, depth + 1);
    if (keyProblem) return keyProblem;
    const problem = bodyShapeProblem(inner, field, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function refuseOddShapes(request: Request, response: Response, next: NextFunction): void {
  const found = request.path.startsWith('/api/') ? (bodyShapeProblem(request.body) ?? bodyShapeProblem(request.query)) : null;
  if (!found) return next();
  refuse(response, {
    statusCode: 400,
    code: ApiErrorCode.VALIDATION_FAILED,
    message: `Invalid request: ${found.field}: ${found.field} ${found.problem}`,
    details: { fields: [{ field: found.field, problems: [`${found.field} ${found.problem}`] }] },
  });
}

/** A path segment that does not decode (bytes that are not UTF-8, a broken %-escape) becomes this: U+FFFD, which no route parameter takes. */
const UNDECODABLE = encodeURIComponent('\ufffd');

/**
 * Express refuses a route parameter that does not decode with a bare "Failed to decode param" that names
 * no parameter. Such a segment is replaced by U+FFFD before routing, so the route's parameter pipe refuses
 * it with the usual 400 naming the parameter (and a static segment simply does not match: 404).
 */
function replaceUndecodableSegments(request: Request, _response: Response, next: NextFunction): void {
  if (!request.url.startsWith('/api/')) return next();
  const at = request.url.indexOf('?');
  const path = at < 0 ? request.url : request.url.slice(0, at);
  if (!path.includes('%')) return next();
  const segments = path.split('/').map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      return UNDECODABLE;
    }
  });
  request.url = segments.join('/') + (at < 0 ? '' : request.url.slice(at));
  next();
}

/**
 * What every request body goes through before any controller: a known content type, JSON of at most
 * 1 MB parsed strictly (objects and arrays only), then no deep nesting, NUL or broken Unicode; a path
 * segment that does not decode is made one no parameter takes. Each refusal is a 4xx in the API's error
 * shape, before anything is read from or written to the database.
 */
export function guardRequestBodies(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.use(replaceUndecodableSegments);
  express.use(requireKnownContentType);
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT, strict: true });
  express.use(bodyParserErrors);
  express.use(refuseOddShapes);
}
