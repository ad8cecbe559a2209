import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import type { Page } from '#app/core';
import { type FollowUpView, FollowUpsService } from '#app/replies';
import { uuidParam } from '../common/dto.js';
import { FollowUpResultDto, ListFollowUpsQueryDto } from './follow-ups.dto.js';

/** 跟踪办理: B and C replies revisited for a second result. */
@ApiTags('feedback 征询意见')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @ApiOperation({ summary: '跟踪办理列表 · List follow-ups', description: 'B、C 类答复的跟踪办理，可按状态筛选，分页返回。' })
  @RequirePermission(Permission.ReplyRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListFollowUpsQueryDto): Promise<Page<FollowUpView>> {
    return this.followUps.list(actor, query);
  }

  @ApiOperation({ summary: '跟踪办理详情 · Get a follow-up', description: '一项跟踪办理及其结果。' })
  @RequirePermission(Permission.ReplyRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FollowUpView> {
    return this.followUps.get(actor, id);
  }

  /** The unit (or the committee) records the second result. */
  @ApiOperation({ summary: '记录跟踪办理结果 · Record a follow-up result', description: '承办单位（或提案委）记录跟踪办理的第二次结果。' })
  @RequirePermission(Permission.FollowUpRecord)
  @Post(':id/result')
  @HttpCode(200)
  record(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FollowUpResultDto): Promise<FollowUpView> {
    return this.followUps.record(actor, id, body.grade, body.text);
  }
}
