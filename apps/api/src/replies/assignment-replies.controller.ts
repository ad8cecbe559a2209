import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type CountersignView, ReplyDraftingService, ReplyQueriesService, type ReplyView } from '#app/replies';
import { uuidParam } from '../common/dto.js';
import { DraftReplyDto } from './replies.dto.js';

/** An assignment's answers: the reply its unit drafts, and the co-units' opinions (会签) behind it. */
@ApiTags('replies 答复')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentRepliesController {
  constructor(
    private readonly replyDrafting: ReplyDraftingService,
    private readonly replyQueries: ReplyQueriesService,
  ) {}

  @ApiOperation({ summary: '起草答复 · Draft a reply', description: '承办单位为这项交办起草答复（或会办意见）。' })
  @RequirePermission(Permission.ReplyDraft)
  @Post(':id/replies')
  draftReply(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DraftReplyDto): Promise<ReplyView> {
    return this.replyDrafting.createDraft(actor, id, body);
  }

  /** 会签: the co-units' opinions on this assignment's proposal — received (to read), pending or waived. */
  @ApiOperation({ summary: '会签情况 · Countersign status', description: '会办单位对这件提案的意见：已收到、待提交或已免除。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get(':id/countersign')
  countersign(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CountersignView> {
    return this.replyQueries.countersign(actor, id);
  }
}
