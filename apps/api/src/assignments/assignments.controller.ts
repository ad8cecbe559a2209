import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type AssignmentView, HandlingService } from '#app/handling';
import type { Page } from '#app/proposals';
import { RepliesService, type ReplyView } from '#app/replies';
import { uuidParam, VersionDto } from '../common/dto.js';
import { DraftReplyDto, ListAssignmentsQueryDto } from './assignments.dto.js';

/** A unit's assignments: accept (签收) them and start their replies. */
@ApiTags('assignments 交办')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(
    private readonly handling: HandlingService,
    private readonly replies: RepliesService,
  ) {}

  @RequirePermission(Permission.AssignmentRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<Page<AssignmentView>> {
    return this.handling.list(actor, query);
  }

  @RequirePermission(Permission.AssignmentRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AssignmentView> {
    return this.handling.get(actor, id);
  }

  @RequirePermission(Permission.AssignmentAccept)
  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<AssignmentView> {
    return this.handling.accept(actor, id, body.version);
  }

  @RequirePermission(Permission.ReplyDraft)
  @Post(':id/replies')
  draftReply(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DraftReplyDto): Promise<ReplyView> {
    return this.replies.createDraft(actor, id, body);
  }
}
