import { Module } from '@nestjs/common';
import { OrgModule } from '#app/org';
import { StatisticsService } from './statistics.service.js';

const SERVICES = [StatisticsService];

@Module({
  imports: [OrgModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class StatisticsModule {}
