import { Module } from '@nestjs/common';
import { HandlingModule } from '#app/handling';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RepliesModule } from '#app/replies';
import { ExportsService } from './exports.service.js';
import { ListWorkbooks } from './list-workbooks.js';
import { ReportsService } from './reports.service.js';
import { StatisticsExportsService } from './statistics-exports.service.js';
import { StatisticsService } from './statistics.service.js';

/** The figures and the yearly report: read-only SQL over the other libs' tables. */
@Module({
  imports: [OrgModule],
  providers: [StatisticsService, ReportsService],
  exports: [StatisticsService, ReportsService],
})
export class StatisticsModule {}

/** Excel exports: the lists through their own services (and row policies), and the statistics. */
@Module({
  imports: [StatisticsModule, ProposalsModule, HandlingModule, RepliesModule],
  providers: [ExportsService, StatisticsExportsService, ListWorkbooks],
  exports: [ExportsService, StatisticsExportsService],
})
export class ExportsModule {}
