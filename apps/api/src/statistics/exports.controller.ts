import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type ExportFile, ExportsService, StatisticsExportsService, XLSX_CONTENT_TYPE } from '#app/statistics';
import { contentDisposition } from '../common/dto.js';
import { StatisticsQueryDto } from './statistics.dto.js';
import {
  ExportAdjustmentsQueryDto,
  ExportAssignmentsQueryDto,
  ExportExtensionsQueryDto,
  ExportFeedbackQueryDto,
  ExportProposalsQueryDto,
  ExportRepliesQueryDto,
} from './exports.dto.js';

/** Sends an export as it is written, with its Chinese file name (RFC 5987). */
const send = (file: ExportFile): StreamableFile =>
  new StreamableFile(file.stream, { type: file.contentType, disposition: contentDisposition('attachment', file.fileName) });

/**
 * Excel exports (导出): each list with the filters and row policy of its `GET`, the feedback forms and
 * the statistics. Kept apart from the lists' controllers so `…/proposals.xlsx` never meets `/:id`.
 */
@ApiTags('exports 导出')
@ApiBearerAuth()
@ApiProduces(XLSX_CONTENT_TYPE)
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly statisticsExports: StatisticsExportsService,
  ) {}

  @ApiOperation({ summary: '导出提案 · Export proposals', description: '按提案列表的筛选条件导出 Excel。' })
  @RequirePermission(Permission.ProposalRead)
  @Get('proposals.xlsx')
  async proposals(@CurrentActor() actor: Actor, @Query() query: ExportProposalsQueryDto): Promise<StreamableFile> {
    return send(await this.exports.proposals(actor, query));
  }

  @ApiOperation({ summary: '导出交办 · Export assignments', description: '按交办列表的筛选条件导出 Excel，含期限和暂定标记。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get('assignments.xlsx')
  async assignments(@CurrentActor() actor: Actor, @Query() query: ExportAssignmentsQueryDto): Promise<StreamableFile> {
    return send(await this.exports.assignments(actor, query));
  }

  @ApiOperation({ summary: '导出答复 · Export replies', description: '按答复列表的筛选条件导出 Excel。' })
  @RequirePermission(Permission.ReplyRead)
  @Get('replies.xlsx')
  async replies(@CurrentActor() actor: Actor, @Query() query: ExportRepliesQueryDto): Promise<StreamableFile> {
    return send(await this.exports.replies(actor, query));
  }

  @ApiOperation({ summary: '导出调整申请 · Export adjustment requests', description: '按筛选条件导出调整申请 Excel。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get('adjustment-requests.xlsx')
  async adjustments(@CurrentActor() actor: Actor, @Query() query: ExportAdjustmentsQueryDto): Promise<StreamableFile> {
    return send(await this.exports.adjustments(actor, query));
  }

  @ApiOperation({ summary: '导出延期申请 · Export extension requests', description: '按筛选条件导出延期申请 Excel。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get('extensions.xlsx')
  async extensions(@CurrentActor() actor: Actor, @Query() query: ExportExtensionsQueryDto): Promise<StreamableFile> {
    return send(await this.exports.extensions(actor, query));
  }

  /** 征询意见表 of a session (or all sessions): committee staff and administrators. */
  @ApiOperation({ summary: '导出征询意见表 · Export feedback forms', description: '某次会议（或全部会议）的征询意见表 Excel。' })
  @RequirePermission(Permission.StatisticsRead)
  @Get('feedback.xlsx')
  async feedback(@CurrentActor() actor: Actor, @Query() query: ExportFeedbackQueryDto): Promise<StreamableFile> {
    return send(await this.statisticsExports.feedback(actor, query));
  }

  /** 汇总, 承办单位 and 超期未办 sheets: committee staff and administrators. */
  @ApiOperation({ summary: '导出统计 · Export statistics', description: '汇总、承办单位和超期未办三张表的 Excel。' })
  @RequirePermission(Permission.StatisticsRead)
  @Get('statistics.xlsx')
  async statistics(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<StreamableFile> {
    return send(await this.statisticsExports.statistics(actor, query));
  }
}
