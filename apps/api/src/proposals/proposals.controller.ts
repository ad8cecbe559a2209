import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import type { Page } from '#app/core';
import { ProposalQueriesService, ProposalSettingsService, ProposalsService, type ProposalView, SimilarityService, type SimilarProposalView } from '#app/proposals';
import { uuidParam, VersionDto } from '../common/dto.js';
import {
  CreateProposalDto,
  ListProposalsQueryDto,
  ProposalDeadlineRulesDto,
  SimilarQueryDto,
  SimilarTextDto,
  SupervisorDto,
  UpdateProposalDto,
} from './proposals.dto.js';

/** Proposals from draft to close: members submit, the committee reviews, files, assigns and closes. */
@ApiTags('proposals 提案')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly queries: ProposalQueriesService,
    private readonly settings: ProposalSettingsService,
    private readonly similarity: SimilarityService,
  ) {}

  @ApiOperation({ summary: '新建提案 · Create a proposal', description: '委员起草提案（草稿），或工作人员代为录入。' })
  @RequirePermission(Permission.ProposalCreate)
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateProposalDto): Promise<ProposalView> {
    return this.proposals.create(actor, body);
  }

  @ApiOperation({ summary: '提案列表 · List proposals', description: '当前用户可见的提案，可按状态、会议、类别等筛选、全文检索和排序，分页返回。' })
  @RequirePermission(Permission.ProposalRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListProposalsQueryDto): Promise<Page<ProposalView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: '提案详情 · Get a proposal', description: '一件提案的全部内容和状态。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ProposalView> {
    return this.proposals.get(actor, id);
  }

  /** Edits a draft (the lead proposer, or staff who entered it); frozen once someone co-signed it. */
  @ApiOperation({ summary: '修改提案 · Update a proposal', description: '修改草稿（领衔人或录入的工作人员）；有人联名后不能再改。' })
  @RequirePermission(Permission.ProposalEdit)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateProposalDto): Promise<ProposalView> {
    const { version, ...content } = body;
    return this.proposals.update(actor, id, version, content);
  }

  /** Earlier proposals that look alike (same and earlier sessions), with a similarity figure. */
  @ApiOperation({ summary: '相似提案 · Similar proposals', description: '本次及以往会议中内容相近的提案，附相似度。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':id/similar')
  similar(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: SimilarQueryDto): Promise<SimilarProposalView[]> {
    return this.similarity.similarTo(actor, id, query.limit);
  }

  /** The same for a text not yet saved (the drafting form asks as the member types). */
  @ApiOperation({ summary: '按文本找相似提案 · Similar proposals to a text', description: '对尚未保存的标题和正文查找相近的提案，起草时边写边查。' })
  @RequirePermission(Permission.ProposalCreate)
  @Post('similar')
  @HttpCode(200)
  similarToText(@CurrentActor() actor: Actor, @Body() body: SimilarTextDto): Promise<SimilarProposalView[]> {
    return this.similarity.similarToText(actor, body.sessionId, body.title, body.body ?? '', body.limit ?? 10);
  }

  @ApiOperation({ summary: '提交提案 · Submit a proposal', description: '领衔人提交提案，进入审查。' })
  @RequirePermission(Permission.ProposalSubmit)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.proposals.submit(actor, id, body.version);
  }

  @ApiOperation({ summary: '开始审查 · Start the review', description: '提案委工作人员开始审查已提交的提案。' })
  @RequirePermission(Permission.ProposalReview)
  @Post(':id/start-review')
  @HttpCode(200)
  startReview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.proposals.startReview(actor, id, body.version);
  }

  /** This proposal's own deadline rules (e.g. 快速通道), set before assignment. */
  @ApiOperation({ summary: '设置提案期限规则 · Set the proposal\'s deadline rules', description: '为这件提案单独设置与会议不同的期限规则（如快速通道），须在交办前。' })
  @RequirePermission(Permission.ProposalAssign)
  @Put(':id/deadline-rules')
  setDeadlineRules(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ProposalDeadlineRulesDto): Promise<ProposalView> {
    return this.settings.setDeadlineRules(actor, id, body.version, body.deadlineRules);
  }

  /** 重点提案: the leader who supervises it (督办), or null. */
  @ApiOperation({ summary: '设置督办领导 · Set the supervisor', description: '重点提案的督办领导；传 null 清除。' })
  @RequirePermission(Permission.ProposalAssign)
  @Put(':id/supervisor')
  setSupervisor(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SupervisorDto): Promise<ProposalView> {
    return this.settings.setSupervisor(actor, id, body.version, body.supervisorUserId);
  }
}
