import { Module } from '@nestjs/common';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { FeedbackService } from './feedback.service.js';

@Module({
  imports: [ProposalsModule, HandlingModule, OrgModule, NotificationsModule],
  providers: [FeedbackService],
  exports: [FeedbackService],
})
export class FeedbackModule {}
