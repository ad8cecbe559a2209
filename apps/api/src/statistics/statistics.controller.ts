import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type DrillPage, StatisticsService, type StatisticsView } from '#app/statistics';
import { DrillQueryDto, StatisticsQueryDto } from './statistics.dto.js';

/** 统计: the committee's figures for a session or all sessions, as of any date, per unit, and the rows behind each. */
@ApiTags('statistics 统计')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** The summary and the per-unit table (a unit leader: only their units' lines). */
  @RequirePermission(Permission.StatisticsRead)
  @Get()
  figures(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<StatisticsView> {
    return this.statistics.statistics(actor, query);
  }

  /** The proposals (assignments, answers, forms or members) behind one figure, paged; their total is the figure. */
  @RequirePermission(Permission.StatisticsRead)
  @Get('drill')
  drill(@CurrentActor() actor: Actor, @Query() query: DrillQueryDto): Promise<DrillPage> {
    return this.statistics.drill(actor, query);
  }
}
