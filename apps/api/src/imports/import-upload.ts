import { BadRequestException, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { DomainError } from '#app/core';
import { IMPORT_MAX_BYTES, ImportsErrorCode } from '#app/imports';
import { ApiErrorCode } from '../common/api.errors.js';

/** The part multer hands over (memory storage, at most IMPORT_MAX_BYTES). */
export interface ImportUpload {
  originalname: string;
  buffer: Buffer;
}

const tooLarge = (): PayloadTooLargeException =>
  new PayloadTooLargeException({
    code: ImportsErrorCode.IMPORT_TOO_LARGE,
    message: `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB：请拆分为多个文件后分批导入 (file is larger than ${IMPORT_MAX_BYTES} bytes)`,
  });

/**
 * Refuses an upload larger than IMPORT_MAX_BYTES before reading it when its Content-Length says so, and
 * while reading it otherwise (multer's limit): 413 IMPORT_TOO_LARGE. Multer's other refusals become a
 * 400 naming the `file` part.
 */
@Injectable()
export class ImportUploadLimits implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const length = Number(context.switchToHttp().getRequest<Request>().headers['content-length'] ?? 0);
    if (length > IMPORT_MAX_BYTES + 64 * 1024) return throwError(() => tooLarge());
    return next.handle().pipe(
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof PayloadTooLargeException
            ? tooLarge()
            : error instanceof BadRequestException && !('code' in (error.getResponse() as object))
              ? DomainError.invalidField('file', `the upload could not be read (${error.message}); send multipart/form-data with one part named file`, ApiErrorCode.MALFORMED_MULTIPART)
              : error,
        ),
      ),
    );
  }
}

export const IMPORT_MULTER_OPTIONS = { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 1 } };

/** The uploaded bytes, or a 400 naming the missing part. */
export function uploadedBytes(file: ImportUpload | undefined): Buffer {
  if (!file) throw DomainError.invalidField('file', 'file is required: send multipart/form-data with a part named file (the .xlsx)');
  return file.buffer;
}
