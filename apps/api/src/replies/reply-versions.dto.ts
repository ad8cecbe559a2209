import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class VersionDiffQueryDto {
  @ApiProperty({ minimum: 1, description: 'the older version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  from: number;

  @ApiProperty({ minimum: 1, description: 'the newer version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
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
