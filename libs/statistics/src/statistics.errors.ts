import { codesOf, errorCode, type ErrorCatalog } from '#app/core';
import { ORG_ERRORS } from '#app/org';

/** Every error code the statistics lib answers with. The codes are what clients see and never change. */
export const STATISTICS_ERRORS = {
  UNIT_NOT_FOUND: ORG_ERRORS.UNIT_NOT_FOUND,
  SESSION_NOT_FOUND: ORG_ERRORS.SESSION_NOT_FOUND,
  STATISTICS_UNIT_ONLY: errorCode.forbidden('Unit leaders read the figures of their own units only: give unitId'),
  STATISTICS_COMMITTEE_ONLY: errorCode.forbidden('Only committee staff and administrators read the committee’s figures as a whole'),
  EXPORT_TOO_LARGE: errorCode.invalid('The filters select more rows than an export may hold (EXPORT_MAX_ROWS): narrow them'),
} as const satisfies ErrorCatalog;

export const StatisticsErrorCode = codesOf(STATISTICS_ERRORS);
export type StatisticsErrorCode = keyof typeof STATISTICS_ERRORS;
