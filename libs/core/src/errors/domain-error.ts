import { CoreErrorCode } from './core.errors.js';

/** What kind of failure a domain error is; the HTTP filter maps each kind to one status. */
export type DomainErrorKind =
  | 'invalid' // 400: the request is well-formed but its content breaks a rule
  | 'unauthenticated' // 401
  | 'forbidden' // 403: the actor may see the record but not do this to it
  | 'not_found' // 404: missing, or hidden from this actor
  | 'conflict' // 409: illegal state transition or stale version
  | 'too_many' // 429: try again later (details.retryAfterSeconds becomes the Retry-After header)
  | 'unavailable'; // 503: a service the request needs cannot be reached; try again in a moment

/**
 * A rule of the domain was broken. `code` is stable and machine-readable (e.g. `PROPOSAL_ILLEGAL_TRANSITION`);
 * `message` is for people and says what to do.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError('not_found', `${entity.toUpperCase()}_NOT_FOUND`, `${entity} ${id} was not found`);
  }

  /** A 400 that names the field at fault, in the same shape as the validation pipe's. */
  static invalidField(field: string, problem: string, code: string = CoreErrorCode.VALIDATION_FAILED): DomainError {
    return new DomainError('invalid', code, `Invalid request: ${problem}`, { fields: [{ field, problems: [problem] }] });
  }

  static staleVersion(entity: string, id: string, expected: number): DomainError {
    return new DomainError(
      'conflict',
      CoreErrorCode.STALE_VERSION,
      `${entity} ${id} was changed by someone else since version ${expected}; reload it and try again`,
      { expectedVersion: expected },
    );
  }
}
