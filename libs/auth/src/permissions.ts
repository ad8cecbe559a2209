import { Role } from '#app/org';

/** Everything an actor may be allowed to do. Routes name one with @RequirePermission. */
export enum Permission {
  ProposalCreate = 'proposal.create',
  ProposalSubmit = 'proposal.submit',
  /** The lead proposer edits a draft, invites co-signers, attaches files, withdraws (撤案) */
  ProposalEdit = 'proposal.edit',
  /** A member answers an invitation to co-sign (联名) */
  ProposalCosign = 'proposal.cosign',
  ProposalRead = 'proposal.read',
  ProposalReview = 'proposal.review',
  ProposalFile = 'proposal.file',
  ProposalAssign = 'proposal.assign',
  /** 并案, 转为意见建议, 不予立案 */
  ProposalDecide = 'proposal.decide',
  ProposalClose = 'proposal.close',
  AssignmentRead = 'assignment.read',
  AssignmentAccept = 'assignment.accept',
  /** A unit asks to be relieved of an assignment (申请调整) */
  AdjustmentRequest = 'adjustment.request',
  /** The committee approves (reassigns) or rejects it */
  AdjustmentDecide = 'adjustment.decide',
  /** 免于会签: waive a co-unit's opinion */
  CountersignWaive = 'countersign.waive',
  /** 办前面商 recorded by the unit */
  AssignmentContact = 'assignment.contact',
  /** 催办 by hand */
  AssignmentUrge = 'assignment.urge',
  /** Stop and resume a deadline's clock; decide extension requests */
  DeadlineManage = 'deadline.manage',
  /** A unit asks for a later reply deadline (延期申请) */
  ExtensionRequest = 'extension.request',
  ReplyRead = 'reply.read',
  ReplyDraft = 'reply.draft',
  ReplySubmit = 'reply.submit',
  ReplySignOff = 'reply.sign-off',
  ReplyReturn = 'reply.return',
  ReplyDispatch = 'reply.dispatch',
  /** Remarks on a saved version of a reply (the unit's reviewers, the committee office) */
  ReplyComment = 'reply.comment',
  /** 提案委审核: check a signed reply and change its grade */
  ReplyCheck = 'reply.check',
  /** 内部审核: approve or return a draft one was asked to review */
  ReplyReview = 'reply.review',
  /** A unit's own reply templates (答复模板) */
  ReplyTemplateManage = 'reply-template.manage',
  /** 重新办理: the committee orders a unit to handle a proposal again after a 不满意 */
  ProposalRehandle = 'proposal.rehandle',
  /** 当面协商: the committee records the meeting after a second 不满意 */
  ConsultationRecord = 'consultation.record',
  /** 跟踪办理: the unit (or the committee) records a B/C reply's second result */
  FollowUpRecord = 'follow-up.record',
  FeedbackSubmit = 'feedback.submit',
  /** Committee staff record a proposer's paper feedback form */
  FeedbackRecord = 'feedback.record',
  NotificationRead = 'notification.read',
  /** 统计: the committee's figures, their drill-down lists, exports and the yearly report (a unit leader: their units' lines only) */
  StatisticsRead = 'statistics.read',
  AuditRead = 'audit.read',
  OrgManage = 'org.manage',
  /** 批量导入: a past session's proposals and the paper proposals entered for members, from spreadsheets */
  ProposalImport = 'proposal.import',
}

/** The role → permission map: the one place that says who may do what. Rows are checked by policies. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.Member]: [
    Permission.ProposalCreate,
    Permission.ProposalSubmit,
    Permission.ProposalEdit,
    Permission.ProposalCosign,
    Permission.ProposalRead,
    Permission.ReplyRead,
    Permission.FeedbackSubmit,
    Permission.NotificationRead,
  ],
  [Role.Staff]: [
    Permission.ProposalCreate,
    Permission.ProposalSubmit,
    Permission.ProposalEdit,
    Permission.ProposalRead,
    Permission.ProposalReview,
    Permission.ProposalFile,
    Permission.ProposalDecide,
    Permission.ProposalAssign,
    Permission.AdjustmentDecide,
    Permission.CountersignWaive,
    Permission.ProposalClose,
    Permission.ProposalRehandle,
    Permission.ConsultationRecord,
    Permission.FollowUpRecord,
    Permission.FeedbackRecord,
    Permission.AssignmentRead,
    Permission.AssignmentUrge,
    Permission.DeadlineManage,
    Permission.ReplyRead,
    Permission.ReplyComment,
    Permission.ReplyCheck,
    Permission.NotificationRead,
    Permission.StatisticsRead,
    Permission.AuditRead,
    Permission.ProposalImport,
  ],
  [Role.Drafter]: [
    Permission.ProposalRead,
    Permission.AssignmentRead,
    Permission.AssignmentAccept,
    Permission.AdjustmentRequest,
    Permission.AssignmentContact,
    Permission.ExtensionRequest,
    Permission.ReplyRead,
    Permission.ReplyDraft,
    Permission.ReplySubmit,
    Permission.ReplyDispatch,
    Permission.ReplyComment,
    Permission.ReplyReview,
    Permission.ReplyTemplateManage,
    Permission.FollowUpRecord,
    Permission.NotificationRead,
  ],
  [Role.Leader]: [
    Permission.ProposalRead,
    Permission.AssignmentRead,
    Permission.AssignmentAccept,
    Permission.AdjustmentRequest,
    Permission.AssignmentContact,
    Permission.ExtensionRequest,
    Permission.ReplyRead,
    Permission.ReplySignOff,
    Permission.ReplyReturn,
    Permission.ReplyDispatch,
    Permission.ReplyComment,
    Permission.ReplyReview,
    Permission.ReplyTemplateManage,
    Permission.FollowUpRecord,
    Permission.NotificationRead,
    Permission.StatisticsRead,
  ],
  [Role.Office]: [Permission.ProposalRead, Permission.ReplyRead, Permission.NotificationRead],
  [Role.Admin]: [Permission.OrgManage, Permission.AuditRead, Permission.NotificationRead, Permission.StatisticsRead],
};

export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role]) granted.add(permission);
  return granted;
}
