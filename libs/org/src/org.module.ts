import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { CodeTablesService } from './code-tables.service.js';
import { OrgService } from './org.service.js';

@Module({ providers: [OrgService, CalendarService, CodeTablesService], exports: [OrgService, CalendarService, CodeTablesService] })
export class OrgModule {}
