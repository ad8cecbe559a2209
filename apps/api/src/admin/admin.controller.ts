import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CalendarChangesService } from '#app/handling';
import { type HolidayNotice, parseHolidayNotice } from '#app/core';
import { ApiBearerAuth, ApiParam, ApiTags, ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({ summary: '替换代码表 · Replace a code table', description: '整表替换本政协的代码表（不予立案理由、提案类别、办理结果）；传空表恢复默认。' })
  @Put('code-tables/:table')
  @ApiParam({ name: 'table', enum: CodeTable })
  replaceCodeTable(@CurrentActor() actor: Actor, @Param('table', codeTableParam()) table: CodeTable, @Body() body: CodeTableDto): Promise<CodeView[]> {
    return this.codeTables.replace(actor, table, body.entries);
  }

  @ApiOperation({ summary: '单位列表（管理） · List units (admin)', description: '本政协的全部单位，含已停用的，可按类别筛选。' })
  @Get('units')
  listUnits(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.units.listUnits(actor.committeeId, query.kind);
  }

  @ApiOperation({ summary: '新建单位 · Create a unit', description: '新建承办单位、抄送单位或其下属部门。' })
  @Post('units')
  createUnit(@CurrentActor() actor: Actor, @Body() body: CreateUnitDto): Promise<UnitView> {
    return this.units.createUnit(actor, body);
  }

  /** A renamed unit's proposals are found by the new name from now on (their search documents are recomputed). */
  @ApiOperation({ summary: '修改单位 · Update a unit', description: '修改单位名称、职责等；改名后的单位按新名称检索。' })
  @Patch('units/:id')
  updateUnit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateUnitDto): Promise<UnitView> {
    const { version, ...changes } = body;
    return this.units.updateUnit(actor, id, version, changes);
  }

  @ApiOperation({ summary: '届次会议列表（管理） · List sessions (admin)', description: '本政协的届次会议及其期限规则和提醒计划。' })
  @Get('sessions')
  listSessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.sessions.listSessions(actor.committeeId);
  }

  @ApiOperation({ summary: '新建届次会议 · Create a session', description: '新建一次会议，含办理期限规则和提醒计划。' })
  @Post('sessions')
  createSession(@CurrentActor() actor: Actor, @Body() body: CreateSessionDto): Promise<SessionView> {
    return this.sessions.createSession(actor, body);
  }

  @ApiOperation({ summary: '修改届次会议 · Update a session', description: '修改会议的名称、日期、期限规则或提醒计划。' })
  @Patch('sessions/:id')
  updateSession(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateSessionDto): Promise<SessionView> {
    const { version, ...changes } = body;
    return this.sessions.updateSession(actor, id, version, changes);
  }

  @ApiOperation({ summary: '日历（管理） · Calendar of a year (admin)', description: '某年的节假日和调休工作日，含本政协自定的日子。' })
  @Get('calendar')
  calendarYear(@CurrentActor() actor: Actor, @Query() query: CalendarYearQueryDto): Promise<CalendarDayView[]> {
    return this.calendar.listYear(actor.committeeId, query.year);
  }

  /** Sets the committee's own entry for a day; open deadlines that depend on it are recomputed. */
  @ApiOperation({ summary: '设置日历日 · Set a calendar day', description: '设置本政协某一天为休息日或工作日；受影响的未到期期限随即重算。' })
  @Put('calendar/:date')
  setCalendarDay(
    @CurrentActor() actor: Actor,
    @Param('date', calendarDayParam('date')) date: string,
    @Body() body: CalendarDayDto,
  ): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    return this.calendarChanges.changeCalendarDay(actor, date, body);
  }

  /** Removes the committee's own entry; the national schedule applies again, deadlines recomputed. */
  @ApiOperation({ summary: '清除日历日 · Clear a calendar day', description: '删除本政协对某一天的设置，恢复全国安排；受影响的期限随即重算。' })
  @Delete('calendar/:date')
  clearCalendarDay(@CurrentActor() actor: Actor, @Param('date', calendarDayParam('date')) date: string): Promise<{ day: CalendarDayView | null; recomputed: number }> {
    return this.calendarChanges.changeCalendarDay(actor, date, null);
  }

  /** Reads a pasted 国务院办公厅 notice and shows what it would load (days off, 调休 working days); writes nothing. */
  @ApiOperation({ summary: '预览放假通知 · Preview a holiday notice', description: '解析粘贴的国务院办公厅放假通知，显示将载入的放假和调休日期，不写入。' })
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
  @ApiOperation({ summary: '载入放假通知 · Load a holiday notice', description: '载入通知所在年度的全国放假安排，重算未到期期限并通知期限有变的单位。' })
  @Post('calendar/notice')
  @HttpCode(200)
  loadNotice(@CurrentActor() actor: Actor, @Body() body: HolidayNoticeDto): Promise<HolidayNotice & { recomputed: number; confirmed: number }> {
    return this.calendarChanges.importNotice(body.text, body.year, actor.userId);
  }

  @ApiOperation({ summary: '用户列表 · List users', description: '本政协的用户及其角色和单位。' })
  @Get('users')
  listUsers(@CurrentActor() actor: Actor): Promise<UserView[]> {
    return this.org.listUsers(actor.committeeId);
  }

  @ApiOperation({ summary: '新建用户 · Create a user', description: '新建用户并加入本政协，指定角色和单位。' })
  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.org.createUser(actor, body);
  }

  @ApiOperation({ summary: '添加角色 · Add a membership', description: '为用户在本政协增加一个角色（可带单位）。' })
  @Post('users/:id/memberships')
  addMembership(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MembershipDto): Promise<UserView> {
    return this.org.addMembership(actor, id, body);
  }

  /** Lifts the login lock of a user of the committee (after too many failed logins), audited. */
  @ApiOperation({ summary: '解除登录锁定 · Unlock a user', description: '解除用户因多次登录失败而被锁定的状态，记入审计。' })
  @Post('users/:id/unlock')
  @HttpCode(200)
  unlockUser(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<{ userId: string; wasLocked: boolean }> {
    return this.auth.unlock(actor, id);
  }

  @ApiOperation({ summary: '移除角色 · Remove a membership', description: '移除用户在本政协的一个角色。' })
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

  @ApiOperation({ summary: '记录的审计轨迹 · Audit trail of a record', description: '某条记录（提案、交办、答复等）的全部审计条目。' })
  @Get(':entityId')
  trail(@CurrentActor() actor: Actor, @Param('entityId', uuidParam('entityId')) entityId: string): Promise<AuditEntryView[]> {
    return this.audit.trail(actor.committeeId, entityId);
  }
}
