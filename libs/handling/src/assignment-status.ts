import { AssignmentStatus } from './assignment.entity.js';

export enum AssignmentAction {
  Accept = 'accept',
  Reply = 'reply',
  Close = 'close',
  /** 调整: the committee approved the unit's request; another unit (or none, for a co-unit) takes over */
  Reassign = 'reassign',
  /** 免于会签: the committee waives a co-unit's opinion; its assignment ends */
  Waive = 'waive',
  /** the committee reopens the proposal (with a reason): a unit that had replied is back to replied */
  Reopen = 'reopen',
  /** 重新办理: the committee orders the unit to handle again after a 不满意; it drafts a second reply */
  Rehandle = 'rehandle',
}

const S = AssignmentStatus;

/** An assignment's own lifecycle: accepted (签收) by its unit, replied when its reply is dispatched. */
export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentAction, { from: readonly AssignmentStatus[]; to: AssignmentStatus }>> = {
  [AssignmentAction.Accept]: { from: [S.Assigned], to: S.Accepted },
  [AssignmentAction.Reply]: { from: [S.Accepted], to: S.Replied },
  [AssignmentAction.Close]: { from: [S.Replied], to: S.Closed },
  [AssignmentAction.Reassign]: { from: [S.Assigned], to: S.Reassigned },
  [AssignmentAction.Waive]: { from: [S.Assigned, S.Accepted], to: S.Closed },
  [AssignmentAction.Reopen]: { from: [S.Closed], to: S.Replied },
  [AssignmentAction.Rehandle]: { from: [S.Replied], to: S.Accepted },
};

export function nextAssignmentStatus(from: AssignmentStatus, action: AssignmentAction): AssignmentStatus | null {
  const rule = ASSIGNMENT_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}
