import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Disclosure, ReplyStatus } from '#app/replies';
import { BooleanQuery, PageQueryDto } from '../common/dto.js';
import { BoundedInt } from '../common/bounds.js';

export class ContactDto {
  @ApiProperty({ example: '陈丁' })
  @IsString()
  @Length(1, 32)
  name: string;

  @ApiProperty({ example: '5156739' })
  @Matches(/^[0-9+\-() ]{3,32}$/, { message: 'contacts.phone must be a telephone number' })
  phone: string;
}

/** A reply's contact block (联系单位, 联系人) and its copies (抄送), as a draft or a template gives them. */
export class ContactBlockDto {
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

export class DraftReplyDto extends ContactBlockDto {
  @ApiPropertyOptional({ description: 'the body: numbered sections 一、… (（一）…)' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ example: 'A', description: '办理结果: a code of the committee table (GET /replies/grades: A/B/C by default)' })
  @IsOptional()
  @IsString()
  @Length(1, 4, { message: 'grade must be a code of 1 to 4 characters (GET /replies/grades)' })
  grade?: string;

}

export class UpdateReplyDto extends DraftReplyDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;
}

export class SignOffDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
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

  @ApiPropertyOptional({ example: '反诈', description: 'full-text search over the reply’s title, number, text and disclosure note; ranked by relevance' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: '内部审核: only the drafts waiting for my decision in their current review round' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  awaitingMyReview?: boolean;

  @ApiPropertyOptional({ description: 'an office’s copies (抄送): read (true) or not yet read (false) by one of my offices' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  copyRead?: boolean;
}
