import { ReplyStatus } from './reply.entity.js';

export enum ReplyAction {
  Edit = 'edit',
  Submit = 'submit',
  Return = 'return',
  SignOff = 'sign-off',
  Dispatch = 'dispatch',
  /** to the unit's internal reviewers (optional step before sign-off) */
  SendForReview = 'send-for-review',
  /** the last reviewer of the round approves: on to the signing leader */
  ReviewApprove = 'review-approve',
  /** a reviewer sends it back to the drafter with a reason */
  ReviewReturn = 'review-return',
}

const S = ReplyStatus;

/**
 * A reply's chain: drafted, optionally reviewed inside the unit, sent to the signing leader, sent back
 * or signed, then dispatched.
 */
export const REPLY_TRANSITIONS: Readonly<Record<ReplyAction, { from: readonly ReplyStatus[]; to: ReplyStatus }>> = {
  [ReplyAction.Edit]: { from: [S.Drafting], to: S.Drafting },
  [ReplyAction.Submit]: { from: [S.Drafting], to: S.AwaitingSignOff },
  [ReplyAction.Return]: { from: [S.AwaitingSignOff], to: S.Drafting },
  [ReplyAction.SignOff]: { from: [S.AwaitingSignOff], to: S.Signed },
  [ReplyAction.Dispatch]: { from: [S.Signed], to: S.Dispatched },
  [ReplyAction.SendForReview]: { from: [S.Drafting], to: S.InReview },
  [ReplyAction.ReviewApprove]: { from: [S.InReview], to: S.AwaitingSignOff },
  [ReplyAction.ReviewReturn]: { from: [S.InReview], to: S.Drafting },
};

export function nextReplyStatus(from: ReplyStatus, action: ReplyAction): ReplyStatus | null {
  const rule = REPLY_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}
