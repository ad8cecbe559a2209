import { codesOf, errorCode, type ErrorCatalog } from './error-codes.js';

/**
 * The error codes core answers with: the shared ones every lib may use (a field at fault, a stale
 * version), the holiday notice's, and those the HTTP filter gives to errors that carry no code of their own.
 */
export const CORE_ERRORS = {
  VALIDATION_FAILED: errorCode.invalid('A field of the request is missing or wrong; details.fields names each one'),
  STALE_VERSION: errorCode.conflict('The record changed since the version the client sent; reload it and try again'),
  NOTICE_UNREADABLE: errorCode.invalid('A sentence of the pasted holiday notice (放假通知) could not be read; no day was loaded'),
  NOTICE_YEAR_UNKNOWN: errorCode.invalid('The pasted holiday notice names no year'),
  NOTICE_YEAR_MISMATCH: errorCode.invalid('The pasted holiday notice is for another year than the one asked'),
  NOTICE_EMPTY: errorCode.invalid('The pasted holiday notice has no holiday entries'),
  NOTICE_DAY_TWICE: errorCode.invalid('The pasted holiday notice gives one day twice'),
  DUPLICATE: errorCode.http(409, 'A record with the same key exists already (a unique constraint refused the write)'),
  CONCURRENT_UPDATE: errorCode.http(409, 'A concurrent change got there first (serialization failure or deadlock); try again'),
  DATABASE_UNAVAILABLE: errorCode.http(503, 'The database cannot be reached; the change was not made, so repeating it is safe'),
  INTERNAL: errorCode.http(500, 'An unexpected error; the request id in the logs identifies it'),
  BAD_REQUEST: errorCode.http(400, 'A 400 of the framework that carried no code of its own'),
  UNAUTHENTICATED: errorCode.unauthenticated('No valid access token: log in first'),
  FORBIDDEN: errorCode.http(403, 'A 403 of the framework that carried no code of its own'),
  NOT_FOUND: errorCode.http(404, 'No such route or resource (a 404 of the framework that carried no code of its own)'),
  CONFLICT: errorCode.http(409, 'A 409 of the framework that carried no code of its own'),
  PAYLOAD_TOO_LARGE: errorCode.http(413, 'The request body is too large (a 413 of the framework that carried no code of its own)'),
  UNSUPPORTED_MEDIA_TYPE: errorCode.http(415, 'The request body is not in a type or encoding the route accepts'),
  TOO_MANY_REQUESTS: errorCode.http(429, 'Too many requests (a 429 of the framework that carried no code of its own)'),
} as const satisfies ErrorCatalog;

export const CoreErrorCode = codesOf(CORE_ERRORS);
export type CoreErrorCode = keyof typeof CORE_ERRORS;
