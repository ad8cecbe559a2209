import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BadRequestException, type PipeTransform, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { CodeTable } from '#app/org';
import { BoundedInt } from './bounds.js';

/**
 * What a title (案由) may hold: no control characters (tabs and line breaks included), no invisible
 * characters that make two titles look the same (zero-width space U+200B, word joiner U+2060, BOM
 * U+FEFF) and no direction overrides or isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is
 * shown. Such a title is refused with a 400, never silently stripped. Kept verbatim: every other
 * character, 4-byte ones (𠀀, emoji) and the zero-width joiners inside emoji and the LRM/RLM marks included.
 */
// eslint-disable-next-line no-control-regex
export const TITLE_TEXT = /^[^\u0000-\u001f\u007f-\u009f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]*$/;
export const TITLE_TEXT_MESSAGE = 'title must not contain control characters, zero-width spaces or direction overrides (they are invisible: delete them and type the title again)';

/** Paging for every list: `limit` (1–100, default 20) and `offset`. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @BoundedInt({ min: 1, max: 100, query: true })
  limit = 20;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @BoundedInt({ min: 0, max: 1_000_000, query: true })
  offset = 0;
}

/** A query-string boolean: `true` and `false` become booleans; anything else stays and fails @IsBoolean. */
export function BooleanQuery(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
}

/** The version the client last saw; a change made since answers 409 STALE_VERSION. */
export class VersionDto {
  @ApiProperty({ description: 'version of the record as last read' })
  @BoundedInt({ min: 1 })
  version: number;
}

/** A step taken at the version the client saw, with the reason people are told (退回, 驳回, 撤案, …). */
export class VersionReasonDto extends VersionDto {
  @ApiProperty({ example: '第二部分的数据请核实后再报' })
  @IsString()
  @Length(2, 1000, { message: 'reason must be 2 to 1000 characters long' })
  reason: string;
}

/** A UUID route parameter; anything else is a 400 that names the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({ code: 'VALIDATION_FAILED', message: `Invalid request: ${name} must be a UUID`, details: { fields: [{ field: name, problems: [`${name} must be a UUID`] }] } }),
  });
}

/** An enum value in the route (e.g. a reply kind); anything else is a 400 naming the parameter and the values. */
export function enumParam<T extends string>(name: string, values: Record<string, T>): PipeTransform<string, T> {
  const allowed = Object.values(values) as string[];
  return {
    transform(value: string): T {
      if (!allowed.includes(value)) {
        const problem = `${name} must be one of ${allowed.join(', ')}`;
        throw new BadRequestException({ code: 'VALIDATION_FAILED', message: `Invalid request: ${problem}`, details: { fields: [{ field: name, problems: [problem] }] } });
      }
      return value as T;
    },
  };
}

/** A code table name in the route (`not-filed-reason`, `category`, `reply-grade`); anything else is a 400 naming it. */
export function codeTableParam(): PipeTransform<string, CodeTable> {
  return enumParam('table', CodeTable);
}

/** A SHA-256 in the route: 64 hexadecimal characters (folded to lower case); anything else is a 400 naming it. */
export function sha256Param(): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) {
        const problem = 'sha256 must be 64 hexadecimal characters';
        throw new BadRequestException({ code: 'VALIDATION_FAILED', message: `Invalid request: ${problem}`, details: { fields: [{ field: 'sha256', problems: [problem] }] } });
      }
      return value.toLowerCase();
    },
  };
}

/** A Content-Disposition with an ASCII fallback name and the real (Chinese) name per RFC 6266 / RFC 5987. */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a signed PDF inline, named by its document number, with its SHA-256. */
export function sendPdf(response: Response, pdf: { bytes: Buffer; sha256: string; fileName: string }): StreamableFile {
  response.setHeader('Content-Disposition', contentDisposition('inline', pdf.fileName));
  response.setHeader('X-Content-SHA256', pdf.sha256);
  return new StreamableFile(pdf.bytes, { type: 'application/pdf', length: pdf.bytes.length });
}
