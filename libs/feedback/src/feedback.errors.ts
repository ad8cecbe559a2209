import { codesOf, errorCode, type ErrorCatalog } from '#app/core';

/**
 * Every error code the feedback lib answers with (members' feedback, 重新办理, 当面协商, closing).
 * The codes are what clients see and never change; throw sites use {@link FeedbackErrorCode}.
 */
export const FEEDBACK_ERRORS = {
  NOT_PROPOSER: errorCode.forbidden('Only a proposer of the proposal gives feedback (committee staff record a paper form)'),
  NOT_REPLIED: errorCode.conflict('The proposal is not replied, so this step does not apply yet'),
  NO_DISPATCHED_REPLY: errorCode.conflict('The proposal has no dispatched reply yet'),
  FEEDBACK_EXISTS: errorCode.conflict('Feedback on this reply was given already'),
  FEEDBACK_WINDOW_CLOSED: errorCode.conflict('The feedback window (征询意见期限) on this reply has closed'),
  FEEDBACK_COMPLETE: errorCode.conflict('Every proposer has given feedback on the current reply already'),
  FEEDBACK_MISSING: errorCode.conflict('The lead proposer has not given feedback yet, and its window is still open'),
  NOT_DISSATISFIED: errorCode.conflict('No proposer rated the current reply 不满意, so 重新办理 does not apply'),
  CONSULTATION_NEXT: errorCode.conflict('The unit has handled the proposal again already; a second 不满意 is met face to face (当面协商)'),
  CONSULTATION_NOT_DUE: errorCode.conflict('当面协商 follows a 不满意 on a re-handled reply'),
  CONSULTATION_REQUIRED: errorCode.conflict('A second 不满意 awaits its face-to-face consultation (当面协商) before closing'),
} as const satisfies ErrorCatalog;

export const FeedbackErrorCode = codesOf(FEEDBACK_ERRORS);
export type FeedbackErrorCode = keyof typeof FEEDBACK_ERRORS;
