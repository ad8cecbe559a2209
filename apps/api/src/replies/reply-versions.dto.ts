import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BoundedInt } from '../common/bounds.js';

export class VersionDiffQueryDto {
  @ApiProperty({ minimum: 1, description: 'the older version' })
  @BoundedInt({ min: 1, max: 100_000, query: true })
  from: number;

  @ApiProperty({ minimum: 1, description: 'the newer version' })
  @BoundedInt({ min: 1, max: 100_000, query: true })
  to: number;
}

export class VersionCommentDto {
  @ApiProperty({ example: '第二部分的数据请与经侦支队核实' })
  @IsString()
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters long' })
  text: string;

  @ApiPropertyOptional({ description: 'the passage the remark is about' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'quote must be 1 to 500 characters long' })
  quote?: string;
}

export class SendForReviewDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiProperty({ type: [String], description: 'drafters or leaders of the issuing unit (1 to 5), not yourself' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  reviewerUserIds: string[];
}

export class ReviewDto {
  @ApiProperty({ description: 'true: approve; false: send back to the drafter (give the reason in note)' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000, { message: 'note must be 1 to 1000 characters long' })
  note?: string;
}

export class CommitteeCheckDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiPropertyOptional({ example: 'A', description: 'a new 办理结果, if the committee changes it (GET /replies/grades)' })
  @IsOptional()
  @IsString()
  @Length(1, 4, { message: 'grade must be a code of 1 to 4 characters (GET /replies/grades)' })
  grade?: string;

  @ApiProperty({ example: '办理结果依据充分' })
  @IsString()
  @Length(2, 1000, { message: 'note must be 2 to 1000 characters long' })
  note: string;
}
