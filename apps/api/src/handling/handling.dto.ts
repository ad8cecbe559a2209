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
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AdjustmentStatus, AssignmentRole, type AssignmentSort, AssignmentStatus, ExtensionStatus } from '#app/handling';
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

export class AssignDto {
  @ApiProperty({ minimum: 1, description: 'proposal version as last read' })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiPropertyOptional({ description: 'the lead unit (主办单位); or give separateUnitIds' })
  @IsOptional()
  @IsUUID()
  leadUnitId?: string;

  @ApiPropertyOptional({ type: [String], description: '会办/协办 units, with a lead unit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  coUnitIds?: string[];

  @ApiPropertyOptional({ type: [String], description: '分办: two or more units, each answering separately (instead of a lead unit)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  separateUnitIds?: string[];

  @ApiPropertyOptional({ description: '重点提案' })
  @IsOptional()
  @IsBoolean()
  key?: boolean;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'the 督办 leader of a key proposal' })
  @IsOptional()
  @IsUUID()
  supervisorUserId?: string;

  @ApiPropertyOptional({ description: '加急 / 快速通道' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ example: '2021-11-30', description: 'overrides the session default reply deadline' })
  @IsOptional()
  @IsCalendarDay()
  replyDueDate?: string;
}

export class BulkAssignItemDto extends AssignDto {
  @ApiProperty()
  @IsUUID()
  proposalId: string;
}

/** 交办会: many proposals assigned at once, all or nothing. */
export class BulkAssignDto {
  @ApiProperty({ type: [BulkAssignItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkAssignItemDto)
  items: BulkAssignItemDto[];
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
