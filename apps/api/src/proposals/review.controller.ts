import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({ summary: '立案 · File a proposal', description: '审查通过，立案并取得本次会议的下一个编号。' })
  @RequirePermission(Permission.ProposalFile)
  @Post(':id/file')
  @HttpCode(200)
  file(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.review.file(actor, id, body.version);
  }

  /** 并案 into a filed proposal; the proposers join the target's. */
  @ApiOperation({ summary: '并案 · Merge a proposal', description: '并入一件已立案的提案，提案人加入目标提案。' })
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/merge')
  @HttpCode(200)
  merge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MergeDto): Promise<ProposalView> {
    return this.review.merge(actor, id, body.version, body.targetProposalId, body.reason);
  }

  /** 转为意见建议 */
  @ApiOperation({ summary: '转为意见建议 · Turn into an opinion', description: '不作为提案立案，转为意见建议处理。' })
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/to-opinion')
  @HttpCode(200)
  toOpinion(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ProposalView> {
    return this.review.toOpinion(actor, id, body.version, body.reason);
  }

  /** 不予立案, with a ground from the committee's table. */
  @ApiOperation({ summary: '不予立案 · Do not file', description: '不予立案，并说明本政协代码表中的理由。' })
  @RequirePermission(Permission.ProposalDecide)
  @Post(':id/not-file')
  @HttpCode(200)
  notFile(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: NotFileDto): Promise<ProposalView> {
    return this.review.notFile(actor, id, body.version, body.reasonCode, body.reasonText);
  }

  /** 撤案 by the lead proposer, before filing. */
  @ApiOperation({ summary: '撤案 · Withdraw', description: '领衔人在立案前撤回提案。' })
  @RequirePermission(Permission.ProposalEdit)
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ProposalView> {
    return this.review.withdraw(actor, id, body.version, body.reason);
  }

  @ApiOperation({ summary: '审查决定 · Review decisions', description: '这件提案的审查决定（立案、并案、不予立案等）。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':id/review-decisions')
  decisions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReviewDecisionView[]> {
    return this.review.decisions(actor, id);
  }
}
