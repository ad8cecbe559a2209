import { Module } from '@nestjs/common';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { AnswerDeadlines } from './answer-deadlines.js';
import { ConsultationsService } from './consultations.service.js';
import { FeedbackNotices } from './feedback-notices.js';
import { FeedbackService } from './feedback.service.js';
import { RehandlingService } from './rehandling.service.js';

@Module({
  imports: [ProposalsModule, HandlingModule, OrgModule, NotificationsModule, RemindersModule],
  providers: [FeedbackService, RehandlingService, ConsultationsService, FeedbackNotices, AnswerDeadlines],
  exports: [FeedbackService, RehandlingService, ConsultationsService],
})
export class FeedbackModule {}
