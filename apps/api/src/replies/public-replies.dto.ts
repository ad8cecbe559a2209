import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../common/dto.js';

export class PublishedRepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'one committee (GET /public/committees)' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;

  @ApiPropertyOptional({ description: 'words of the proposal’s or the reply’s title' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
