import { AuthEntity } from '#app/auth';
import { OrgEntity } from '#app/org';
import { ProposalNoticeKind, ProposalsEntity } from '#app/proposals';
import { FeedbackEntity, FeedbackNoticeKind } from './feedback.vocabulary.js';

/*
 * These names are stored (audit entries are append-only and hash-chained; notices are read by kind):
 * the spec pins each value so that renaming a constant can never change what is written.
 */
describe('the stored vocabularies of org, auth, proposals and feedback', () => {
  it('keeps the audit entity names as they have always been stored, code-table hyphenated and calendar_day underscored', () => {
    expect(OrgEntity).toEqual({ User: 'user', Unit: 'unit', Session: 'session', CodeTable: 'code-table', CalendarDay: 'calendar_day', CalendarYear: 'calendar_year' });
    expect(AuthEntity).toEqual({ User: 'user' });
    expect(ProposalsEntity).toEqual({ Proposal: 'proposal' });
    expect(FeedbackEntity).toEqual({ Feedback: 'feedback', Consultation: 'consultation', Proposal: 'proposal' });
  });

  it('keeps the notification kinds as they have always been stored', () => {
    expect(Object.values(ProposalNoticeKind).sort()).toEqual(
      ['cosign.accepted', 'cosign.declined', 'cosign.invited', 'proposal.filed', 'proposal.merged', 'proposal.not-filed', 'proposal.to-opinion', 'proposal.withdrawn'].sort(),
    );
    expect(Object.values(FeedbackNoticeKind).sort()).toEqual(['consultation.recorded', 'feedback.submitted', 'feedback.window-extended', 'proposal.rehandling', 'proposal.reopened'].sort());
  });
});
