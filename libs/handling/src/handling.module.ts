import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule, UnitsService } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { AdjustmentDecisionsService } from './adjustment-decisions.service.js';
import { AdjustmentsService } from './adjustments.service.js';
import { AssigningService } from './assigning.service.js';
import { AssignmentDeadlinesService } from './assignment-deadlines.service.js';
import { CalendarChangesService } from './calendar-changes.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { ExtensionsService } from './extensions.service.js';
import { publishUnitProposalsChanged } from './handling-extensions.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { RecommendationService } from './recommendation.service.js';

const SERVICES = [HandlingNotices, HandlingService, AssigningService, AssignmentDeadlinesService, DeadlinesService, CalendarChangesService, ExtensionsService, AdjustmentsService, AdjustmentDecisionsService, RecommendationService];

@Module({
  imports: [ProposalsModule, OrgModule, RemindersModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class HandlingModule implements OnModuleInit {
  constructor(private readonly units: UnitsService) {}

  /** A renamed unit's proposals are found by the new name at once: their search documents are recomputed in the renaming transaction (ADR 11). */
  onModuleInit(): void {
    this.units.onRenamed((manager, unitId) => publishUnitProposalsChanged(manager, unitId));
  }
}
