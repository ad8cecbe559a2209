import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CalendarChangesService } from '#app/handling';
import { type HolidayNotice, parseHolidayNotice } from '#app/core';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditService, type AuditEntryView } from '#app/audit';
import { type Actor, AuthService, CurrentActor, Permission, RequirePermission } from '#app/auth';
import {
  CalendarService,
  type CalendarDayView,
  CodeTable,
  CodeTablesService,
  type CodeView,
  OrgService,
  SessionsService,
  type SessionView,
  UnitsService,
  type UnitView,
  type UserView,
} from '#app/org';
import {
  CalendarDayDto,
  CalendarYearQueryDto,
  CodeTableDto,
  HolidayNoticeDto,
  CreateSessionDto,
  CreateUnitDto,
  CreateUserDto,
  ListUnitsQueryDto,
  MembershipDto,
  UpdateSessionDto,
  UpdateUnitDto,
} from './admin.dto.js';
import { calendarDayParam } from '../common/bounds.js';
import { codeTableParam, uuidParam } from '../common/dto.js';

/** The administrator's committee: units, offices, CPPCC sessions, users and their roles. */
@ApiTags('admin 管理')
@ApiBearerAuth()
@RequirePermission(Permission.OrgManage)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly org: OrgService,
    private readonly calendar: CalendarService,
    private readonly calendarChanges: CalendarChangesService,
    private readonly codeTables: CodeTablesService,
    private readonly units: UnitsService,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
  ) {}

  /** 不予立案理由 (not-filed-reason) and 提案类别 (category): the whole table at once; [] restores the defaults. */
  @Put('code-tables/:table')
  @ApiParam({ name: 'table', enum: CodeTable })
  replaceCodeTable(@CurrentActor() actor: Actor, @Param('table', codeTableParam()) table: CodeTable, @Body() body: CodeTableDto): Promise<CodeView[]> {
    return this.codeTables.replace(actor, table, body.entries);
  }

  @Get('units')
  listUnits(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.units.listUnits(actor.committeeId, query.kind);
  }

  @Post('units')
  createUnit(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto): Promise<UnitView> {
    return this.units.createUnit(actor, body);
  }

  /** A renamed unit's proposals are found by the new name from now on (their search documents are recomputed). */
  @Patch('units/:id')
  updateUnit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateUnitDto): Promise<UnitView> {
    const { version, ...changes } = body;
    return this.units.updateUnit(actor, id, version, changes);
  }

  @Get('sessions')
  listSessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.sessions.listSessions(actor.committeeId);
  }

  @Post('sessions')
  createSession(@CurrentActor() actor: Actor, @Body() body: CreateSessionDto): Promise<SessionView> {
    return this.sessions.createSession(actor, body);
  }

  @Patch('sessions/:id')
  updateSession(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateSessionDto): Promise<SessionView> {
    const { version, ...changes } = body;
    return this.sessions.updateSession(actor, id, version, changes);
  }

  @Get('calendar')
  calendarYear(@CurrentActor() actor: Actor, @Query() query: CalendarYearQueryDto): Promise<CalendarDayView[]> {
    return this.calendar.listYear(actor.committeeId, query.year);
  }

  /** Sets the committee's own entry for a day; open deadlines that depend on it are recomputed. */
  @Put('calendar/:date')
  setCalendarDay(
    @CurrentActor() actor: Actor,
    @Param('date', calendarDayParam('date')) date: string,
    @Body() body: CalendarDayDto,
  ): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    return this.calendarChanges.changeCalendarDay(actor, date, body);
  }

  /** Removes the committee's own entry; the national schedule applies again, deadlines recomputed. */
  @Delete('calendar/:date')
  clearCalendarDay(@CurrentActor() actor: Actor, @Param('date', calendarDayParam('date')) date: string): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    return this.calendarChanges.changeCalendarDay(actor, date, null);
  }

  /** Reads a pasted 国务院办公厅 notice and shows what it would load (days off, 调休 working days); writes nothing. */
  @Post('calendar/notice/preview')
  @HttpCode(200)
  previewNotice(@Body() body: HolidayNoticeDto): HolidayNotice {
    return parseHolidayNotice(body.text, body.year);
  }

  /**
   * Loads the national schedule of the notice's year (for every committee: it is the State Council's),
   * recomputes the open deadlines it changes, clears their provisional marks and tells the units whose
   * due dates moved, all in one transaction.
   */
  @Post('calendar/notice')
  @HttpCode(200)
  loadNotice(@CurrentActor() actor: Actor, @Body() body: HolidayNoticeDto): Promise<HolidayNotice & { recomputed: number; confirmed: number }> {
    return this.calendarChanges.importNotice(body.text, body.year, actor.userId);
  }

  @Get('users')
  listUsers(@CurrentActor() actor: Actor): Promise<UserView[]> {
    return this.org.listUsers(actor.committeeId);
  }

  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.org.createUser(actor, body);
  }

  @Post('users/:id/memberships')
  addMembership(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MembershipDto): Promise<UserView> {
    return this.org.addMembership(actor, id, body);
  }

  /** Lifts the login lock of a user of the committee (after too many failed logins), audited. */
  @Post('users/:id/unlock')
  @HttpCode(200)
  unlockUser(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<{ userId: string; wasLocked: boolean }> {
    return this.auth.unlock(actor, id);
  }

  @Delete('users/:id/memberships/:membershipId')
  removeMembership(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('membershipId', uuidParam('membershipId')) membershipId: string,
  ): Promise<UserView> {
    return this.org.removeMembership(actor, id, membershipId);
  }
}

/** The audit trail of one record, for staff and administrators. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@RequirePermission(Permission.AuditRead)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get(':entityId')
  trail(@CurrentActor() actor: Actor, @Param('entityId', uuidParam('entityId')) entityId: string): Promise<AuditEntryView[]> {
    return this.audit.trail(actor.committeeId, entityId);
  }
}
