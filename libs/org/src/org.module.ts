import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { CodeTablesService } from './code-tables.service.js';
import { OrgService } from './org.service.js';
import { SessionsService } from './sessions.service.js';
import { UnitsService } from './units.service.js';

const SERVICES = [OrgService, UnitsService, SessionsService, CalendarService, CodeTablesService];

@Module({ providers: SERVICES, exports: SERVICES })
export class OrgModule {}
