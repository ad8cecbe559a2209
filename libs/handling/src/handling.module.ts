import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { DeadlinesService } from './deadlines.service.js';
import { ExtensionsService } from './extensions.service.js';
import { HandlingService } from './handling.service.js';

@Module({
  imports: [ProposalsModule, OrgModule, RemindersModule, NotificationsModule],
  providers: [HandlingService, DeadlinesService, ExtensionsService],
  exports: [HandlingService, DeadlinesService, ExtensionsService],
})
export class HandlingModule {}
