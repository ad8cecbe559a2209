import { AdjustmentStatus, AssignmentRole, AssignmentStatus, ExtensionStatus } from '#app/handling';
import { ProposalKind, ProposalStatus } from '#app/proposals';
import { Disclosure, ReplyKind, ReplyStatus } from '#app/replies';

/** The Chinese words exports and reports print for the system's codes. */
export const PROPOSAL_STATUS_LABELS: Readonly<Record<ProposalStatus, string>> = {
  [ProposalStatus.Draft]: '草稿',
  [ProposalStatus.Cosigning]: '征集联名',
  [ProposalStatus.Submitted]: '已提交',
  [ProposalStatus.UnderReview]: '审查中',
  [ProposalStatus.Filed]: '已立案',
  [ProposalStatus.Assigned]: '已交办',
  [ProposalStatus.InHandling]: '办理中',
  [ProposalStatus.Replied]: '已办复',
  [ProposalStatus.Closed]: '已办结',
  [ProposalStatus.Merged]: '并案',
  [ProposalStatus.ToOpinion]: '转为意见建议',
  [ProposalStatus.NotFiled]: '不予立案',
  [ProposalStatus.Withdrawn]: '撤案',
  [ProposalStatus.Rehandling]: '重新办理',
};

export const PROPOSAL_KIND_LABELS: Readonly<Record<ProposalKind, string>> = {
  [ProposalKind.Plenary]: '大会提案',
  [ProposalKind.Interim]: '平时提案',
};

export const ROLE_LABELS: Readonly<Record<AssignmentRole, string>> = {
  [AssignmentRole.Lead]: '主办',
  [AssignmentRole.Co]: '会办',
  [AssignmentRole.Separate]: '分办',
};

export const ASSIGNMENT_STATUS_LABELS: Readonly<Record<AssignmentStatus, string>> = {
  [AssignmentStatus.Assigned]: '待签收',
  [AssignmentStatus.Accepted]: '办理中',
  [AssignmentStatus.Replied]: '已答复',
  [AssignmentStatus.Closed]: '已结束',
  [AssignmentStatus.Reassigned]: '已调整',
};

export const REPLY_KIND_LABELS: Readonly<Record<ReplyKind, string>> = {
  [ReplyKind.Answer]: '答复',
  [ReplyKind.SeparateAnswer]: '分办答复',
  [ReplyKind.CoOpinion]: '会办意见',
};

export const REPLY_STATUS_LABELS: Readonly<Record<ReplyStatus, string>> = {
  [ReplyStatus.Drafting]: '起草中',
  [ReplyStatus.InReview]: '内部审核',
  [ReplyStatus.AwaitingSignOff]: '待签发',
  [ReplyStatus.Signed]: '已签发',
  [ReplyStatus.Dispatched]: '已发出',
};

export const DISCLOSURE_LABELS: Readonly<Record<Disclosure, string>> = {
  [Disclosure.Full]: '全文公开',
  [Disclosure.Summary]: '摘要公开',
  [Disclosure.None]: '不公开',
};

export const DECISION_STATUS_LABELS: Readonly<Record<AdjustmentStatus | ExtensionStatus, string>> = {
  pending: '待决定',
  approved: '已同意',
  rejected: '未同意',
};

/** A status or code in its Chinese words, or the code itself when it has none. */
export function labelOf<T extends string>(labels: Readonly<Record<T, string>>, code: string | null | undefined): string {
  return code ? ((labels as Record<string, string>)[code] ?? code) : '';
}
