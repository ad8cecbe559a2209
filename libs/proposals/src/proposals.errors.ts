import { CORE_ERRORS, codesOf, errorCode, type ErrorCatalog } from '#app/core';

/**
 * Every error code the proposals lib answers with (entry, co-signing, attachments, review, settings).
 * The codes are what clients see and never change; throw sites use {@link ProposalsErrorCode}.
 */
export const PROPOSALS_ERRORS = {
  PROPOSAL_NOT_FOUND: errorCode.notFound('No proposal you may see has this id'),
  ATTACHMENT_NOT_FOUND: errorCode.notFound('No attachment of a proposal you may see has this id'),
  INVITATION_NOT_FOUND: errorCode.notFound('You are not invited to co-sign this proposal'),
  /** A field of the request, so 400 here (the org lib's SESSION_NOT_FOUND of a session's own route is 404). */
  SESSION_NOT_FOUND: errorCode.invalid('sessionId names no session (届次) of your committee'),
  NOT_A_MEMBER: errorCode.invalid('onBehalfOfUserId is not a CPPCC member (委员) of your committee'),
  PROPOSER_REQUIRED: errorCode.invalid('onBehalfOfUserId is required: the user entering the proposal is not a member'),
  SUPERVISOR_NOT_IN_COMMITTEE: errorCode.invalid('supervisorUserId is not a user of your committee'),
  ATTACHMENT_TOO_LARGE: errorCode.invalid('The file is larger than ATTACHMENT_MAX_BYTES'),
  ATTACHMENT_NAME_REFUSED: errorCode.invalid('The file’s name is not one the system stores (path parts, control characters, too long)'),
  ATTACHMENT_TYPE_REFUSED: errorCode.invalid('The file is not of an allowed type, or its content does not match its name'),
  NOT_LEAD_PROPOSER: errorCode.forbidden('Only the lead proposer (领衔人) may do this to the proposal'),
  PROXY_ENTRY_DENIED: errorCode.forbidden('Only committee staff may enter a proposal on behalf of a member (代录)'),
  PROPOSAL_ILLEGAL_TRANSITION: errorCode.conflict('The proposal’s status does not allow this step (see the transition table)'),
  PROPOSAL_NOT_EDITABLE: errorCode.conflict('The proposal (or its attachments) can be changed only before it is submitted'),
  COSIGNED_TEXT_FROZEN: errorCode.conflict('Members have co-signed the text, so it can no longer change'),
  TOO_MANY_ATTACHMENTS: errorCode.conflict('The proposal carries the most attachments it may'),
  COSIGNING_CLOSED: errorCode.conflict('Co-signing is closed: the co-signers were fixed at submission'),
  COSIGN_DEADLINE_PASSED: errorCode.conflict('The co-signing deadline has passed; a late answer does not count'),
  MERGE_TARGET_NOT_FILED: errorCode.conflict('A proposal is merged (并案) only into a filed proposal not yet replied'),
  PROPOSAL_ALREADY_ASSIGNED: errorCode.conflict('Deadline rules are set before the proposal is assigned'),
  STALE_VERSION: CORE_ERRORS.STALE_VERSION,
} as const satisfies ErrorCatalog;

export const ProposalsErrorCode = codesOf(PROPOSALS_ERRORS);
export type ProposalsErrorCode = keyof typeof PROPOSALS_ERRORS;
