import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type VersionCommentView, type VersionDiff, ReplyVersionsService, type VersionSummary, type VersionView } from '#app/replies';
import { positiveIntParam } from '../common/bounds.js';
import { uuidParam } from '../common/dto.js';
import { VersionCommentDto, VersionDiffQueryDto } from './reply-versions.dto.js';

/** Every saved draft of a reply: listed, compared, commented on — for the issuing unit and committee staff. */
@ApiTags('replies 答复')
@ApiBearerAuth()
@Controller('replies/:id')
export class ReplyVersionsController {
  constructor(private readonly versions: ReplyVersionsService) {}

  @ApiOperation({ summary: '答复版本 · Reply versions', description: '答复草稿的各个版本。' })
  @RequirePermission(Permission.ReplyRead)
  @Get('versions')
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VersionSummary[]> {
    return this.versions.list(actor, id);
  }

  @ApiOperation({ summary: '答复版本详情 · Get a reply version', description: '答复的某个版本的全文。' })
  @RequirePermission(Permission.ReplyRead)
  @Get('versions/:seq')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('seq', positiveIntParam('seq')) seq: number): Promise<VersionView> {
    return this.versions.get(actor, id, seq);
  }

  /** What changed between two versions (`from`, `to`): the body line by line, and grade, contacts. */
  @ApiOperation({ summary: '版本比较 · Compare versions', description: '两个版本（from、to）之间正文逐行及办理结果、联系人等的变化。' })
  @RequirePermission(Permission.ReplyRead)
  @Get('diff')
  diff(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: VersionDiffQueryDto): Promise<VersionDiff> {
    return this.versions.diff(actor, id, query.from, query.to);
  }

  @ApiOperation({ summary: '版本批注 · Comment on a version', description: '对答复的某个版本添加批注。' })
  @RequirePermission(Permission.ReplyComment)
  @Post('versions/:seq/comments')
  comment(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('seq', positiveIntParam('seq')) seq: number,
    @Body() body: VersionCommentDto,
  ): Promise<VersionCommentView> {
    return this.versions.comment(actor, id, seq, body.text, body.quote);
  }
}
