import { codesOf, errorCode, type ErrorCatalog } from '#app/core';
import { HANDLING_ERRORS } from '#app/handling';
import { ORG_ERRORS } from '#app/org';

/**
 * Every error code the replies lib answers with (drafting, review, sign-off, dispatch, templates,
 * follow-ups, the public check of a document). The codes are what clients see and never change;
 * throw sites use {@link RepliesErrorCode}.
 */
export const REPLIES_ERRORS = {
  REPLY_NOT_FOUND: errorCode.notFound('No reply you may see has this id'),
  VERSION_NOT_FOUND: errorCode.notFound('The reply has no version of this number'),
  FOLLOWUP_NOT_FOUND: errorCode.notFound('No follow-up you may see has this id'),
  TEMPLATE_NOT_FOUND: errorCode.notFound('The unit has no template of this kind (the default applies)'),
  DOCUMENT_NOT_FOUND: errorCode.notFound('No reply sent by a unit has this SHA-256: not a document this system signed, or altered'),
  UNIT_NOT_FOUND: ORG_ERRORS.UNIT_NOT_FOUND,
  GRADE_UNKNOWN: errorCode.invalid('grade is not one of the committee’s reply grades'),
  CONTACT_UNIT_OUTSIDE: errorCode.invalid('contactUnitId is neither the issuing unit nor one of its sub-units'),
  COPY_UNIT_NOT_OFFICE: ORG_ERRORS.COPY_UNIT_NOT_OFFICE,
  REPLY_INCOMPLETE: errorCode.invalid('The reply lacks fields it needs for this step; the message names them'),
  DISCLOSURE_NOTE_REQUIRED: errorCode.invalid('disclosureNote is required unless the reply is disclosed in full (全文公开)'),
  NOT_REPLY_UNIT: errorCode.forbidden('Only the unit that issues the reply may change it'),
  NOT_SIGNING_LEADER: errorCode.forbidden('Only a leader (签发人) of the issuing unit may do this'),
  SIGNER_IS_AUTHOR: errorCode.forbidden('The leader wrote a version of the reply; another leader signs it off'),
  NOT_A_REVIEWER: errorCode.forbidden('The user is not a reviewer of the draft, or has already decided'),
  NOT_UNIT_TEMPLATE: errorCode.forbidden('Only the unit’s own drafters and leaders manage its reply templates'),
  NOT_FOLLOW_UP_UNIT: errorCode.forbidden('Only the unit that replied, or the committee, records the follow-up result'),
  ASSIGNMENT_NOT_ACCEPTED: HANDLING_ERRORS.ASSIGNMENT_NOT_ACCEPTED,
  REPLY_EXISTS: errorCode.conflict('The assignment already has a reply; edit that one'),
  REPLY_ILLEGAL_TRANSITION: errorCode.conflict('The reply’s status does not allow this step (see the transition table)'),
  COUNTERSIGN_MISSING: errorCode.conflict('Not every co-unit’s opinion (会办意见) is in, nor waived'),
  UNIT_NO_DOC_PREFIX: errorCode.conflict('The unit has no document-number prefix (发文字号前缀) to number the reply with'),
  REPLY_NOT_CHECKABLE: errorCode.conflict('The committee checks a reply only once signed and before it is sent'),
  REPLY_NOT_SIGNED: errorCode.conflict('The reply is not signed off, so it has no document to render for dispatch'),
  FOLLOW_UP_RECORDED: errorCode.conflict('The follow-up result was already recorded'),
} as const satisfies ErrorCatalog;

export const RepliesErrorCode = codesOf(REPLIES_ERRORS);
export type RepliesErrorCode = keyof typeof REPLIES_ERRORS;
