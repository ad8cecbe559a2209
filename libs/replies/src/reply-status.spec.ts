import { nextReplyStatus, ReplyAction } from './reply-status.js';
import { ReplyStatus } from './reply.entity.js';
import { AssignmentAction, AssignmentStatus, nextAssignmentStatus } from '#app/handling';

describe('the reply chain', () => {
  it.each([
    [ReplyStatus.Drafting, ReplyAction.Edit, ReplyStatus.Drafting],
    [ReplyStatus.Drafting, ReplyAction.Submit, ReplyStatus.AwaitingSignOff],
    [ReplyStatus.AwaitingSignOff, ReplyAction.Return, ReplyStatus.Drafting],
    [ReplyStatus.AwaitingSignOff, ReplyAction.SignOff, ReplyStatus.Signed],
    [ReplyStatus.Signed, ReplyAction.Dispatch, ReplyStatus.Dispatched],
    [ReplyStatus.Drafting, ReplyAction.SendForReview, ReplyStatus.InReview],
    [ReplyStatus.InReview, ReplyAction.ReviewApprove, ReplyStatus.AwaitingSignOff],
    [ReplyStatus.InReview, ReplyAction.ReviewReturn, ReplyStatus.Drafting],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextReplyStatus(from, action)).toBe(to);
  });

  it('never edits, signs or returns a reply once signed, and never dispatches an unsigned one', () => {
    for (const action of [ReplyAction.Edit, ReplyAction.Submit, ReplyAction.Return, ReplyAction.SignOff]) {
      expect(nextReplyStatus(ReplyStatus.Signed, action)).toBeNull();
      expect(nextReplyStatus(ReplyStatus.Dispatched, action)).toBeNull();
    }
    expect(nextReplyStatus(ReplyStatus.Drafting, ReplyAction.SignOff)).toBeNull();
    expect(nextReplyStatus(ReplyStatus.Drafting, ReplyAction.Dispatch)).toBeNull();
    expect(nextReplyStatus(ReplyStatus.AwaitingSignOff, ReplyAction.Dispatch)).toBeNull();
    for (const action of [ReplyAction.Edit, ReplyAction.SignOff, ReplyAction.Dispatch, ReplyAction.Submit]) {
      expect(nextReplyStatus(ReplyStatus.InReview, action)).toBeNull();
    }
    expect(nextReplyStatus(ReplyStatus.Dispatched, ReplyAction.Dispatch)).toBeNull();
  });
});

describe('the assignment lifecycle', () => {
  it('is accepted, replied, then closed, in that order only', () => {
    expect(nextAssignmentStatus(AssignmentStatus.Assigned, AssignmentAction.Accept)).toBe(AssignmentStatus.Accepted);
    expect(nextAssignmentStatus(AssignmentStatus.Accepted, AssignmentAction.Reply)).toBe(AssignmentStatus.Replied);
    expect(nextAssignmentStatus(AssignmentStatus.Replied, AssignmentAction.Close)).toBe(AssignmentStatus.Closed);
    expect(nextAssignmentStatus(AssignmentStatus.Assigned, AssignmentAction.Reply)).toBeNull();
    expect(nextAssignmentStatus(AssignmentStatus.Accepted, AssignmentAction.Accept)).toBeNull();
    expect(nextAssignmentStatus(AssignmentStatus.Closed, AssignmentAction.Close)).toBeNull();
  });
});
