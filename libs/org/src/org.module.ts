import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { OrgService } from './org.service.js';

@Module({ providers: [OrgService, CalendarService], exports: [OrgService, CalendarService] })
export class OrgModule {}
