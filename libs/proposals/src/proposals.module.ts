import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule, UnitsService } from '#app/org';
import { StorageModule } from '#app/storage';
import { AttachmentsService } from './attachments.service.js';
import { CosigningService } from './cosigning.service.js';
import { ProposalAuditChainService } from './proposal-audit-chain.service.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { refreshUnitProposalsSearch } from './proposal-search.js';
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

@Module({ imports: [NotificationsModule, OrgModule, StorageModule], providers: SERVICES, exports: SERVICES })
export class ProposalsModule implements OnModuleInit {
  constructor(private readonly units: UnitsService) {}

  /** A renamed unit's proposals are found by the new name at once: their search documents are recomputed in the renaming transaction (ADR 11). */
  onModuleInit(): void {
    this.units.onRenamed((manager, unitId) => refreshUnitProposalsSearch(manager, unitId));
  }
}
