import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Role, UnitKind } from '#app/org';
import { BoundedInt, IsCalendarDay } from '../common/bounds.js';

export class CreateUnitDto {
  @ApiProperty({ example: '安阳市公安局' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: UnitKind })
  @IsEnum(UnitKind)
  kind: UnitKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ example: '安公警', description: '发文字号前缀' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  docPrefix?: string;

  @ApiPropertyOptional({ example: '公安工作', description: 'named in the reply opening' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  workArea?: string;

  @ApiPropertyOptional({ type: [String], example: ['治安', '诈骗', '交通安全'], description: '职责关键词: used to recommend units when assigning' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 20, { each: true, message: 'remitKeywords must each be 1 to 20 characters long' })
  remitKeywords?: string[];
}

/** Any field of a unit but its kind, at the version last read. */
export class UpdateUnitDto extends PartialType(OmitType(CreateUnitDto, ['kind'] as const)) {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;
}

export class ListUnitsQueryDto {
  @ApiPropertyOptional({ enum: UnitKind })
  @IsOptional()
  @IsEnum(UnitKind)
  kind?: UnitKind;
}

const DEADLINE_UNITS = ['calendar_days', 'working_days', 'calendar_months'] as const;

export class DeadlineRuleDto {
  @ApiProperty({ minimum: 1, maximum: 365 })
  @BoundedInt({ min: 1, max: 365 })
  amount: number;

  @ApiProperty({ enum: DEADLINE_UNITS })
  @IsIn(DEADLINE_UNITS)
  unit: (typeof DEADLINE_UNITS)[number];
}

/** Each rule optional: 办复, 申请调整, 会办意见, 办前面商, 征询意见, 重新办理. */
export class DeadlineRulesDto {
  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  replyDue?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  adjustmentWindow?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  coUnitOpinion?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  firstContact?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  feedbackWindow?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  rehandling?: DeadlineRuleDto;

  @ApiPropertyOptional({ type: DeadlineRuleDto, description: '跟踪办理: when a B or C reply is revisited, from its dispatch' })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  followUp?: DeadlineRuleDto;
}

const RECIPIENTS = ['drafter', 'leader', 'staff', 'supervisor', 'proposer'] as const;

export class ReminderPointsDto {
  @ApiPropertyOptional({ type: [Number], example: [7, 0], description: 'days before the due date (0 = on the day)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @BoundedInt({ min: 0, max: 90, each: true })
  daysBefore?: number[];

  @ApiPropertyOptional({ enum: RECIPIENTS, isArray: true, description: 'who is reminded' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(RECIPIENTS, { each: true })
  recipients?: Array<(typeof RECIPIENTS)[number]>;
}

export class ReplyReminderPointsDto extends ReminderPointsDto {
  @ApiPropertyOptional({ example: 7, description: 'the unit leaders are reminded too from this many days before' })
  @IsOptional()
  @BoundedInt({ min: 0, max: 90 })
  leadersFromDaysBefore?: number;

  @ApiPropertyOptional({ example: 7, description: 'once overdue, a reminder every N days' })
  @IsOptional()
  @BoundedInt({ min: 1, max: 60 })
  overdueEveryDays?: number;

  @ApiPropertyOptional({ enum: RECIPIENTS, isArray: true, description: 'who overdue reminders go to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(RECIPIENTS, { each: true })
  overdueRecipients?: Array<(typeof RECIPIENTS)[number]>;

  @ApiPropertyOptional({ example: 30, description: 'overdue beyond this many days: also the 督办 leader' })
  @IsOptional()
  @BoundedInt({ min: 1, max: 365 })
  supervisorAfterDays?: number;
}

/** When reminders go out, per deadline kind; kinds left out keep their current points. */
export class ReminderPlanDto {
  @ApiPropertyOptional({ type: ReplyReminderPointsDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReplyReminderPointsDto)
  reply?: ReplyReminderPointsDto;

  @ApiPropertyOptional({ type: ReminderPointsDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReminderPointsDto)
  adjustment_window?: ReminderPointsDto;

  @ApiPropertyOptional({ type: ReminderPointsDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReminderPointsDto)
  first_contact?: ReminderPointsDto;

  @ApiPropertyOptional({ type: ReminderPointsDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReminderPointsDto)
  co_opinion?: ReminderPointsDto;

  @ApiPropertyOptional({ type: ReminderPointsDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReminderPointsDto)
  feedback?: ReminderPointsDto;
}

export class CreateSessionDto {
  @ApiProperty({ example: '政协十三届安阳市委员会四次会议' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 13 })
  @BoundedInt({ min: 1, max: 99 })
  term: number;

  @ApiProperty({ example: 4 })
  @BoundedInt({ min: 1, max: 99 })
  meeting: number;

  @ApiProperty({ example: 2021 })
  @BoundedInt({ min: 1949, max: 2200 })
  year: number;

  @ApiProperty({ example: '2021-02-26' })
  @IsCalendarDay()
  plenaryStart: string;

  @ApiProperty({ example: '2021-03-01' })
  @IsCalendarDay()
  plenaryEnd: string;

  @ApiPropertyOptional({ type: () => DeadlineRulesDto, description: 'only the rules given change; the rest keep their defaults' })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => DeadlineRulesDto)
  deadlineRules?: DeadlineRulesDto;

  @ApiPropertyOptional({ type: () => ReminderPlanDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object (not a list)' })
  @ValidateNested()
  @Type(() => ReminderPlanDto)
  reminderPlan?: ReminderPlanDto;

  @ApiPropertyOptional({ type: [String], description: 'offices every reply is copied to (抄送), in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  defaultCopyUnitIds?: string[];
}

/** Any field of a session but its term, meeting and year, at the version last read. */
export class UpdateSessionDto extends PartialType(OmitType(CreateSessionDto, ['term', 'meeting', 'year'] as const)) {
  @ApiProperty({ minimum: 1 })
  @BoundedInt({ min: 1 })
  version: number;
}

export class MembershipDto {
  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'required for drafter, leader and office' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'chending' })
  @Matches(/^[a-z][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 lowercase letters, digits, dots, dashes or underscores, starting with a letter' })
  username: string;

  @ApiProperty({ example: '陈丁' })
  @IsString()
  @Length(1, 64)
  displayName: string;

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @Length(10, 128, { message: 'password must be 10 to 128 characters long' })
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9+\- ]{3,32}$/, { message: 'phone must be digits, spaces, + or -' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ type: [MembershipDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MembershipDto)
  memberships: MembershipDto[];
}

export class CalendarYearQueryDto {
  @ApiProperty({ example: 2026 })
  @BoundedInt({ min: 2000, max: 2200, query: true })
  year: number;
}

/** The text of a 国务院办公厅关于部分节假日安排的通知 as published, pasted whole. */
export class HolidayNoticeDto {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知 … 一、元旦：1月1日（周五）至3日（周日）放假，共3天。…' })
  @IsString()
  @Length(20, 20_000)
  text: string;

  @ApiPropertyOptional({ example: 2027, description: 'the year, when the title of the notice is not pasted' })
  @IsOptional()
  @BoundedInt({ min: 2000, max: 2200 })
  year?: number;
}

export class CalendarDayDto {
  @ApiProperty({ enum: ['holiday', 'workday'], description: 'holiday 放假 / workday 上班 (调休)' })
  @IsIn(['holiday', 'workday'])
  kind: 'holiday' | 'workday';

  @ApiProperty({ example: '地方节日' })
  @IsString()
  @Length(1, 40)
  name: string;
}

export class CodeEntryDto {
  @ApiProperty({ example: 'no-suggestion' })
  @IsString()
  @Length(1, 40)
  @Matches(/^[\p{L}\p{N}_-]+$/u, { message: 'entries.code must be letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '内容空泛，没有具体建议' })
  @IsString()
  @Length(1, 200)
  label: string;
}

/** A committee's whole code table, in display order (replaces the table; an empty list restores the defaults). */
export class CodeTableDto {
  @ApiProperty({ type: [CodeEntryDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CodeEntryDto)
  entries: CodeEntryDto[];
}
