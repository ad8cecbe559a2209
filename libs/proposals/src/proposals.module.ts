import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { StorageModule } from '#app/storage';
import { AttachmentsService } from './attachments.service.js';
import { CosigningService } from './cosigning.service.js';
import { ProposalAuditChainService } from './proposal-audit-chain.service.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { ProposalsReactionsModule } from './proposal-search.listener.js';
import { ProposalSettingsService } from './proposal-settings.service.js';
import { ProposalsService } from './proposals.service.js';
import { ReviewService } from './review.service.js';
import { SimilarityService } from './similarity.service.js';

const SERVICES = [
  ProposalsService,
  ProposalQueriesService,
  ProposalSettingsService,
  ProposalAuditChainService,
  ReviewService,
  CosigningService,
  SimilarityService,
  AttachmentsService,
];

@Module({ imports: [NotificationsModule, OrgModule, StorageModule, ProposalsReactionsModule], providers: SERVICES, exports: SERVICES })
export class ProposalsModule {}
