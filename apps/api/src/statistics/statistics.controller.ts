import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({ summary: '统计 · Statistics', description: '本政协某次会议（或全部会议）截至某日的汇总和按单位统计（办复率、按期办复率、满意率、超期等）。' })
  @RequirePermission(Permission.StatisticsRead)
  @Get()
  figures(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<StatisticsView> {
    return this.statistics.statistics(actor, query);
  }

  /** The proposals (assignments, answers, forms or members) behind one figure, paged; their total is the figure. */
  @ApiOperation({ summary: '统计明细 · Rows behind a figure', description: '某个统计数所依据的提案（交办、答复、意见表或委员），分页返回；total 即该数。' })
  @RequirePermission(Permission.StatisticsRead)
  @Get('drill')
  drill(@CurrentActor() actor: Actor, @Query() query: DrillQueryDto): Promise<DrillPage> {
    return this.statistics.drill(actor, query);
  }
}
