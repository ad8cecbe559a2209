import { DomainError } from '#app/core';
import { FollowUpStatus } from './follow-up.entity.js';
import { RepliesErrorCode } from './replies.errors.js';

/** Everything that moves a follow-up (跟踪办理). Each has exactly one row in {@link FOLLOW_UP_TRANSITIONS}. */
export enum FollowUpAction {
  /** the unit, or committee staff, records the second result */
  Record = 'record',
}

const S = FollowUpStatus;

/** A follow-up opens when a 不满意/基本满意 reply is dispatched and is done once its result is recorded. */
export const FOLLOW_UP_TRANSITIONS: Readonly<Record<FollowUpAction, { from: readonly FollowUpStatus[]; to: FollowUpStatus }>> = {
  [FollowUpAction.Record]: { from: [S.Open], to: S.Done },
};

export function nextFollowUpStatus(from: FollowUpStatus, action: FollowUpAction): FollowUpStatus | null {
  const rule = FOLLOW_UP_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}

/** The follow-up's status after the action; a 409 with today's code and message when it is not allowed. */
export function requireFollowUpAllowed(followUp: { status: FollowUpStatus; resultGrade: string | null }, action: FollowUpAction): FollowUpStatus {
  const to = nextFollowUpStatus(followUp.status, action);
  if (!to) throw new DomainError('conflict', RepliesErrorCode.FOLLOW_UP_RECORDED, `The follow-up result was already recorded (${followUp.resultGrade})`);
  return to;
}
