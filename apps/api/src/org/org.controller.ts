import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { CalendarService, type CalendarDayView, type CalendarScheduleStatus, CodeTable, CodeTablesService, type CodeView, type MemberView, OrgService, SessionsService, type SessionView, UnitsService, type UnitView } from '#app/org';
import { codeTableParam } from '../common/dto.js';
import { CalendarYearQueryDto, ListUnitsQueryDto } from '../admin/admin.dto.js';
import { ListMembersQueryDto } from './org.dto.js';

/** Reference data every signed-in user of the committee may read: sessions, units, calendar, code tables. */
@ApiTags('org 组织')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly unitsService: UnitsService,
    private readonly sessionsService: SessionsService,
    private readonly calendar: CalendarService,
    private readonly codeTables: CodeTablesService,
  ) {}

  /**
   * Whether next year's holiday schedule is loaded: the web app's banner for admins and staff (the
   * admins' inbox notice comes from the worker's calendar check).
   */
  @Get('calendar/status')
  calendarStatus(): Promise<CalendarScheduleStatus> {
    return this.calendar.scheduleStatus();
  }

  /** Holidays and working weekends (调休) of a year, as deadlines in this committee count them. */
  @Get('calendar')
  calendarYear(@CurrentActor() actor: Actor, @Query() query: CalendarYearQueryDto): Promise<CalendarDayView[]> {
    return this.calendar.listYear(actor.committeeId, query.year);
  }

  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.sessionsService.listSessions(actor.committeeId);
  }

  /** A code table of the committee: not-filed-reason (不予立案理由) or category (提案类别). */
  @Get('code-tables/:table')
  @ApiParam({ name: 'table', enum: CodeTable })
  codeTable(@CurrentActor() actor: Actor, @Param('table', codeTableParam()) table: CodeTable): Promise<CodeView[]> {
    return this.codeTables.list(actor.committeeId, table);
  }

  @Get('units')
  units(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.unitsService.listUnits(actor.committeeId, query.kind);
  }

  /** The committee's members (委员), searchable by name: whom a proposer may invite to co-sign (联名). */
  @RequirePermission(Permission.ProposalEdit)
  @Get('members')
  members(@CurrentActor() actor: Actor, @Query() query: ListMembersQueryDto): Promise<{ items: MemberView[]; total: number; limit: number; offset: number }> {
    return this.org.searchMembers(actor.committeeId, query.q, query.limit, query.offset);
  }
}
