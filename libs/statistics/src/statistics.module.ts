import { Module } from '@nestjs/common';
import { HandlingModule } from '#app/handling';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RepliesModule } from '#app/replies';
import { ExportsService } from './exports.service.js';
import { StatisticsService } from './statistics.service.js';

const SERVICES = [StatisticsService, ExportsService];

@Module({
  imports: [OrgModule, ProposalsModule, HandlingModule, RepliesModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class StatisticsModule {}
