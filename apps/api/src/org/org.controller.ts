import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '#app/auth';
import { CalendarService, type CalendarDayView, OrgService, type SessionView, type UnitView } from '#app/org';
import { CalendarYearQueryDto, ListUnitsQueryDto } from '../admin/admin.dto.js';

/** Reference data every signed-in user of the committee may read: sessions and units. */
@ApiTags('org 组织')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly calendar: CalendarService,
  ) {}

  /** Holidays and working weekends (调休) of a year, as deadlines in this committee count them. */
  @Get('calendar')
  calendarYear(@CurrentActor() actor: Actor, @Query() query: CalendarYearQueryDto): Promise<CalendarDayView[]> {
    return this.calendar.listYear(actor.committeeId, query.year);
  }

  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.org.listSessions(actor.committeeId);
  }

  @Get('units')
  units(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.org.listUnits(actor.committeeId, query.kind);
  }
}
