import { HttpStatus } from '@nestjs/common';
import type { DomainErrorKind } from './domain-error.js';

/** The HTTP status of each kind of domain error (the filter answers with it). */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_many: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * What an error catalogue says of one code: the HTTP status it answers with, in one line what it means,
 * and the kind of {@link DomainError} it is thrown as (none for the few answered by the HTTP layer itself).
 */
export interface ErrorCodeInfo {
  readonly status: number;
  readonly kind?: DomainErrorKind;
  readonly meaning: string;
}

/**
 * Every error code a lib (or app) answers with: the code, which is also what clients see and so never
 * changes, → its status and meaning. One per lib, in `<lib>.errors.ts`, exported from the lib's index.
 */
export type ErrorCatalog = Readonly<Record<string, ErrorCodeInfo>>;

const domain =
  (kind: DomainErrorKind) =>
  (meaning: string): ErrorCodeInfo => ({ status: DOMAIN_ERROR_STATUS[kind], kind, meaning });

/** The entries of a catalogue, by kind: `errorCode.conflict('A reply exists already')`. */
export const errorCode = {
  invalid: domain('invalid'),
  unauthenticated: domain('unauthenticated'),
  forbidden: domain('forbidden'),
  notFound: domain('not_found'),
  conflict: domain('conflict'),
  tooMany: domain('too_many'),
  unavailable: domain('unavailable'),
  /** A code the HTTP layer answers with directly (not a DomainError), with its status. */
  http: (status: number, meaning: string): ErrorCodeInfo => ({ status, meaning }),
} as const;

/** The codes of a catalogue as typed constants for the throw sites: `codesOf({ A_B: … }).A_B === 'A_B'`. */
export function codesOf<const C extends ErrorCatalog>(catalog: C): { readonly [K in keyof C & string]: K } {
  return Object.freeze(Object.fromEntries(Object.keys(catalog).map((code) => [code, code]))) as { readonly [K in keyof C & string]: K };
}
