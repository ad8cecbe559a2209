import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { GroupKind, InvitationStatus, ProposalKind, type ProposalSort, ProposalStatus } from '#app/proposals';
import { DeadlineRulesDto } from '../admin/admin.dto.js';
import { BooleanQuery, PageQueryDto, TITLE_TEXT, TITLE_TEXT_MESSAGE, VersionReasonDto } from '../common/dto.js';
import { BoundedInt } from '../common/bounds.js';

/** The group behind a collective proposal (集体提案). */
export class ProposalGroupDto {
  @ApiProperty({ enum: GroupKind, description: 'party 民主党派/工商联, sector 界别, group 专委会等' })
  @IsEnum(GroupKind)
  kind: GroupKind;

  @ApiProperty({ example: '民盟安阳市委' })
  @IsString()
  @Length(2, 100)
  name: string;
}

/** Content of a proposal: give `body`, or `analysis` (情况分析) and `suggestions` (具体建议). */
export class ProposalContentDto {
  @ApiPropertyOptional({ description: 'the whole text (or give analysis and suggestions)' })
  @IsOptional()
  @IsString()
  @Length(10, 50_000, { message: 'body must be 10 to 50000 characters long' })
  body?: string;

  @ApiPropertyOptional({ description: '情况分析' })
  @IsOptional()
  @IsString()
  @Length(5, 25_000, { message: 'analysis must be 5 to 25000 characters long' })
  analysis?: string;

  @ApiPropertyOptional({ description: '具体建议' })
  @IsOptional()
  @IsString()
  @Length(5, 25_000, { message: 'suggestions must be 5 to 25000 characters long' })
  suggestions?: string;

  @ApiPropertyOptional({ example: '政法', description: 'a code of the committee category table (GET /code-tables/category)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({ type: [String], description: '建议承办单位 (handling units of the committee)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  suggestedUnitIds?: string[];

  @ApiPropertyOptional({ type: () => ProposalGroupDto, nullable: true, description: '集体提案: the party, 界别 or group' })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ProposalGroupDto)
  group?: ProposalGroupDto | null;
}

export class CreateProposalDto extends ProposalContentDto {
  @ApiProperty()
  @IsUUID()
  sessionId: string;

  @ApiProperty({ example: '关于严厉打击金融理财诈骗的提案', description: '案由' })
  @IsString()
  @Length(4, 200, { message: 'title must be 4 to 200 characters long' })
  @Matches(TITLE_TEXT, { message: TITLE_TEXT_MESSAGE })
  title: string;

  @ApiPropertyOptional({ description: 'committee staff entering on behalf of a member (代录)' })
  @IsOptional()
  @IsUUID()
  onBehalfOfUserId?: string;
}

export class UpdateProposalDto extends ProposalContentDto {
  @ApiProperty({ minimum: 1, description: 'proposal version as last read' })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiPropertyOptional({ description: '案由' })
  @IsOptional()
  @IsString()
  @Length(4, 200, { message: 'title must be 4 to 200 characters long' })
  @Matches(TITLE_TEXT, { message: TITLE_TEXT_MESSAGE })
  title?: string;
}

const PROPOSAL_SORTS = ['createdAt', '-createdAt', 'number', '-number', 'submittedAt', '-submittedAt', 'title', '-title'];

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ enum: ProposalStatus })
  @IsOptional()
  @IsEnum(ProposalStatus)
  status?: ProposalStatus;

  @ApiPropertyOptional({ example: 'submitted,under_review', description: 'any of these statuses, separated by commas (with status: both apply)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMaxSize(14)
  @IsEnum(ProposalStatus, { each: true, message: `statuses must be a comma-separated list of ${Object.values(ProposalStatus).join(', ')}` })
  statuses?: ProposalStatus[];

  @ApiPropertyOptional({ enum: ProposalKind, description: 'plenary 大会提案 / interim 平时提案' })
  @IsOptional()
  @IsEnum(ProposalKind)
  kind?: ProposalKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({
    example: '诈骗',
    description:
      'full-text search over title, body, proposers, units and the answers sent; words separated by spaces must all match, ' +
      'at least one of 2 characters or more. Ranked by relevance (title hits first) unless sort is given; items carry highlights.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  proposerUserId?: string;

  @ApiPropertyOptional({ description: '重点提案 only (true) or none (false)' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'key must be true or false' })
  key?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'urgent must be true or false' })
  urgent?: boolean;

  @ApiPropertyOptional({ description: '集体提案 only (true) or members’ own (false)' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'collective must be true or false' })
  collective?: boolean;

  @ApiPropertyOptional({ description: 'proposals merged (并案) into this one' })
  @IsOptional()
  @IsUUID()
  mergedIntoId?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(PROPOSAL_SORTS, { message: `sort must be one of ${PROPOSAL_SORTS.join(', ')}` })
  sort?: ProposalSort;
}

export class MergeDto extends VersionReasonDto {
  @ApiProperty({ description: 'the filed proposal this one is merged into (并案)' })
  @IsUUID()
  targetProposalId: string;
}

export class NotFileDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiProperty({ example: 'no-suggestion', description: 'a ground from the committee table (GET /code-tables/not-filed-reason)' })
  @IsString()
  @Length(1, 40)
  reasonCode: string;

  @ApiPropertyOptional({ description: 'explanation; required for the ground other' })
  @IsOptional()
  @IsString()
  @Length(2, 1000, { message: 'reasonText must be 2 to 1000 characters long' })
  reasonText?: string;
}

export class OpenCosigningDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-10T18:00:00+08:00', description: 'answers after it do not count' })
  @IsDateString({ strict: true }, { message: 'deadline must be an ISO 8601 date-time' })
  deadline: string;

  @ApiProperty({ type: [String], description: 'members invited to co-sign (联名)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  inviteeUserIds: string[];
}

export class InviteDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  inviteeUserIds: string[];
}

export class CosignAnswerDto {
  @ApiProperty({ description: 'true: co-sign (联名); false: decline' })
  @IsBoolean()
  accept: boolean;
}

export class ListInvitationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: InvitationStatus })
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;
}

export class SimilarQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @BoundedInt({ min: 1, max: 50, query: true })
  limit = 10;
}

/** A text not yet saved, to check for similar proposals while drafting. */
export class SimilarTextDto {
  @ApiProperty()
  @IsUUID()
  sessionId: string;

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  body?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @BoundedInt({ min: 1, max: 50 })
  limit?: number;
}

export class ProposalDeadlineRulesDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiProperty({ type: () => DeadlineRulesDto, description: 'the rules of this proposal that differ from its session' })
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRulesDto)
  deadlineRules: DeadlineRulesDto;
}

export class SupervisorDto {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'the 督办 leader (a user of the committee), or null to clear' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  supervisorUserId: string | null;
}
