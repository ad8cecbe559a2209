import { CORE_ERRORS, codesOf, errorCode, type ErrorCatalog } from '#app/core';
import { PROPOSALS_ERRORS } from '#app/proposals';

/**
 * Every error code the handling lib answers with (assigning and 交办会, acceptance, adjustment,
 * deadlines, extensions). The codes are what clients see and never change; throw sites use {@link HandlingErrorCode}.
 */
export const HANDLING_ERRORS = {
  ASSIGNMENT_NOT_FOUND: errorCode.notFound('No assignment you may see has this id'),
  ADJUSTMENT_NOT_FOUND: errorCode.notFound('No adjustment request you may see has this id'),
  EXTENSION_NOT_FOUND: errorCode.notFound('No extension request you may see has this id'),
  DEADLINE_NOT_FOUND: errorCode.notFound('The assignment has no deadline of this kind'),
  PROPOSAL_NOT_FOUND: PROPOSALS_ERRORS.PROPOSAL_NOT_FOUND,
  DUPLICATE_PROPOSAL: errorCode.invalid('A bulk assignment names one proposal twice'),
  UNIT_NOT_HANDLING: errorCode.invalid('A unit named is not a handling unit (承办单位) of your committee'),
  ASSIGNMENT_UNITS_INVALID: errorCode.invalid('The units of an assignment break a rule (one lead unit, no unit twice …); details.fields names it'),
  DUE_DATE_PAST: errorCode.invalid('replyDueDate is not after the assignment date'),
  SUPERVISOR_NOT_IN_COMMITTEE: PROPOSALS_ERRORS.SUPERVISOR_NOT_IN_COMMITTEE,
  EXTENSION_NOT_LATER: errorCode.invalid('The due date asked or granted is not after the current one'),
  NOT_ASSIGNED_UNIT: errorCode.forbidden('Only the assigned unit may do this'),
  ASSIGNMENT_ILLEGAL_TRANSITION: errorCode.conflict('The assignment’s status does not allow this step (see the transition table)'),
  ASSIGNMENT_NOT_OPEN: errorCode.conflict('The assignment is no longer open for this'),
  ASSIGNMENT_NOT_ACCEPTED: errorCode.conflict('The unit has not accepted (签收) the assignment yet'),
  NOT_A_CO_UNIT: errorCode.conflict('Only a co-unit’s (会办) opinion can be waived'),
  ADJUSTMENT_NOT_OPEN: errorCode.conflict('Adjustment (申请调整) is asked for only before the unit accepts the assignment'),
  ADJUSTMENT_WINDOW_CLOSED: errorCode.conflict('The window for asking adjustment has closed'),
  ADJUSTMENT_PENDING: errorCode.conflict('A request for adjustment of this assignment is already before the committee'),
  ADJUSTMENT_DECIDED: errorCode.conflict('The adjustment request was already decided'),
  EXTENSION_PENDING: errorCode.conflict('An extension request of this assignment is already waiting for the committee'),
  EXTENSION_DECIDED: errorCode.conflict('The extension request was already decided'),
  DEADLINE_NOT_OPEN: errorCode.conflict('The deadline is no longer running'),
  DEADLINE_NOT_PAUSED: errorCode.conflict('The deadline’s clock is not stopped, so it cannot be resumed'),
  DEADLINE_RUNNING: errorCode.conflict('The assignment’s deadline is still running'),
  STALE_VERSION: CORE_ERRORS.STALE_VERSION,
} as const satisfies ErrorCatalog;

export const HandlingErrorCode = codesOf(HANDLING_ERRORS);
export type HandlingErrorCode = keyof typeof HANDLING_ERRORS;
