import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#app/auth';
import type { Page } from '#app/proposals';
import { PublicRepliesService, type PublishedReplyView } from '#app/replies';
import { uuidParam } from '../common/dto.js';
import { PublishedRepliesQueryDto } from './public-replies.dto.js';

/** 公开: published replies, readable by anyone without logging in. */
@ApiTags('public 公开')
@Public()
@Controller('public')
export class PublicRepliesController {
  constructor(private readonly published: PublicRepliesService) {}

  @Get('committees')
  committees(): Promise<Array<{ id: string; name: string; published: number }>> {
    return this.published.committees();
  }

  @Get('replies')
  list(@Query() query: PublishedRepliesQueryDto): Promise<Page<PublishedReplyView>> {
    return this.published.list(query);
  }

  @Get('replies/:id')
  get(@Param('id', uuidParam('id')) id: string): Promise<PublishedReplyView> {
    return this.published.get(id);
  }
}
