import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ISO_DATE } from '../common/dto.js';

export class StatisticsQueryDto {
  @ApiPropertyOptional({ description: 'one session; every session of the committee when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'figures as they stood at the end of this China date; today when absent' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}

export class DrillQueryDto extends StatisticsQueryDto {
  @ApiProperty({ example: 'overdue', description: 'a figure key (GET /statistics → definitions); a rate lists its numerator, an average its base' })
  @IsString()
  @Length(1, 40)
  figure: string;

  @ApiPropertyOptional({ description: "the figure of this unit's line; the committee's when absent" })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(500)
  pageSize = 50;
}

export class YearlyReportQueryDto {
  @ApiProperty({ example: 2021, description: 'the sessions of this year (cppcc_sessions.year)' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(1949)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'figures as of this date; default the last day of the year (today for the current year)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}
