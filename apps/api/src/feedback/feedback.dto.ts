import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { ConsultationOutcome, ContactMethod, Satisfaction } from '#app/feedback';
import { VersionReasonDto } from '../common/dto.js';
import { IsCalendarDay } from '../common/bounds.js';

export class FeedbackDto {
  @ApiProperty({ enum: Satisfaction, description: 'with the result (办理结果): satisfied 满意 / basically_satisfied 基本满意 / dissatisfied 不满意' })
  @IsEnum(Satisfaction)
  satisfaction: Satisfaction;

  @ApiPropertyOptional({ enum: Satisfaction, description: 'with the handling attitude (办理态度)' })
  @IsOptional()
  @IsEnum(Satisfaction)
  attitudeSatisfaction?: Satisfaction;

  @ApiProperty({ description: 'did the unit contact you before replying?' })
  @IsBoolean()
  contacted: boolean;

  @ApiPropertyOptional({ enum: ContactMethod, description: 'how: face_to_face 当面, phone 电话, letter 书面, other' })
  @IsOptional()
  @IsEnum(ContactMethod)
  contactMethod?: ContactMethod;

  @ApiProperty({ description: 'does the reply answer your proposal?' })
  @IsBoolean()
  answered: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comments?: string;

  @ApiPropertyOptional({ description: 'the answer rated (one not yet rated, of those the proposers rate now); default: the oldest unrated one' })
  @IsOptional()
  @IsUUID()
  replyId?: string;
}

/** 纸质意见表: committee staff record a proposer's paper form. */
export class PaperFeedbackDto extends FeedbackDto {
  @ApiProperty({ description: 'the proposer whose form this is' })
  @IsUUID()
  proposerUserId: string;
}

/** 重新办理: the reason the units and proposers are told, and optionally a due date instead of the session's rule. */
export class RehandlingDto extends VersionReasonDto {
  @ApiPropertyOptional({ example: '2027-03-31', description: 'default: the session’s re-handling rule (3 months)' })
  @IsOptional()
  @IsCalendarDay()
  dueDate?: string;
}

/** 当面协商: the meeting after a second 不满意, and its outcome. */
export class ConsultationDto {
  @ApiPropertyOptional({ description: 'the unit consulted, when several re-handled replies were rated 不满意' })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;

  @ApiProperty({ example: '2027-04-08' })
  @IsCalendarDay()
  heldOn: string;

  @ApiProperty({ example: '市政协提案委员会会议室' })
  @IsString()
  @Length(2, 200, { message: 'place must be 2 to 200 characters long' })
  place: string;

  @ApiProperty({ example: '袁媛委员；市公安局副局长郭成吉、经侦支队陈丁；市政协提案委李明' })
  @IsString()
  @Length(2, 1000, { message: 'participants must be 2 to 1000 characters long' })
  participants: string;

  @ApiProperty({ enum: ConsultationOutcome })
  @IsEnum(ConsultationOutcome, { message: `outcome must be one of ${Object.values(ConsultationOutcome).join(', ')}` })
  outcome: ConsultationOutcome;

  @ApiProperty({ example: '市公安局通报了专项行动的最新进展，委员对下步工作安排表示理解。' })
  @IsString()
  @Length(2, 10000, { message: 'summary must be 2 to 10000 characters long' })
  summary: string;
}

/** The committee extends the feedback window (征询意见期限). */
export class FeedbackWindowDto {
  @ApiProperty({ example: '2027-01-15' })
  @IsCalendarDay()
  until: string;

  @ApiProperty({ example: '委员外出学习，延期征询' })
  @IsString()
  @Length(2, 1000, { message: 'reason must be 2 to 1000 characters long' })
  reason: string;
}
