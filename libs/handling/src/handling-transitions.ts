import { DomainError } from '#app/core';
import { AdjustmentStatus } from './adjustment-request.entity.js';
import { DeadlineStatus } from './deadline.entity.js';
import { ExtensionStatus } from './extension-request.entity.js';
import { HandlingErrorCode } from './handling.errors.js';

/*
 * The lifecycles of a deadline, an adjustment request (申请调整) and an extension request (延期申请), as
 * tables in the style of ASSIGNMENT_TRANSITIONS: each action names the statuses it may start from and the
 * status it leads to. Every status change of these three goes through the table; the `require…` checks
 * throw the same error codes and messages the inline checks did before.
 */

/** The status an action leaves unchanged (an extension moves the date, not the status). */
export const UNCHANGED = 'unchanged' as const;

interface Transition<S> {
  from: readonly S[];
  to: S | typeof UNCHANGED;
}

export enum DeadlineAction {
  /** a met or cancelled deadline starts again (e.g. 重新办理, reopening); a running one may not */
  Restart = 'restart',
  /** 延期: the due date moves; a stopped clock stays stopped */
  Extend = 'extend',
  /** 暂停计时 */
  StopClock = 'stop-clock',
  /** 恢复计时 */
  ResumeClock = 'resume-clock',
  /** the thing was done */
  Meet = 'meet',
  Cancel = 'cancel',
}

const D = DeadlineStatus;

export const DEADLINE_TRANSITIONS: Readonly<Record<DeadlineAction, Transition<DeadlineStatus>>> = {
  [DeadlineAction.Restart]: { from: [D.Met, D.Cancelled], to: D.Open },
  [DeadlineAction.Extend]: { from: [D.Open, D.Paused], to: UNCHANGED },
  [DeadlineAction.StopClock]: { from: [D.Open], to: D.Paused },
  [DeadlineAction.ResumeClock]: { from: [D.Paused], to: D.Open },
  [DeadlineAction.Meet]: { from: [D.Open, D.Paused], to: D.Met },
  [DeadlineAction.Cancel]: { from: [D.Open, D.Paused], to: D.Cancelled },
};

/** The status after the action, or null when the action is not allowed from `from`. */
export function nextDeadlineStatus(from: DeadlineStatus, action: DeadlineAction): DeadlineStatus | null {
  const rule = DEADLINE_TRANSITIONS[action];
  if (!rule.from.includes(from)) return null;
  return rule.to === UNCHANGED ? from : rule.to;
}

/** What a deadline check needs of the deadline (the error messages name its kind and date). */
interface DeadlineLike {
  kind: string;
  status: DeadlineStatus;
  dueDate: string;
}

function deadlineRefusal(deadline: DeadlineLike, action: DeadlineAction): DomainError {
  switch (action) {
    case DeadlineAction.Restart:
      return new DomainError('conflict', HandlingErrorCode.DEADLINE_RUNNING, `This assignment's ${deadline.kind} deadline is still running (due ${deadline.dueDate})`);
    case DeadlineAction.Extend:
      return new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_OPEN, `The ${deadline.kind} deadline is ${deadline.status}; only a running deadline can be extended`);
    case DeadlineAction.StopClock:
      return new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_OPEN, `The ${deadline.kind} deadline is ${deadline.status}; its clock cannot be stopped`);
    case DeadlineAction.ResumeClock:
      return new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_PAUSED, `The ${deadline.kind} deadline's clock is not stopped`);
    case DeadlineAction.Meet:
    case DeadlineAction.Cancel:
      return new DomainError('conflict', HandlingErrorCode.DEADLINE_NOT_OPEN, `The ${deadline.kind} deadline is ${deadline.status}`);
  }
}

/** The deadline's status after the action; throws the action's conflict error when it is not allowed. */
export function requireDeadlineAllowed(deadline: DeadlineLike, action: DeadlineAction): DeadlineStatus {
  const to = nextDeadlineStatus(deadline.status, action);
  if (!to) throw deadlineRefusal(deadline, action);
  return to;
}

export enum RequestAction {
  Approve = 'approve',
  Reject = 'reject',
}

const A = AdjustmentStatus;

/** 申请调整: pending until the committee decides, once. */
export const ADJUSTMENT_TRANSITIONS: Readonly<Record<RequestAction, Transition<AdjustmentStatus>>> = {
  [RequestAction.Approve]: { from: [A.Pending], to: A.Approved },
  [RequestAction.Reject]: { from: [A.Pending], to: A.Rejected },
};

export function nextAdjustmentStatus(from: AdjustmentStatus, action: RequestAction): AdjustmentStatus | null {
  const rule = ADJUSTMENT_TRANSITIONS[action];
  if (!rule.from.includes(from)) return null;
  return rule.to === UNCHANGED ? from : rule.to;
}

export function requireAdjustmentAllowed(request: { status: AdjustmentStatus }, action: RequestAction): AdjustmentStatus {
  const to = nextAdjustmentStatus(request.status, action);
  if (!to) throw new DomainError('conflict', HandlingErrorCode.ADJUSTMENT_DECIDED, `This request was already ${request.status}`);
  return to;
}

const E = ExtensionStatus;

/** 延期申请: pending until the committee decides, once. */
export const EXTENSION_TRANSITIONS: Readonly<Record<RequestAction, Transition<ExtensionStatus>>> = {
  [RequestAction.Approve]: { from: [E.Pending], to: E.Approved },
  [RequestAction.Reject]: { from: [E.Pending], to: E.Rejected },
};

export function nextExtensionStatus(from: ExtensionStatus, action: RequestAction): ExtensionStatus | null {
  const rule = EXTENSION_TRANSITIONS[action];
  if (!rule.from.includes(from)) return null;
  return rule.to === UNCHANGED ? from : rule.to;
}

export function requireExtensionAllowed(request: { status: ExtensionStatus }, action: RequestAction): ExtensionStatus {
  const to = nextExtensionStatus(request.status, action);
  if (!to) throw new DomainError('conflict', HandlingErrorCode.EXTENSION_DECIDED, `This extension request was already ${request.status}`);
  return to;
}
