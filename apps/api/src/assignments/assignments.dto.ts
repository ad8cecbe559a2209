import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AssignmentStatus } from '#app/handling';
import { DEFAULT_GRADES, Disclosure, ReplyStatus } from '#app/replies';
import { PageQueryDto } from '../common/dto.js';

export class ListAssignmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AssignmentStatus })
  @IsOptional()
  @IsEnum(AssignmentStatus)
  status?: AssignmentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class ContactDto {
  @ApiProperty({ example: '陈丁' })
  @IsString()
  @Length(1, 32)
  name: string;

  @ApiProperty({ example: '5156739' })
  @Matches(/^[0-9+\-() ]{3,32}$/, { message: 'contacts.phone must be a telephone number' })
  phone: string;
}

const GRADE_CODES = DEFAULT_GRADES.map((g) => g.code);

export class DraftReplyDto {
  @ApiPropertyOptional({ description: 'the body: numbered sections 一、… (（一）…)' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ enum: GRADE_CODES, description: DEFAULT_GRADES.map((g) => `${g.code}: ${g.meaning}`).join('; ') })
  @IsOptional()
  @IsIn(GRADE_CODES, { message: `grade must be one of ${GRADE_CODES.join(', ')}` })
  grade?: string;

  @ApiPropertyOptional({ description: '联系单位: the issuing unit or one of its sub-units' })
  @IsOptional()
  @IsUUID()
  contactUnitId?: string;

  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];

  @ApiPropertyOptional({ type: [String], description: '抄送 offices; defaults to the session list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  copyUnitIds?: string[];
}

export class UpdateReplyDto extends DraftReplyDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReturnReplyDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: '第二部分的数据请核实后再报' })
  @IsString()
  @Length(2, 1000, { message: 'reason must be 2 to 1000 characters long' })
  reason: string;
}

export class SignOffDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: Disclosure, description: 'full 全文公开 / summary 摘要公开 / none 不公开' })
  @IsEnum(Disclosure)
  disclosure: Disclosure;

  @ApiPropertyOptional({ description: 'the summary (摘要公开) or the reason (不公开)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  disclosureNote?: string;
}

export class ListRepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ReplyStatus })
  @IsOptional()
  @IsEnum(ReplyStatus)
  status?: ReplyStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  proposalId?: string;
}
