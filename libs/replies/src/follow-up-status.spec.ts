import { DomainError } from '#app/core';
import { FollowUpStatus } from './follow-up.entity.js';
import { FOLLOW_UP_TRANSITIONS, FollowUpAction, nextFollowUpStatus, requireFollowUpAllowed } from './follow-up-status.js';

describe('the follow-up lifecycle table', () => {
  it('has one rule per action', () => {
    expect(Object.keys(FOLLOW_UP_TRANSITIONS).sort()).toEqual(Object.values(FollowUpAction).sort());
  });

  it('records the second result of an open follow-up, once', () => {
    expect(nextFollowUpStatus(FollowUpStatus.Open, FollowUpAction.Record)).toBe(FollowUpStatus.Done);
    expect(nextFollowUpStatus(FollowUpStatus.Done, FollowUpAction.Record)).toBeNull();
    expect(requireFollowUpAllowed({ status: FollowUpStatus.Open, resultGrade: null }, FollowUpAction.Record)).toBe(FollowUpStatus.Done);
  });

  it('refuses a second record with the code and message the API has always answered', () => {
    let refused: unknown;
    try {
      requireFollowUpAllowed({ status: FollowUpStatus.Done, resultGrade: 'B' }, FollowUpAction.Record);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('FOLLOW_UP_RECORDED');
    expect((refused as DomainError).message).toBe('The follow-up result was already recorded (B)');
  });
});
