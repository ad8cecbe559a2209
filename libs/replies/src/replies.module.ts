import { Module } from '@nestjs/common';
import { OrgModule } from '#app/org';
import { StorageModule } from '#app/storage';
import { HandlingModule } from '#app/handling';
import { NotificationsModule } from '#app/notifications';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { FollowUpsService } from './follow-ups.service.js';
import { PublicRepliesService } from './public-replies.service.js';
import { DispatchFollowThrough } from './dispatch-follow-through.js';
import { ReplyDispatchService } from './reply-dispatch.service.js';
import { ReplyDraftingService } from './reply-drafting.service.js';
import { ReplyNotices } from './reply-notices.js';
import { RepliesReactionsModule } from './reply-search.listener.js';
import { ReplyQueriesService } from './reply-queries.service.js';
import { ReplyReviewService } from './reply-review.service.js';
import { ReplySignOffService } from './reply-sign-off.service.js';
import { ReplyTransitions } from './reply-transitions.js';
import { ReplyTemplatesService } from './reply-templates.service.js';
import { ReplyVersionsService } from './reply-versions.service.js';

@Module({
  imports: [HandlingModule, ProposalsModule, NotificationsModule, RemindersModule, OrgModule, StorageModule, RepliesReactionsModule],
  providers: [
    ReplyDraftingService,
    ReplyReviewService,
    ReplySignOffService,
    ReplyDispatchService,
    ReplyQueriesService,
    ReplyTransitions,
    ReplyNotices,
    DispatchFollowThrough,
    ReplyVersionsService,
    ReplyTemplatesService,
    PublicRepliesService,
    FollowUpsService,
  ],
  exports: [
    ReplyDraftingService,
    ReplyReviewService,
    ReplySignOffService,
    ReplyDispatchService,
    ReplyQueriesService,
    ReplyVersionsService,
    ReplyTemplatesService,
    PublicRepliesService,
    FollowUpsService,
  ],
})
export class RepliesModule {}
