import { DomainError } from '#app/core';
import { AdjustmentStatus } from './adjustment-request.entity.js';
import { DeadlineStatus } from './deadline.entity.js';
import { ExtensionStatus } from './extension-request.entity.js';
import {
  ADJUSTMENT_TRANSITIONS,
  DEADLINE_TRANSITIONS,
  DeadlineAction,
  EXTENSION_TRANSITIONS,
  nextAdjustmentStatus,
  nextDeadlineStatus,
  nextExtensionStatus,
  RequestAction,
  requireAdjustmentAllowed,
  requireDeadlineAllowed,
  requireExtensionAllowed,
} from './handling-transitions.js';

const D = DeadlineStatus;
const DA = DeadlineAction;

/** Every (status, action) pair of a deadline that is allowed, and where it leads; everything else is refused. */
const DEADLINE_ALLOWED: Array<[DeadlineStatus, DeadlineAction, DeadlineStatus]> = [
  [D.Met, DA.Restart, D.Open],
  [D.Cancelled, DA.Restart, D.Open],
  [D.Open, DA.Extend, D.Open],
  [D.Paused, DA.Extend, D.Paused],
  [D.Open, DA.StopClock, D.Paused],
  [D.Paused, DA.ResumeClock, D.Open],
  [D.Open, DA.Meet, D.Met],
  [D.Paused, DA.Meet, D.Met],
  [D.Open, DA.Cancel, D.Cancelled],
  [D.Paused, DA.Cancel, D.Cancelled],
];

function refusal(check: () => unknown): { code: string; message: string } {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, message: (error as DomainError).message };
  }
  throw new Error('the transition was allowed');
}

describe('the deadline lifecycle table', () => {
  const allowed = new Map(DEADLINE_ALLOWED.map(([from, action, to]) => [`${from}|${action}`, to]));

  it.each(Object.values(DeadlineStatus).flatMap((from) => Object.values(DeadlineAction).map((action) => [from, action] as const)))(
    'from %s, %s leads where the domain says (or is refused)',
    (from, action) => {
      expect(nextDeadlineStatus(from, action)).toBe(allowed.get(`${from}|${action}`) ?? null);
    },
  );

  it('has one rule per action', () => {
    expect(Object.keys(DEADLINE_TRANSITIONS).sort()).toEqual(Object.values(DeadlineAction).sort());
  });

  it('refuses with the codes and messages the API has always answered', () => {
    const deadline = (status: DeadlineStatus) => ({ kind: 'reply', status, dueDate: '2026-05-01' });
    expect(refusal(() => requireDeadlineAllowed(deadline(D.Paused), DA.Restart))).toEqual({
      code: 'DEADLINE_RUNNING',
      message: "This assignment's reply deadline is still running (due 2026-05-01)",
    });
    expect(refusal(() => requireDeadlineAllowed(deadline(D.Met), DA.Extend))).toEqual({
      code: 'DEADLINE_NOT_OPEN',
      message: 'The reply deadline is met; only a running deadline can be extended',
    });
    expect(refusal(() => requireDeadlineAllowed(deadline(D.Paused), DA.StopClock))).toEqual({
      code: 'DEADLINE_NOT_OPEN',
      message: 'The reply deadline is paused; its clock cannot be stopped',
    });
    expect(refusal(() => requireDeadlineAllowed(deadline(D.Open), DA.ResumeClock))).toEqual({
      code: 'DEADLINE_NOT_PAUSED',
      message: "The reply deadline's clock is not stopped",
    });
    expect(refusal(() => requireDeadlineAllowed(deadline(D.Cancelled), DA.Meet)).code).toBe('DEADLINE_NOT_OPEN');
    expect(requireDeadlineAllowed(deadline(D.Paused), DA.ResumeClock)).toBe(D.Open);
  });
});

describe.each([
  ['adjustment request', ADJUSTMENT_TRANSITIONS, AdjustmentStatus, nextAdjustmentStatus, requireAdjustmentAllowed, 'ADJUSTMENT_DECIDED', 'This request was already'],
  ['extension request', EXTENSION_TRANSITIONS, ExtensionStatus, nextExtensionStatus, requireExtensionAllowed, 'EXTENSION_DECIDED', 'This extension request was already'],
] as const)('the %s lifecycle table', (_name, table, statuses, next, require, code, message) => {
  const allowed = new Map<string, string>([
    [`pending|${RequestAction.Approve}`, 'approved'],
    [`pending|${RequestAction.Reject}`, 'rejected'],
  ]);

  it.each(Object.values(statuses).flatMap((from) => Object.values(RequestAction).map((action) => [from, action] as const)))(
    'from %s, %s leads where the domain says (or is refused)',
    (from, action) => {
      expect((next as (f: string, a: RequestAction) => string | null)(from, action)).toBe(allowed.get(`${from}|${action}`) ?? null);
    },
  );

  it('has one rule per action and is decided once', () => {
    expect(Object.keys(table).sort()).toEqual(Object.values(RequestAction).sort());
    const decide = require as (request: { status: string }, action: RequestAction) => string;
    expect(decide({ status: 'pending' }, RequestAction.Approve)).toBe('approved');
    for (const status of ['approved', 'rejected']) {
      for (const action of Object.values(RequestAction)) {
        expect(refusal(() => decide({ status }, action))).toEqual({ code, message: `${message} ${status}` });
      }
    }
  });
});
