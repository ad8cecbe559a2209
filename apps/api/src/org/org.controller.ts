import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags, ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({ summary: '日历状态 · Calendar status', description: '明年的节假日安排是否已载入；未载入时管理员和工作人员看到提示。' })
  @Get('calendar/status')
  calendarStatus(): Promise<CalendarScheduleStatus> {
    return this.calendar.scheduleStatus();
  }

  /** Holidays and working weekends (调休) of a year, as deadlines in this committee count them. */
  @ApiOperation({ summary: '日历 · Calendar of a year', description: '某年的节假日和调休工作日，即本政协计算期限所用的日历。' })
  @Get('calendar')
  calendarYear(@CurrentActor() actor: Actor, @Query() query: CalendarYearQueryDto): Promise<CalendarDayView[]> {
    return this.calendar.listYear(actor.committeeId, query.year);
  }

  @ApiOperation({ summary: '届次会议 · Sessions', description: '本政协的届次会议。' })
  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.sessionsService.listSessions(actor.committeeId);
  }

  /** A code table of the committee: not-filed-reason (不予立案理由) or category (提案类别). */
  @ApiOperation({ summary: '代码表 · A code table', description: '本政协的代码表：不予立案理由、提案类别或办理结果。' })
  @Get('code-tables/:table')
  @ApiParam({ name: 'table', enum: CodeTable })
  codeTable(@CurrentActor() actor: Actor, @Param('table', codeTableParam()) table: CodeTable): Promise<CodeView[]> {
    return this.codeTables.list(actor.committeeId, table);
  }

  @ApiOperation({ summary: '单位 · Units', description: '本政协在用的单位，可按类别筛选。' })
  @Get('units')
  units(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.unitsService.listUnits(actor.committeeId, query.kind);
  }

  /** The committee's members (委员), searchable by name: whom a proposer may invite to co-sign (联名). */
  @ApiOperation({ summary: '委员 · Members', description: '本政协的委员，可按姓名检索：联名邀请时选择的对象。' })
  @RequirePermission(Permission.ProposalEdit)
  @Get('members')
  members(@CurrentActor() actor: Actor, @Query() query: ListMembersQueryDto): Promise<{ items: MemberView[]; total: number; limit: number; offset: number }> {
    return this.org.searchMembers(actor.committeeId, query.q, query.limit, query.offset);
  }
}
