import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { AssigningService, type AssignResult, type Recommendation, RecommendationService } from '#app/handling';
import type { SimilarProposalView } from '#app/proposals';
import { uuidParam } from '../common/dto.js';
import { AssignDto } from './handling.dto.js';

/** 交办 of one proposal: the units it goes to, and the units recommended for it. */
@ApiTags('assignments 交办')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalAssignmentsController {
  constructor(
    private readonly assigning: AssigningService,
    private readonly recommendation: RecommendationService,
  ) {}

  /** 交办: one lead unit with optional co-units, or two or more 分办 units; key and urgent flags. */
  @ApiOperation({ summary: '交办 · Assign a proposal', description: '交办给一个主办单位（可有会办单位），或两个以上分办单位；可标重点、加急。' })
  @RequirePermission(Permission.ProposalAssign)
  @Post(':id/assignments')
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AssignDto): Promise<AssignResult> {
    return this.assigning.assign(actor, id, body);
  }

  /** Lead and co-units ranked from how similar proposals were assigned and from the units' remits, with reasons. */
  @ApiOperation({ summary: '推荐承办单位 · Recommended units', description: '根据相似提案的交办情况和单位职责排序推荐主办、会办单位，附理由。' })
  @RequirePermission(Permission.ProposalAssign)
  @Get(':id/recommended-units')
  recommendUnits(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<Recommendation & { neighbours: SimilarProposalView[] }> {
    return this.recommendation.recommend(actor, id);
  }
}
