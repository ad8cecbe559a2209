import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BoundedInt, IsCalendarDay } from '../common/bounds.js';

export class StatisticsQueryDto {
  @ApiPropertyOptional({ description: 'one session; every session of the committee when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'figures as they stood at the end of this China date; today when absent' })
  @IsOptional()
  @IsCalendarDay()
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

  @ApiPropertyOptional({ default: 50, description: 'rows per page (1–500: a drill-down list may be read whole)' })
  @IsOptional()
  @BoundedInt({ min: 1, max: 500, query: true, message: 'limit must be a whole number' })
  limit = 50;

  @ApiPropertyOptional({ default: 0, description: 'rows skipped' })
  @IsOptional()
  @BoundedInt({ min: 0, max: 1_000_000, query: true, message: 'offset must be a whole number' })
  offset = 0;
}

export class YearlyReportQueryDto {
  @ApiProperty({ example: 2021, description: 'the sessions of this year (cppcc_sessions.year)' })
  @BoundedInt({ min: 1949, max: 2100, query: true, message: 'year must be a whole number' })
  year: number;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'figures as of this date; default the last day of the year (today for the current year)' })
  @IsOptional()
  @IsCalendarDay()
  asOf?: string;
}
