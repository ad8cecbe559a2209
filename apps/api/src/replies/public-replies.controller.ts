import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
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

  /** The signed PDF of a reply published in full (全文公开): exactly the bytes signed off. */
  @Get('replies/:id/document.pdf')
  async document(@Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return sendPdf(response, await this.published.signedPdf(id));
  }

  /** Is this document authentic? Give the SHA-256 of a reply's PDF (e.g. `sha256sum 答复.pdf`). */
  @Get('verify/:sha256')
  verify(@Param('sha256', sha256Param()) sha256: string): Promise<VerifiedDocument> {
    return this.published.verify(sha256);
  }
}
