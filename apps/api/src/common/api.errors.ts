import { CORE_ERRORS, codesOf, errorCode, type ErrorCatalog } from '#app/core';
import { AUTH_ERRORS } from '#app/auth';
import { FEEDBACK_ERRORS } from '#app/feedback';
import { HANDLING_ERRORS } from '#app/handling';
import { NOTIFICATIONS_ERRORS } from '#app/notifications';
import { ORG_ERRORS } from '#app/org';
import { PROPOSALS_ERRORS } from '#app/proposals';
import { REPLIES_ERRORS } from '#app/replies';
import { STATISTICS_ERRORS } from '#app/statistics';
import { IMPORTS_ERRORS } from '#app/imports';

/**
 * The error codes the HTTP layer answers with itself, before a request reaches a lib: a body it cannot
 * read, a field refused at the edge, an upload over the limit. The codes never change; throw sites use {@link ApiErrorCode}.
 */
export const API_ERRORS = {
  VALIDATION_FAILED: CORE_ERRORS.VALIDATION_FAILED,
  UNSUPPORTED_MEDIA_TYPE: CORE_ERRORS.UNSUPPORTED_MEDIA_TYPE,
  /** The queue board's (/admin/queues) refusal of anyone but a signed-in administrator. */
  UNAUTHENTICATED: CORE_ERRORS.UNAUTHENTICATED,
  MALFORMED_JSON: errorCode.http(400, 'The body is not valid JSON'),
  BODY_TOO_LARGE: errorCode.http(413, 'The JSON body is larger than the limit (attachments go to the attachments route)'),
  /** 413 here, where the upload stream is cut off; the proposals lib's ATTACHMENT_TOO_LARGE of a file it was handed is 400. */
  ATTACHMENT_TOO_LARGE: errorCode.http(413, 'The uploaded file is larger than ATTACHMENT_MAX_BYTES'),
  MALFORMED_MULTIPART: errorCode.invalid('The multipart upload could not be read (a part not named file, a bad header)'),
} as const satisfies ErrorCatalog;

export const ApiErrorCode = codesOf(API_ERRORS);
export type ApiErrorCode = keyof typeof API_ERRORS;

/**
 * Every catalogue, by where its codes come from, for whoever enumerates what an operation may answer
 * (the OpenAPI document). A code may stand in two catalogues (a lib reusing a lower lib's code), and in
 * two places with different statuses (SESSION_NOT_FOUND, ATTACHMENT_TOO_LARGE): each catalogue is right for its own throw sites.
 */
export const ERROR_CATALOGS = {
  api: API_ERRORS,
  core: CORE_ERRORS,
  org: ORG_ERRORS,
  auth: AUTH_ERRORS,
  notifications: NOTIFICATIONS_ERRORS,
  proposals: PROPOSALS_ERRORS,
  handling: HANDLING_ERRORS,
  replies: REPLIES_ERRORS,
  feedback: FEEDBACK_ERRORS,
  statistics: STATISTICS_ERRORS,
  imports: IMPORTS_ERRORS,
} as const satisfies Record<string, ErrorCatalog>;

/** Every error code the system answers with, sorted, each once. */
export const ALL_ERROR_CODES: readonly string[] = [...new Set(Object.values(ERROR_CATALOGS).flatMap((catalog) => Object.keys(catalog)))].sort();
