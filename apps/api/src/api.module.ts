import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '#app/audit';
import { AuthModule } from '#app/auth';
import { MulterModule } from '@nestjs/platform-express';
import { AllExceptionsFilter, AppConfig, CoreModule, DatabaseModule, LoggingModule, QueueModule } from '#app/core';
import { FeedbackModule } from '#app/feedback';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { RepliesModule } from '#app/replies';
import { ExportsModule, StatisticsModule } from '#app/statistics';
import { ImportsModule } from '#app/imports';
import { DATABASE_PARTS } from '#migrations';
import { AdminController, AuditController } from './admin/admin.controller.js';
import { AdjustmentsController } from './handling/adjustments.controller.js';
import { AssignmentsController } from './handling/assignments.controller.js';
import { ExtensionsController } from './handling/extensions.controller.js';
import { ProposalAssignmentsController } from './handling/proposal-assignments.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { FeedbackController, RehandlingController } from './feedback/feedback.controller.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { OrgController } from './org/org.controller.js';
import { CosigningController } from './proposals/cosigning.controller.js';
import { ProposalAuditController } from './proposals/proposal-audit.controller.js';
import { AttachmentsController } from './proposals/attachments.controller.js';
import { ProposalsController } from './proposals/proposals.controller.js';
import { ReviewController } from './proposals/review.controller.js';
import { AssignmentRepliesController } from './replies/assignment-replies.controller.js';
import { FollowUpsController } from './replies/follow-ups.controller.js';
import { PublicRepliesController } from './replies/public-replies.controller.js';
import { RepliesController } from './replies/replies.controller.js';
import { ReplyTemplatesController } from './replies/reply-templates.controller.js';
import { ReplyVersionsController } from './replies/reply-versions.controller.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { ExportsController } from './statistics/exports.controller.js';
import { ReportsController } from './statistics/reports.controller.js';
import { OrgImportsController, ProposalImportsController } from './imports/imports.controller.js';

/** The HTTP API: controllers only; every rule lives in the libs. */
@Module({
  imports: [
    CoreModule,
    LoggingModule,
    DatabaseModule.forRoot(DATABASE_PARTS),
    QueueModule.forRoot({ failFast: true }),
    AuditModule,
    AuthModule,
    OrgModule,
    ProposalsModule,
    HandlingModule,
    RemindersModule,
    RepliesModule,
    FeedbackModule,
    StatisticsModule,
    ExportsModule,
    ImportsModule,
    NotificationsModule,
    // Uploads are buffered in memory up to ATTACHMENT_MAX_BYTES (refused with 413 beyond it, while streaming).
    MulterModule.registerAsync({
      inject: [AppConfig],
      // preservePath: the name as sent, so a name with folders (../../x.pdf) is refused rather than cut silently.
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1 },
        defParamCharset: 'utf8',
        preservePath: true,
      }),
    }),
  ],
  controllers: [
    ProposalAuditController,
    AuthController,
    AdminController,
    AuditController,
    OrgController,
    ProposalsController,
    ReviewController,
    FeedbackController,
    RehandlingController,
    FollowUpsController,
    CosigningController,
    AttachmentsController,
    ProposalAssignmentsController,
    OrgImportsController,
    ProposalImportsController,
    AssignmentsController,
    AssignmentRepliesController,
    AdjustmentsController,
    ExtensionsController,
    RepliesController,
    ReplyVersionsController,
    ReplyTemplatesController,
    PublicRepliesController,
    NotificationsController,
    StatisticsController,
    ExportsController,
    ReportsController,
    HealthController,
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class ApiModule {}
