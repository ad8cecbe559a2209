import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AdjustmentStatus, AssignmentRole, type AssignmentSort, AssignmentStatus, ExtensionStatus } from '#app/handling';
import { Disclosure, ReplyStatus } from '#app/replies';
import { BooleanQuery, PageQueryDto } from '../common/dto.js';
import { BoundedInt, IsCalendarDay } from '../common/bounds.js';

const ASSIGNMENT_SORTS = ['dueDate', '-dueDate', 'assignedAt', '-assignedAt', 'proposalNumber', '-proposalNumber'];

export class ListAssignmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AssignmentStatus })
  @IsOptional()
  @IsEnum(AssignmentStatus)
  status?: AssignmentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: AssignmentRole, description: 'lead 主办 / co 会办 / separate 分办' })
  @IsOptional()
  @IsEnum(AssignmentRole)
  role?: AssignmentRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  proposalId?: string;

  @ApiPropertyOptional({ description: '重点提案' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'key must be true or false' })
  key?: boolean;

  @ApiPropertyOptional({ description: '加急' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'urgent must be true or false' })
  urgent?: boolean;

  @ApiPropertyOptional({ enum: ASSIGNMENT_SORTS, default: 'dueDate' })
  @IsOptional()
  @IsIn(ASSIGNMENT_SORTS, { message: `sort must be one of ${ASSIGNMENT_SORTS.join(', ')}` })
  sort?: AssignmentSort;
}

export class AdjustmentRequestDto {
  @ApiProperty({ description: 'why the proposal is not this unit’s to handle' })
  @IsString()
  @Length(5, 1000, { message: 'reason must be 5 to 1000 characters long' })
  reason: string;

  @ApiPropertyOptional({ type: [String], description: 'units that fit better, in the requester’s view' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  suggestedUnitIds?: string[];
}

export class ApproveAdjustmentDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiPropertyOptional({ description: 'the unit that takes over (required for a lead unit)' })
  @IsOptional()
  @IsUUID()
  newUnitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}


export class ListAdjustmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AdjustmentStatus })
  @IsOptional()
  @IsEnum(AdjustmentStatus)
  status?: AdjustmentStatus;

  @ApiPropertyOptional({ description: 'the requests about one assignment' })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;

  @ApiPropertyOptional({ enum: ['requestedAt', '-requestedAt'], default: 'requestedAt' })
  @IsOptional()
  @IsIn(['requestedAt', '-requestedAt'], { message: 'sort must be one of requestedAt, -requestedAt' })
  sort?: 'requestedAt' | '-requestedAt';
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


export class ReasonDto {
  @ApiProperty({ example: '等待委员补充材料' })
  @IsString()
  @Length(2, 1000, { message: 'reason must be 2 to 1000 characters long' })
  reason: string;
}

export class MemberContactDto {
  @ApiProperty({ example: '2021-08-20 电话联系袁媛委员，听取意见' })
  @IsString()
  @Length(2, 1000, { message: 'note must be 2 to 1000 characters long' })
  note: string;
}

export class ExtensionRequestDto {
  @ApiProperty({ example: '2021-12-31' })
  @IsCalendarDay()
  requestedDueDate: string;

  @ApiProperty({ example: '涉及多部门协调，需延期办理' })
  @IsString()
  @Length(2, 1000, { message: 'reason must be 2 to 1000 characters long' })
  reason: string;
}

export class ApproveExtensionDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiPropertyOptional({ description: 'defaults to the date asked' })
  @IsOptional()
  @IsCalendarDay()
  grantedDueDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}


export class ListExtensionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ExtensionStatus })
  @IsOptional()
  @IsEnum(ExtensionStatus)
  status?: ExtensionStatus;

  @ApiPropertyOptional({ description: 'the requests about one assignment' })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;

  @ApiPropertyOptional({ enum: ['createdAt', '-createdAt'], default: '-createdAt' })
  @IsOptional()
  @IsIn(['createdAt', '-createdAt'], { message: 'sort must be one of createdAt, -createdAt' })
  sort?: 'createdAt' | '-createdAt';
}

export class UrgeDto {
  @ApiProperty({ type: [String], description: 'one or many assignments (up to 200), urged all or none' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  assignmentIds: string[];

  @ApiProperty({ example: '请抓紧办理，按期答复' })
  @IsString()
  @Length(2, 500, { message: 'message must be 2 to 500 characters long' })
  message: string;
}
