import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '#app/auth';
import { OrgService, type SessionView, type UnitView } from '#app/org';
import { ListUnitsQueryDto } from '../admin/admin.dto.js';

/** Reference data every signed-in user of the committee may read: sessions and units. */
@ApiTags('org 组织')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.org.listSessions(actor.committeeId);
  }

  @Get('units')
  units(@CurrentActor() actor: Actor, @Query() query: ListUnitsQueryDto): Promise<UnitView[]> {
    return this.org.listUnits(actor.committeeId, query.kind);
  }
}
