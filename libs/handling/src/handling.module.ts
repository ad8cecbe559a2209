import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ProposalsModule } from '#app/proposals';
import { RemindersModule } from '#app/reminders';
import { HandlingService } from './handling.service.js';

@Module({
  imports: [ProposalsModule, OrgModule, RemindersModule, NotificationsModule],
  providers: [HandlingService],
  exports: [HandlingService],
})
export class HandlingModule {}
