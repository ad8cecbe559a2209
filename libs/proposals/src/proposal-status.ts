/** Where a proposal is in its life. */
export enum ProposalStatus {
  Draft = 'draft',
  Cosigning = 'cosigning',
  Submitted = 'submitted',
  UnderReview = 'under_review',
  /** 立案 */
  Filed = 'filed',
  /** 交办 */
  Assigned = 'assigned',
  InHandling = 'in_handling',
  /** 办复 */
  Replied = 'replied',
  /** 办结 */
  Closed = 'closed',
  /** 并案 */
  Merged = 'merged',
  /** 转为意见建议 */
  ToOpinion = 'to_opinion',
  /** 不予立案 */
  NotFiled = 'not_filed',
  /** 撤案 */
  Withdrawn = 'withdrawn',
  /** 重新办理 */
  Rehandling = 'rehandling',
}

/** Everything that moves a proposal. Each has exactly one row in {@link PROPOSAL_TRANSITIONS}. */
export enum ProposalAction {
  OpenCosigning = 'open-cosigning',
  Submit = 'submit',
  StartReview = 'start-review',
  File = 'file',
  Merge = 'merge',
  ToOpinion = 'to-opinion',
  NotFile = 'not-file',
  Withdraw = 'withdraw',
  Assign = 'assign',
  StartHandling = 'start-handling',
  Reply = 'reply',
  Close = 'close',
  Rehandle = 'rehandle',
  Reopen = 'reopen',
}

const S = ProposalStatus;

/** The lifecycle as data: which statuses each action may start from and where it leads. */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalAction, { from: readonly ProposalStatus[]; to: ProposalStatus }>> = {
  [ProposalAction.OpenCosigning]: { from: [S.Draft], to: S.Cosigning },
  [ProposalAction.Submit]: { from: [S.Draft, S.Cosigning], to: S.Submitted },
  [ProposalAction.StartReview]: { from: [S.Submitted], to: S.UnderReview },
  [ProposalAction.File]: { from: [S.UnderReview], to: S.Filed },
  [ProposalAction.Merge]: { from: [S.UnderReview], to: S.Merged },
  [ProposalAction.ToOpinion]: { from: [S.UnderReview], to: S.ToOpinion },
  [ProposalAction.NotFile]: { from: [S.UnderReview], to: S.NotFiled },
  [ProposalAction.Withdraw]: { from: [S.Draft, S.Cosigning, S.Submitted, S.UnderReview], to: S.Withdrawn },
  [ProposalAction.Assign]: { from: [S.Filed], to: S.Assigned },
  [ProposalAction.StartHandling]: { from: [S.Assigned], to: S.InHandling },
  [ProposalAction.Reply]: { from: [S.InHandling, S.Rehandling], to: S.Replied },
  [ProposalAction.Close]: { from: [S.Replied], to: S.Closed },
  [ProposalAction.Rehandle]: { from: [S.Replied], to: S.Rehandling },
  [ProposalAction.Reopen]: { from: [S.Closed], to: S.Replied },
};

/** The status an action leads to from `from`, or null when the action is not allowed there. */
export function nextProposalStatus(from: ProposalStatus, action: ProposalAction): ProposalStatus | null {
  const rule = PROPOSAL_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}
