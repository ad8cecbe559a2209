import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule, UnitsService } from '#app/org';
import { StorageModule } from '#app/storage';
import { AttachmentsService } from './attachments.service.js';
import { CosigningService } from './cosigning.service.js';
import { ProposalAuditChainService } from './proposal-audit-chain.service.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { ProposalsReactionsModule } from './proposal-search.listener.js';
import { publishUnitProposalsChanged } from './proposal-search.js';
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
export class ProposalsModule implements OnModuleInit {
  constructor(private readonly units: UnitsService) {}

  /** A renamed unit's proposals are found by the new name: the renaming transaction publishes their change, and their search documents are recomputed once it commits (ADR 11, 17). */
  onModuleInit(): void {
    this.units.onRenamed((manager, unitId) => publishUnitProposalsChanged(manager, unitId));
  }
}
