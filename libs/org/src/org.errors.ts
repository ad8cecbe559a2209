import { codesOf, errorCode, type ErrorCatalog } from '#app/core';

/**
 * Every error code the org lib answers with (users, memberships, units, sessions, code tables, the
 * working calendar). The codes are what clients see and never change; throw sites use {@link OrgErrorCode}.
 */
export const ORG_ERRORS = {
  USER_NOT_FOUND: errorCode.notFound('No user of your committee has this id'),
  MEMBERSHIP_NOT_FOUND: errorCode.notFound('No membership of this user in your committee has this id'),
  UNIT_NOT_FOUND: errorCode.notFound('No unit of your committee has this id (or you may not see it)'),
  SESSION_NOT_FOUND: errorCode.notFound('No session (届次) of your committee has this id'),
  CALENDAR_DAY_NOT_FOUND: errorCode.notFound('Your committee has no working-calendar entry of its own for this day'),
  USERNAME_TAKEN: errorCode.conflict('Another user has this username'),
  USER_NOT_IN_COMMITTEE: errorCode.invalid('The named field is not a user of your committee'),
  MEMBERSHIP_UNIT: errorCode.invalid('memberships.unitId is required for a unit role and must be empty for any other'),
  MEMBERSHIP_UNIT_KIND: errorCode.invalid('The unit is not of a kind the membership’s role can belong to'),
  COPY_UNIT_NOT_OFFICE: errorCode.invalid('A unit named as a copy recipient (抄送单位) is not an office of your committee'),
  UNIT_CYCLE: errorCode.invalid('parentId would make the unit its own ancestor'),
  UNKNOWN_CODE: errorCode.invalid('The value is not one of the committee’s codes of that code table'),
  DUPLICATE_CODE: errorCode.invalid('A code table’s entries repeat a code'),
  PLENARY_WINDOW: errorCode.invalid('plenaryStart is after plenaryEnd'),
  CALENDAR_DAY_OUTSIDE_YEAR: errorCode.invalid('A calendar entry is not in the year being set'),
} as const satisfies ErrorCatalog;

export const OrgErrorCode = codesOf(ORG_ERRORS);
export type OrgErrorCode = keyof typeof ORG_ERRORS;
