import { Module } from '@nestjs/common';
import { OrgModule } from '#app/org';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { RepliesService } from './replies.service.js';
import { ReplyTemplatesService } from './reply-templates.service.js';
import { ReplyVersionsService } from './reply-versions.service.js';

@Module({
  imports: [HandlingModule, ProposalsModule, NotificationsModule, RemindersModule, OrgModule],
  providers: [RepliesService, ReplyVersionsService, ReplyTemplatesService],
  exports: [RepliesService, ReplyVersionsService, ReplyTemplatesService],
})
export class RepliesModule {}
