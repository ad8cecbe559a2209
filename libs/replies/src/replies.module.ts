import { Module } from '@nestjs/common';
import { OrgModule } from '#app/org';
import { StorageModule } from '#app/storage';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { FollowUpsService } from './follow-ups.service.js';
import { PublicRepliesService } from './public-replies.service.js';
import { RepliesService } from './replies.service.js';
import { ReplyTemplatesService } from './reply-templates.service.js';
import { ReplyVersionsService } from './reply-versions.service.js';

@Module({
  imports: [HandlingModule, ProposalsModule, NotificationsModule, RemindersModule, OrgModule, StorageModule],
  providers: [RepliesService, ReplyVersionsService, ReplyTemplatesService, PublicRepliesService, FollowUpsService],
  exports: [RepliesService, ReplyVersionsService, ReplyTemplatesService, PublicRepliesService, FollowUpsService],
})
export class RepliesModule {}
