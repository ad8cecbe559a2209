import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import {
  ReplyDispatchService,
  ReplyDraftingService,
  ReplyQueriesService,
  ReplyReviewService,
  ReplySignOffService,
  type ReplyView,
  type ReviewerCandidateView,
} from '#app/replies';
import { ListRepliesQueryDto, SignOffDto, UpdateReplyDto } from './replies.dto.js';
import { CommitteeCheckDto, ReviewDto, SendForReviewDto } from './reply-versions.dto.js';
import { contentDisposition, sendPdf, uuidParam, VersionDto, VersionReasonDto } from '../common/dto.js';
import type { Page } from '#app/core';

/** Replies (答复): drafted by the unit, signed off by its leader, dispatched to members and offices. */
@ApiTags('replies 答复')
@ApiBearerAuth()
@Controller('replies')
export class RepliesController {
  constructor(
    private readonly queries: ReplyQueriesService,
    private readonly drafting: ReplyDraftingService,
    private readonly reviewing: ReplyReviewService,
    private readonly signing: ReplySignOffService,
    private readonly dispatching: ReplyDispatchService,
  ) {}

  @ApiOperation({ summary: '答复列表 · List replies', description: '当前用户可见的答复，可按状态、提案筛选，全文检索，分页返回。' })
  @RequirePermission(Permission.ReplyRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListRepliesQueryDto): Promise<Page<ReplyView>> {
    return this.queries.list(actor, query);
  }

  /** The committee's 办理结果 codes with their meanings (also `GET /code-tables/reply-grade`). */
  @ApiOperation({ summary: '办理结果代码 · Reply grades', description: '本政协的办理结果代码及其含义。' })
  @RequirePermission(Permission.ReplyRead)
  @Get('grades')
  grades(@CurrentActor() actor: Actor): Promise<Array<{ code: string; meaning: string }>> {
    return this.queries.grades(actor);
  }

  /** The signed document (GB/T 9704 PDF) with its SHA-256, once signed off. */
  @ApiOperation({ summary: '答复 PDF · The reply\'s PDF', description: '签发后的正式答复（GB/T 9704 PDF），响应头带 SHA-256。' })
  @RequirePermission(Permission.ReplyRead)
  @Get(':id/document.pdf')
  async document(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return sendPdf(response, await this.signing.signedPdf(actor, id));
  }

  /** The signed reply as DOCX (same layout, for filing and printing). */
  @ApiOperation({ summary: '答复 DOCX · The reply as DOCX', description: '签发后的答复的 DOCX 版本，版式相同，供归档和打印。' })
  @RequirePermission(Permission.ReplyRead)
  @Get(':id/document.docx')
  async docx(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { bytes, fileName } = await this.signing.signedDocx(actor, id);
    response.setHeader('Content-Disposition', contentDisposition('attachment', fileName));
    return new StreamableFile(bytes, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', length: bytes.length });
  }

  @ApiOperation({ summary: '答复详情 · Get a reply', description: '一件答复的全部内容和状态。' })
  @RequirePermission(Permission.ReplyRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReplyView> {
    return this.queries.get(actor, id);
  }

  @ApiOperation({ summary: '修改答复 · Update a reply', description: '修改答复草稿（正文、办理结果、联系人、抄送）。' })
  @RequirePermission(Permission.ReplyDraft)
  @Put(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateReplyDto): Promise<ReplyView> {
    const { version, ...draft } = body;
    return this.drafting.updateDraft(actor, id, version, draft);
  }

  @ApiOperation({ summary: '提交签发 · Submit for sign-off', description: '起草人把答复提交单位领导签发。' })
  @RequirePermission(Permission.ReplySubmit)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ReplyView> {
    return this.reviewing.submit(actor, id, body.version);
  }

  /** 内部审核 (optional): to reviewers of the unit; the last approval sends it on to sign-off. */
  @ApiOperation({ summary: '送内部审核 · Send for review', description: '（可选）送本单位审核人审核；最后一人同意后送签发。' })
  @RequirePermission(Permission.ReplySubmit)
  @Post(':id/send-for-review')
  @HttpCode(200)
  sendForReview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SendForReviewDto): Promise<ReplyView> {
    return this.reviewing.sendForReview(actor, id, body.version, body.reviewerUserIds);
  }

  /** A reviewer approves, or sends the draft back with a note (the reason). */
  @ApiOperation({ summary: '内部审核 · Review a reply', description: '审核人同意，或附意见退回草稿。' })
  @RequirePermission(Permission.ReplyReview)
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewDto): Promise<ReplyView> {
    return this.reviewing.review(actor, id, body.approve, body.note);
  }

  /** 内部审核: the drafters and leaders of the issuing unit the caller may name as reviewers. */
  @ApiOperation({ summary: '可选审核人 · Reviewer candidates', description: '可指定为内部审核人的本单位起草人和领导。' })
  @RequirePermission(Permission.ReplySubmit)
  @Get(':id/reviewer-candidates')
  reviewerCandidates(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReviewerCandidateView[]> {
    return this.reviewing.reviewerCandidates(actor, id);
  }

  @ApiOperation({ summary: '审核记录 · Review rounds', description: '这件答复各轮内部审核的决定。' })
  @RequirePermission(Permission.ReplyRead)
  @Get(':id/reviews')
  reviews(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): ReturnType<ReplyReviewService['reviews']> {
    return this.reviewing.reviews(actor, id);
  }

  /** 提案委审核: the committee office checks a signed reply before it is sent, and may change its grade. */
  @ApiOperation({ summary: '提案委审核 · Committee check', description: '提案委在答复发出前审核已签发的答复，可调整办理结果。' })
  @RequirePermission(Permission.ReplyCheck)
  @Post(':id/committee-check')
  @HttpCode(200)
  committeeCheck(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CommitteeCheckDto): Promise<ReplyView> {
    return this.signing.committeeCheck(actor, id, body.version, body.grade, body.note);
  }

  @ApiOperation({ summary: '退回答复 · Return a reply', description: '领导或提案委说明理由后把答复退回起草人。' })
  @RequirePermission(Permission.ReplyReturn)
  @Post(':id/return')
  @HttpCode(200)
  return(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ReplyView> {
    return this.reviewing.return(actor, id, body.version, body.reason);
  }

  @ApiOperation({ summary: '签发 · Sign off', description: '单位领导签发答复并确定公开方式；生成正式 PDF。' })
  @RequirePermission(Permission.ReplySignOff)
  @Post(':id/sign-off')
  @HttpCode(200)
  signOff(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SignOffDto): Promise<ReplyView> {
    return this.signing.signOff(actor, id, body);
  }

  @ApiOperation({ summary: '发出答复 · Dispatch a reply', description: '把签发的答复发给提案人并抄送相关单位。' })
  @RequirePermission(Permission.ReplyDispatch)
  @Post(':id/dispatch')
  @HttpCode(200)
  dispatch(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ReplyView> {
    return this.dispatching.dispatch(actor, id, body.version);
  }
}
