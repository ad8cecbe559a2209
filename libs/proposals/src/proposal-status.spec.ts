import { nextProposalStatus, PROPOSAL_TRANSITIONS, ProposalAction, ProposalStatus } from './proposal-status.js';

const S = ProposalStatus;
const A = ProposalAction;

/** Every (status, action) pair that is allowed, and where it leads; everything else is refused. */
const ALLOWED: Array<[ProposalStatus, ProposalAction, ProposalStatus]> = [
  [S.Draft, A.OpenCosigning, S.Cosigning],
  [S.Draft, A.Submit, S.Submitted],
  [S.Cosigning, A.Submit, S.Submitted],
  [S.Submitted, A.StartReview, S.UnderReview],
  [S.UnderReview, A.File, S.Filed],
  [S.UnderReview, A.Merge, S.Merged],
  [S.UnderReview, A.ToOpinion, S.ToOpinion],
  [S.UnderReview, A.NotFile, S.NotFiled],
  [S.Draft, A.Withdraw, S.Withdrawn],
  [S.Cosigning, A.Withdraw, S.Withdrawn],
  [S.Submitted, A.Withdraw, S.Withdrawn],
  [S.UnderReview, A.Withdraw, S.Withdrawn],
  [S.Filed, A.Assign, S.Assigned],
  [S.Assigned, A.StartHandling, S.InHandling],
  [S.InHandling, A.Reply, S.Replied],
  [S.Rehandling, A.Reply, S.Replied],
  [S.Replied, A.Close, S.Closed],
  [S.Replied, A.Rehandle, S.Rehandling],
  [S.Closed, A.Reopen, S.Replied],
];

describe('the proposal lifecycle table', () => {
  const allowed = new Map(ALLOWED.map(([from, action, to]) => [`${from}|${action}`, to]));

  it.each(Object.values(ProposalStatus).flatMap((from) => Object.values(ProposalAction).map((action) => [from, action] as const)))(
    'from %s, %s leads where the domain says (or is refused)',
    (from, action) => {
      expect(nextProposalStatus(from, action)).toBe(allowed.get(`${from}|${action}`) ?? null);
    },
  );

  it('has one rule per action and no unreachable status', () => {
    expect(Object.keys(PROPOSAL_TRANSITIONS).sort()).toEqual(Object.values(ProposalAction).sort());
    const reachable = new Set([S.Draft, ...Object.values(PROPOSAL_TRANSITIONS).map((rule) => rule.to)]);
    expect([...reachable].sort()).toEqual(Object.values(ProposalStatus).sort());
  });

  it('ends merged, to-opinion, not-filed and withdrawn proposals for good', () => {
    for (const terminal of [S.Merged, S.ToOpinion, S.NotFiled, S.Withdrawn]) {
      for (const action of Object.values(ProposalAction)) expect(nextProposalStatus(terminal, action)).toBeNull();
    }
  });
});
