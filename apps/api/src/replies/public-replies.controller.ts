import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public } from '#app/auth';
import { PublicRepliesService, type PublishedReplyView, type VerifiedDocument } from '#app/replies';
import { sendPdf, sha256Param, uuidParam } from '../common/dto.js';
import { PublishedRepliesQueryDto } from './public-replies.dto.js';
import type { Page } from '#app/core';

/** 公开: published replies, readable by anyone without logging in. */
@ApiTags('public 公开')
@Public()
@Controller('public')
export class PublicRepliesController {
  constructor(private readonly published: PublicRepliesService) {}

  @ApiOperation({ summary: '公开答复的政协 · Committees with published replies', description: '有全文公开答复的政协及其数量；无须登录。' })
  @Get('committees')
  committees(): Promise<Array<{ id: string; name: string; published: number }>> {
    return this.published.committees();
  }

  @ApiOperation({ summary: '公开答复列表 · Published replies', description: '全文公开的答复，可按政协筛选、全文检索，分页返回；无须登录。' })
  @Get('replies')
  list(@Query() query: PublishedRepliesQueryDto): Promise<Page<PublishedReplyView>> {
    return this.published.list(query);
  }

  @ApiOperation({ summary: '公开答复详情 · Get a published reply', description: '一件全文公开的答复；无须登录。' })
  @Get('replies/:id')
  get(@Param('id', uuidParam('id')) id: string): Promise<PublishedReplyView> {
    return this.published.get(id);
  }

  /** The signed PDF of a reply published in full (全文公开): exactly the bytes signed off. */
  @ApiOperation({ summary: '公开答复 PDF · A published reply\'s PDF', description: '全文公开答复签发时的 PDF 原件；无须登录。' })
  @Get('replies/:id/document.pdf')
  async document(@Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return sendPdf(response, await this.published.signedPdf(id));
  }

  /** Is this document authentic? Give the SHA-256 of a reply's PDF (e.g. `sha256sum 答复.pdf`). */
  @ApiOperation({ summary: '核验文件 · Verify a document', description: '按 PDF 的 SHA-256 核验答复文件是否为签发原件；无须登录。' })
  @Get('verify/:sha256')
  verify(@Param('sha256', sha256Param()) sha256: string): Promise<VerifiedDocument> {
    return this.published.verify(sha256);
  }
}
