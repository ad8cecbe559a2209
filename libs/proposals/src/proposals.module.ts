import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { ProposalsService } from './proposals.service.js';

@Module({ imports: [NotificationsModule], providers: [ProposalsService], exports: [ProposalsService] })
export class ProposalsModule {}
