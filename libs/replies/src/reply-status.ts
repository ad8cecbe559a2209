import { ReplyStatus } from './reply.entity.js';

export enum ReplyAction {
  Edit = 'edit',
  Submit = 'submit',
  Return = 'return',
  SignOff = 'sign-off',
  Dispatch = 'dispatch',
}

const S = ReplyStatus;

/** A reply's chain: drafted, sent to the signing leader, sent back or signed, then dispatched. */
export const REPLY_TRANSITIONS: Readonly<Record<ReplyAction, { from: readonly ReplyStatus[]; to: ReplyStatus }>> = {
  [ReplyAction.Edit]: { from: [S.Drafting], to: S.Drafting },
  [ReplyAction.Submit]: { from: [S.Drafting], to: S.AwaitingSignOff },
  [ReplyAction.Return]: { from: [S.AwaitingSignOff], to: S.Drafting },
  [ReplyAction.SignOff]: { from: [S.AwaitingSignOff], to: S.Signed },
  [ReplyAction.Dispatch]: { from: [S.Signed], to: S.Dispatched },
};

export function nextReplyStatus(from: ReplyStatus, action: ReplyAction): ReplyStatus | null {
  const rule = REPLY_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}
