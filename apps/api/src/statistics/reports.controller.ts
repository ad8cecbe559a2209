import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ReportsService } from '#app/statistics';
import { contentDisposition } from '../common/dto.js';
import { YearlyReportQueryDto } from './statistics.dto.js';

/** 年度报告 (PDF): committee staff and administrators. */
@ApiTags('reports 报告')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The year's sessions: title page, summary, charts, per-unit table, overdue list. */
  @ApiOperation({ summary: '年度报告 · Yearly report', description: '某年各次会议的办理情况报告 PDF：封面、汇总、图表、单位表、超期清单。' })
  @RequirePermission(Permission.StatisticsRead)
  @ApiProduces('application/pdf')
  @Get('yearly.pdf')
  async yearly(@CurrentActor() actor: Actor, @Query() query: YearlyReportQueryDto): Promise<StreamableFile> {
    const { fileName, bytes } = await this.reports.yearly(actor, query.year, query.asOf);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: contentDisposition('attachment', fileName) });
  }
}
