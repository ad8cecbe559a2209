import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type ProposalView, type ReviewDecisionView, ReviewService } from '#app/proposals';
import { uuidParam, VersionDto, VersionReasonDto } from '../common/dto.js';
import { MergeDto, NotFileDto } from './proposals.dto.js';

/** 审查: 立案, 并案, 转为意见建议, 不予立案 by the committee; 撤案 by the proposer. Each tells the proposers why. */
@ApiTags('review 审查')
@ApiBearerAuth()
@Controller('proposals')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  /** 立案: the next number of the session. */
  @RequirePermission(Permission.ProposalFile)
  @Post(':id/file')
  @HttpCode(200)
  file(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.review.file(actor, id, body.version);
  }

  /** 并案 into a filed proposal; the proposers join the target's. */
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MergeDto): Promise<ProposalView> {
    return this.review.merge(actor, id, body.version, body.targetProposalId, body.reason);
  }

  /** 转为意见建议 */
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/to-opinion')
  @HttpCode(200)
  toOpinion(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ProposalView> {
    return this.review.toOpinion(actor, id, body.version, body.reason);
  }

  /** 不予立案, with a ground from the committee's table. */
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/not-file')
  @HttpCode(200)
  notFile(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: NotFileDto): Promise<ProposalView> {
    return this.review.notFile(actor, id, body.version, body.reasonCode, body.reasonText);
  }

  /** 撤案 by the lead proposer, before filing. */
  @RequirePermission(Permission.ProposalEdit)
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ProposalView> {
    return this.review.withdraw(actor, id, body.version, body.reason);
  }

  @RequirePermission(Permission.ProposalRead)
  @Get(':id/review-decisions')
  decisions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReviewDecisionView[]> {
    return this.review.decisions(actor, id);
  }
}
