import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { FollowUpStatus } from '#app/replies';
import { BooleanQuery, PageQueryDto } from '../common/dto.js';

export class ListFollowUpsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FollowUpStatus })
  @IsOptional()
  @IsEnum(FollowUpStatus, { message: `status must be one of ${Object.values(FollowUpStatus).join(', ')}` })
  status?: FollowUpStatus;

  @ApiPropertyOptional({ description: 'only open follow-ups past their due date' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  proposalId?: string;
}

/** 跟踪办理结果: the second result of a B/C reply. */
export class FollowUpResultDto {
  @ApiProperty({ example: 'A', description: 'a code of the committee’s 办理结果 table' })
  @IsString()
  @Length(1, 4)
  grade: string;

  @ApiProperty({ example: '专项整治已完成，相关设施于2027年6月建成投用。' })
  @IsString()
  @Length(2, 10000, { message: 'text must be 2 to 10000 characters long' })
  text: string;
}
