import { DomainEvents1795530300000 } from './1795530300000-DomainEvents.js';
import { ImportFields1795530500000 } from './1795530500000-ImportFields.js';
import { Sessions1795530100000 } from './1795530100000-Sessions.js';
import { JitOff1795520200000 } from './1795520200000-JitOff.js';
import { ProposalListIndex1795520100000 } from './1795520100000-ProposalListIndex.js';
import { KeptStatistics1795520000000 } from './1795520000000-KeptStatistics.js';
import { AuditHashChain1795507589181 } from './1795507589181-AuditHashChain.js';
import { AddMembershipsCommitteeIndex1795496315099 } from './1795496315099-AddMembershipsCommitteeIndex.js';
import { AddFullTextSearch1795495430440 } from './1795495430440-AddFullTextSearch.js';
import { RehandlingConsultationsFollowUps1795494998313 } from './1795494998313-RehandlingConsultationsFollowUps.js';
import { AddFeedbackFormFields1795493166323 } from './1795493166323-AddFeedbackFormFields.js';
import { AddCommitteeCheck1795491489394 } from './1795491489394-AddCommitteeCheck.js';
import { AddSignedReplyDocuments1795490961073 } from './1795490961073-AddSignedReplyDocuments.js';
import { AddReplyReviews1795490751730 } from './1795490751730-AddReplyReviews.js';
import { AddReplyTemplates1795490260538 } from './1795490260538-AddReplyTemplates.js';
import { AddCountersignWaiver1795489939321 } from './1795489939321-AddCountersignWaiver.js';
import { AddReplyVersionComments1795489808367 } from './1795489808367-AddReplyVersionComments.js';
import { CompleteIntakeAndAssignment1795487940164 } from './1795487940164-CompleteIntakeAndAssignment.js';
import { AddProposalSupervisor1795451268364 } from './1795451268364-AddProposalSupervisor.js';
import { AddDeadlinesAndExtensions1795450252042 } from './1795450252042-AddDeadlinesAndExtensions.js';
import { AddNotificationDeliveries1795450187286 } from './1795450187286-AddNotificationDeliveries.js';
import { AddCalendarAndDeadlineRules1795449836572 } from './1795449836572-AddCalendarAndDeadlineRules.js';
import { InitialSchema1795447858353 } from './1795447858353-InitialSchema.js';
import { AuditChainHead, AuditEntry } from '#app/audit';
import { DomainEventRecord, NumberSeries } from '#app/core';
import { RefreshToken, Session } from '#app/auth';
import { Consultation, Feedback } from '#app/feedback';
import { AdjustmentRequest, Assignment, Deadline, DeadlineEvent, ExtensionRequest } from '#app/handling';
import { Notification, NotificationDelivery } from '#app/notifications';
import { CalendarDay, CodeEntry, Committee, CppccSession, Membership, Unit, User } from '#app/org';
import { Attachment, CosignInvitation, Proposal, Proposer, ReviewDecision } from '#app/proposals';
import { Reminder } from '#app/reminders';
import { FollowUp, Reply, ReplyCopy, ReplyReview, ReplyTemplate, ReplyVersion, ReplyVersionComment } from '#app/replies';


/** Every entity, for the data source of the apps, the migration CLI and the tests. */
export const ENTITIES = [
  Committee,
  User,
  Membership,
  Unit,
  CppccSession,
  CalendarDay,
  CodeEntry,
  RefreshToken,
  Session,
  NumberSeries,
  DomainEventRecord,
  Proposal,
  Proposer,
  ReviewDecision,
  CosignInvitation,
  Attachment,
  Assignment,
  AdjustmentRequest,
  Deadline,
  DeadlineEvent,
  ExtensionRequest,
  Reminder,
  Reply,
  ReplyVersion,
  ReplyVersionComment,
  ReplyCopy,
  ReplyTemplate,
  ReplyReview,
  Feedback,
  Consultation,
  FollowUp,
  Notification,
  NotificationDelivery,
  AuditEntry,
  AuditChainHead,
];

/** Every migration, oldest first. Listed explicitly so ESM builds and tests load them without globbing. */
// migrations:begin (maintained by `npm run migration:generate`)
export const MIGRATIONS = [
  InitialSchema1795447858353,
  AddCalendarAndDeadlineRules1795449836572,
  AddNotificationDeliveries1795450187286,
  AddDeadlinesAndExtensions1795450252042,
  AddProposalSupervisor1795451268364,
  CompleteIntakeAndAssignment1795487940164,
  AddReplyVersionComments1795489808367,
  AddCountersignWaiver1795489939321,
  AddReplyTemplates1795490260538,
  AddReplyReviews1795490751730,
  AddSignedReplyDocuments1795490961073,
  AddCommitteeCheck1795491489394,
  AddFeedbackFormFields1795493166323,
  RehandlingConsultationsFollowUps1795494998313,
  AddFullTextSearch1795495430440,
  AddMembershipsCommitteeIndex1795496315099,
  AuditHashChain1795507589181,
  KeptStatistics1795520000000,
  ProposalListIndex1795520100000,
  JitOff1795520200000,
  Sessions1795530100000,
  DomainEvents1795530300000,
  ImportFields1795530500000,
];
// migrations:end

export const DATABASE_PARTS = { entities: ENTITIES, migrations: MIGRATIONS };
