import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { AdjustmentsService } from './adjustments.service.js';
import { CalendarChangesService } from './calendar-changes.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { ExtensionsService } from './extensions.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { RecommendationService } from './recommendation.service.js';

const SERVICES = [HandlingNotices, HandlingService, DeadlinesService, CalendarChangesService, ExtensionsService, AdjustmentsService, RecommendationService];

@Module({
  imports: [ProposalsModule, OrgModule, RemindersModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class HandlingModule {}
