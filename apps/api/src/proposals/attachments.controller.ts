import {
  BadRequestException,
  type CallHandler,
  Controller,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  type NestInterceptor,
  Param,
  PayloadTooLargeException,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { AppConfig, DomainError } from '#app/core';
import { AttachmentsService, type AttachmentView } from '#app/proposals';
import { contentDisposition, uuidParam } from '../common/dto.js';
import { ApiErrorCode } from '../common/api.errors.js';

/** A refusal by multer itself: a 400 without the API's error code (ours always carry one). */
const fromMulter = (error: unknown): boolean => {
  if (!(error instanceof BadRequestException)) return false;
  const body = error.getResponse();
  return typeof body === 'string' || (typeof body === 'object' && body !== null && !('code' in body));
};

/** The part multer hands over (memory storage). */
interface MultipartFile {
  originalname: string;
  buffer: Buffer;
}

/**
 * Turns multer's bare refusals into answers naming the `file` part: "File too large" with the limit, and
 * a multipart body it could not read (a part named otherwise, a NUL in a header) as MALFORMED_MULTIPART.
 */
@Injectable()
class UploadLimitMessage implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof PayloadTooLargeException
            ? new PayloadTooLargeException({
                code: ApiErrorCode.ATTACHMENT_TOO_LARGE,
                message: `file is larger than ${this.config.ATTACHMENT_MAX_BYTES} bytes (${(this.config.ATTACHMENT_MAX_BYTES / 1024 / 1024).toFixed(0)} MiB); send a smaller file`,
              })
            : fromMulter(error)
              ? DomainError.invalidField(
                  'file',
                  `the upload could not be read (${(error as BadRequestException).message}); send multipart/form-data with one part named file and a plain file name`,
                  ApiErrorCode.MALFORMED_MULTIPART,
                )
              : error,
        ),
      ),
    );
  }
}

/** 附件: uploaded by the proposal's author before submission; downloaded by whoever may read the proposal. */
@ApiTags('attachments 附件')
@ApiBearerAuth()
@Controller('proposals/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** multipart/form-data with one part `file` (pdf, docx, doc, xlsx, xls, pptx, ofd, png, jpg, txt; ATTACHMENT_MAX_BYTES at most). */
  @ApiOperation({ summary: '上传附件 · Upload an attachment', description: '以 multipart/form-data 上传一个附件（file 字段）；类型和大小受限。' })
  @RequirePermission(Permission.ProposalEdit)
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(UploadLimitMessage, FileInterceptor('file'))
  add(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @UploadedFile() file: MultipartFile | undefined): Promise<AttachmentView> {
    if (!file) throw DomainError.invalidField('file', 'file is required: send multipart/form-data with a part named file');
    return this.attachments.add(actor, id, { originalName: file.originalname, bytes: file.buffer });
  }

  @ApiOperation({ summary: '附件列表 · List attachments', description: '这件提案的附件。' })
  @RequirePermission(Permission.ProposalRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AttachmentView[]> {
    return this.attachments.list(actor, id);
  }

  @ApiOperation({ summary: '下载附件 · Download an attachment', description: '附件原文件。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':attachmentId')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('attachmentId', uuidParam('attachmentId')) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, bytes } = await this.attachments.download(actor, id, attachmentId);
    response.setHeader('Content-Disposition', contentDisposition('attachment', attachment.fileName));
    response.setHeader('X-Content-SHA256', attachment.sha256);
    return new StreamableFile(bytes, { type: attachment.contentType, length: bytes.length });
  }

  @ApiOperation({ summary: '删除附件 · Delete an attachment', description: '提交前删除草稿的附件。' })
  @RequirePermission(Permission.ProposalEdit)
  @Delete(':attachmentId')
  @HttpCode(204)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('attachmentId', uuidParam('attachmentId')) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(actor, id, attachmentId);
  }
}
