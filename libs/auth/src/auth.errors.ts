import { CORE_ERRORS, codesOf, errorCode, type ErrorCatalog } from '#app/core';
import { ORG_ERRORS } from '#app/org';

/**
 * Every error code the auth lib answers with (logging in, sessions, the committee of a request,
 * permissions, throttling). The codes are what clients see and never change; throw sites use {@link AuthErrorCode}.
 */
export const AUTH_ERRORS = {
  UNAUTHENTICATED: CORE_ERRORS.UNAUTHENTICATED,
  BAD_CREDENTIALS: errorCode.unauthenticated('Wrong username or password (or the user is not active)'),
  SESSION_ENDED: errorCode.unauthenticated('The session was ended (logged out, or the user deactivated): log in again'),
  TOKEN_REVOKED: errorCode.unauthenticated('The user’s roles changed since the token was issued: log in again'),
  REFRESH_TOKEN_INVALID: errorCode.unauthenticated('The refresh token is unknown, used, expired or revoked: log in again'),
  COMMITTEE_REQUIRED: errorCode.invalid('The user belongs to several committees and the request names none (X-Committee-Id)'),
  COMMITTEE_NOT_MEMBER: errorCode.forbidden('The user is not a member of the committee the X-Committee-Id header names'),
  NO_MEMBERSHIP: errorCode.forbidden('The user belongs to no committee'),
  PERMISSION_DENIED: errorCode.forbidden('The user’s role in this committee does not grant the permission the route needs'),
  VALIDATION_FAILED: CORE_ERRORS.VALIDATION_FAILED,
  WEAK_PASSWORD: errorCode.invalid('The new password breaks the password policy; details.fields says how'),
  WRONG_PASSWORD: errorCode.invalid('currentPassword is not the user’s current password'),
  USER_NOT_FOUND: ORG_ERRORS.USER_NOT_FOUND,
  ACCOUNT_LOCKED: errorCode.tooMany('Too many failed logins for this account; Retry-After says when to try again'),
  ADDRESS_LOCKED: errorCode.tooMany('Too many failed logins from this network address; Retry-After says when to try again'),
  RATE_LIMITED: errorCode.tooMany('Too many requests from this network address; Retry-After says when to try again'),
  LOGIN_UNAVAILABLE: errorCode.unavailable('Failed logins cannot be counted right now (Redis unreachable), so nobody logs in; try again shortly'),
} as const satisfies ErrorCatalog;

export const AuthErrorCode = codesOf(AUTH_ERRORS);
export type AuthErrorCode = keyof typeof AUTH_ERRORS;
