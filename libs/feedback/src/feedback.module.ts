import { Module } from '@nestjs/common';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { FeedbackService } from './feedback.service.js';
import { RehandlingService } from './rehandling.service.js';
import { RemindersModule } from '#app/reminders';

@Module({
  imports: [ProposalsModule, HandlingModule, OrgModule, NotificationsModule, RemindersModule],
  providers: [FeedbackService, RehandlingService],
  exports: [FeedbackService, RehandlingService],
})
export class FeedbackModule {}
