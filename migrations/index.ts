import { AddCalendarAndDeadlineRules1795449836572 } from './1795449836572-AddCalendarAndDeadlineRules.js';
import { InitialSchema1795447858353 } from './1795447858353-InitialSchema.js';
import { AuditEntry } from '#app/audit';
import { NumberSeries } from '#app/core';
import { RefreshToken } from '#app/auth';
import { Feedback } from '#app/feedback';
import { Assignment } from '#app/handling';
import { Notification } from '#app/notifications';
import { CalendarDay, Committee, CppccSession, Membership, Unit, User } from '#app/org';
import { Proposal, Proposer, ReviewDecision } from '#app/proposals';
import { Reminder } from '#app/reminders';
import { Reply, ReplyCopy, ReplyVersion } from '#app/replies';


/** Every entity, for the data source of the apps, the migration CLI and the tests. */
export const ENTITIES = [
  Committee,
  User,
  Membership,
  Unit,
  CppccSession,
  CalendarDay,
  RefreshToken,
  NumberSeries,
  Proposal,
  Proposer,
  ReviewDecision,
  Assignment,
  Reminder,
  Reply,
  ReplyVersion,
  ReplyCopy,
  Feedback,
  Notification,
  AuditEntry,
];

/** Every migration, oldest first. Listed explicitly so ESM builds and tests load them without globbing. */
// migrations:begin (maintained by `npm run migration:generate`)
export const MIGRATIONS = [
  InitialSchema1795447858353,
  AddCalendarAndDeadlineRules1795449836572,
];
// migrations:end

export const DATABASE_PARTS = { entities: ENTITIES, migrations: MIGRATIONS };
