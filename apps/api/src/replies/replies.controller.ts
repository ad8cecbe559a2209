import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

  @RequirePermission(Permission.ReplyRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListRepliesQueryDto): Promise<Page<ReplyView>> {
    return this.queries.list(actor, query);
  }

  /** The committee's 办理结果 codes with their meanings (also `GET /code-tables/reply-grade`). */
  @RequirePermission(Permission.ReplyRead)
  @Get('grades')
  grades(@CurrentActor() actor: Actor): Promise<Array<{ code: string; meaning: string }>> {
    return this.queries.grades(actor);
  }

  /** The signed document (GB/T 9704 PDF) with its SHA-256, once signed off. */
  @RequirePermission(Permission.ReplyRead)
  @Get(':id/document.pdf')
  async document(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return sendPdf(response, await this.signing.signedPdf(actor, id));
  }

  /** The signed reply as DOCX (same layout, for filing and printing). */
  @RequirePermission(Permission.ReplyRead)
  @Get(':id/document.docx')
  async docx(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { bytes, fileName } = await this.signing.signedDocx(actor, id);
    response.setHeader('Content-Disposition', contentDisposition('attachment', fileName));
    return new StreamableFile(bytes, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', length: bytes.length });
  }

  @RequirePermission(Permission.ReplyRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReplyView> {
    return this.queries.get(actor, id);
  }

  @RequirePermission(Permission.ReplyDraft)
  @Put(':id')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateReplyDto): Promise<ReplyView> {
    const { version, ...draft } = body;
    return this.drafting.updateDraft(actor, id, version, draft);
  }

  @RequirePermission(Permission.ReplySubmit)
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ReplyView> {
    return this.reviewing.submit(actor, id, body.version);
  }

  /** 内部审核 (optional): to reviewers of the unit; the last approval sends it on to sign-off. */
  @RequirePermission(Permission.ReplySubmit)
  @Post(':id/send-for-review')
  @HttpCode(200)
  sendForReview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SendForReviewDto): Promise<ReplyView> {
    return this.reviewing.sendForReview(actor, id, body.version, body.reviewerUserIds);
  }

  /** A reviewer approves, or sends the draft back with a note (the reason). */
  @RequirePermission(Permission.ReplyReview)
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewDto): Promise<ReplyView> {
    return this.reviewing.review(actor, id, body.approve, body.note);
  }

  /** 内部审核: the drafters and leaders of the issuing unit the caller may name as reviewers. */
  @RequirePermission(Permission.ReplySubmit)
  @Get(':id/reviewer-candidates')
  reviewerCandidates(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ReviewerCandidateView[]> {
    return this.reviewing.reviewerCandidates(actor, id);
  }

  @RequirePermission(Permission.ReplyRead)
  @Get(':id/reviews')
  reviews(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): ReturnType<ReplyReviewService['reviews']> {
    return this.reviewing.reviews(actor, id);
  }

  /** 提案委审核: the committee office checks a signed reply before it is sent, and may change its grade. */
  @RequirePermission(Permission.ReplyCheck)
  @Post(':id/committee-check')
  @HttpCode(200)
  committeeCheck(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CommitteeCheckDto): Promise<ReplyView> {
    return this.signing.committeeCheck(actor, id, body.version, body.grade, body.note);
  }

  @RequirePermission(Permission.ReplyReturn)
  @Post(':id/return')
  @HttpCode(200)
  return(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ReplyView> {
    return this.reviewing.return(actor, id, body.version, body.reason);
  }

  @RequirePermission(Permission.ReplySignOff)
  @Post(':id/sign-off')
  @HttpCode(200)
  signOff(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: SignOffDto): Promise<ReplyView> {
    return this.signing.signOff(actor, id, body);
  }

  @RequirePermission(Permission.ReplyDispatch)
  @Post(':id/dispatch')
  @HttpCode(200)
  dispatch(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ReplyView> {
    return this.dispatching.dispatch(actor, id, body.version);
  }
}
