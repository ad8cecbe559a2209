import { HandlingEntity, HandlingNoticeKind } from '#app/handling';
import { RepliesEntity, ReplyNoticeKind } from './replies.vocabulary.js';

/*
 * These names are stored (audit entries are append-only and hash-chained; notices are read by kind):
 * the spec pins each value so that renaming a constant can never change what is written.
 */
describe('the stored vocabularies of handling and replies', () => {
  it('keeps the audit entity names as they have always been stored, follow_up with its underscore', () => {
    expect(HandlingEntity).toEqual({ Assignment: 'assignment', Adjustment: 'adjustment', Extension: 'extension', Deadline: 'deadline' });
    expect(RepliesEntity).toEqual({ Reply: 'reply', FollowUp: 'follow_up', Unit: 'unit', Proposal: 'proposal' });
  });

  it('keeps the notification kinds as they have always been stored', () => {
    expect(Object.values(HandlingNoticeKind).sort()).toEqual(
      [
        'adjustment.decided',
        'adjustment.requested',
        'assignment.countersign-waived',
        'assignment.created',
        'deadline.recomputed',
        'extension.approved',
        'extension.rejected',
        'extension.requested',
        'urge.manual',
      ].sort(),
    );
    expect(Object.values(ReplyNoticeKind).sort()).toEqual(
      [
        'co-opinion.received',
        'follow-up.recorded',
        'reply.awaiting-signoff',
        'reply.commented',
        'reply.committee-checked',
        'reply.copied',
        'reply.received',
        'reply.returned',
        'reply.review-requested',
      ].sort(),
    );
  });
});
