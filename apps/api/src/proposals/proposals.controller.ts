import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

  @RequirePermission(Permission.ProposalCreate)
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateProposalDto): Promise<ProposalView> {
    return this.proposals.create(actor, body);
  }

  @RequirePermission(Permission.ProposalRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListProposalsQueryDto): Promise<Page<ProposalView>> {
    return this.queries.list(actor, query);
  }

  @RequirePermission(Permission.ProposalRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ProposalView> {
    return this.proposals.get(actor, id);
  }

  /** Edits a draft (the lead proposer, or staff who entered it); frozen once someone co-signed it. */
  @RequirePermission(Permission.ProposalEdit)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateProposalDto): Promise<ProposalView> {
    const { version, ...content } = body;
    return this.proposals.update(actor, id, version, content);
  }

  /** Earlier proposals that look alike (same and earlier sessions), with a similarity figure. */
  @RequirePermission(Permission.ProposalRead)
  @Get(':id/similar')
  similar(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: SimilarQueryDto): Promise<SimilarProposalView[]> {
    return this.similarity.similarTo(actor, id, query.limit);
  }

  /** The same for a text not yet saved (the drafting form asks as the member types). */
  @RequirePermission(Permission.ProposalCreate)
  @Post('similar')
  @HttpCode(200)
  similarToText(@CurrentActor() actor: Actor, @Body() body: SimilarTextDto): Promise<SimilarProposalView[]> {
    return this.similarity.similarToText(actor, body.sessionId, body.title, body.body ?? '', body.limit ?? 10);
  }

  @RequirePermission(Permission.ProposalSubmit)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.proposals.submit(actor, id, body.version);
  }

  @RequirePermission(Permission.ProposalReview)
  @Post(':id/start-review')
  @HttpCode(200)
  startReview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.proposals.startReview(actor, id, body.version);
  }

  /** This proposal's own deadline rules (e.g. 快速通道), set before assignment. */
  @RequirePermission(Permission.ProposalAssign)
  @Put(':id/deadline-rules')
  setDeadlineRules(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ProposalDeadlineRulesDto): Promise<ProposalView> {
    return this.settings.setDeadlineRules(actor, id, body.version, body.deadlineRules);
  }

  /** 重点提案: the leader who supervises it (督办), or null. */
  @RequirePermission(Permission.ProposalAssign)
  @Put(':id/supervisor')
  setSupervisor(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SupervisorDto): Promise<ProposalView> {
    return this.settings.setSupervisor(actor, id, body.version, body.supervisorUserId);
  }
}
