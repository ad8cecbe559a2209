import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../common/dto.js';

export class PublishedRepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'one committee (GET /public/committees)' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;

  @ApiPropertyOptional({ description: 'full-text search over what is published: the proposal’s and the reply’s title, and the text (全文公开) or summary (摘要公开)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
