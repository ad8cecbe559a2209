import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Satisfaction } from '#app/feedback';
import { ProposalStatus } from '#app/proposals';
import { DeadlineRulesDto } from '../admin/admin.dto.js';
import { PageQueryDto } from '../common/dto.js';

export class CreateProposalDto {
  @ApiProperty()
  @IsUUID()
  sessionId: string;

  @ApiProperty({ example: '关于严厉打击金融理财诈骗的提案', description: '案由' })
  @IsString()
  @Length(4, 200, { message: 'title must be 4 to 200 characters long' })
  title: string;

  @ApiProperty({ description: '情况分析 and 具体建议' })
  @IsString()
  @Length(10, 50_000, { message: 'body must be 10 to 50000 characters long' })
  body: string;

  @ApiPropertyOptional({ example: '政法' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  category?: string;

  @ApiPropertyOptional({ description: 'committee staff entering on behalf of a member (代录)' })
  @IsOptional()
  @IsUUID()
  onBehalfOfUserId?: string;
}

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ enum: ProposalStatus })
  @IsOptional()
  @IsEnum(ProposalStatus)
  status?: ProposalStatus;
}

export class AssignDto {
  @ApiProperty({ minimum: 1, description: 'proposal version as last read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'the lead unit (主办单位)' })
  @IsUUID()
  leadUnitId: string;

  @ApiPropertyOptional({ example: '2021-11-30', description: 'overrides the session default deadline' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'replyDueDate must be a date YYYY-MM-DD' })
  replyDueDate?: string;
}

export class FeedbackDto {
  @ApiProperty({ enum: Satisfaction, description: 'satisfied 满意 / basically_satisfied 基本满意 / dissatisfied 不满意' })
  @IsEnum(Satisfaction)
  satisfaction: Satisfaction;

  @ApiProperty({ description: 'did the unit contact you before replying?' })
  @IsBoolean()
  contacted: boolean;

  @ApiProperty({ description: 'does the reply answer your proposal?' })
  @IsBoolean()
  answered: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comments?: string;
}

export class ProposalDeadlineRulesDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: () => DeadlineRulesDto, description: 'the rules of this proposal that differ from its session' })
  @ValidateNested()
  @Type(() => DeadlineRulesDto)
  deadlineRules: DeadlineRulesDto;
}

export class SupervisorDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ nullable: true, description: 'the 督办 leader (a user of the committee), or null to clear' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  supervisorUserId: string | null;
}
