import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { ContactBlockDto } from './replies.dto.js';
import { BoundedInt } from '../common/bounds.js';

export class ReplyTemplateDto extends ContactBlockDto {
  @ApiPropertyOptional({ minimum: 1, description: 'the version read; required once the unit has a template of this kind' })
  @IsOptional()
  @BoundedInt({ min: 1 })
  version?: number;

  @ApiProperty({ example: '您提出的《{proposalTitle}》已收悉，非常感谢您对{workArea}的关心和提出的建议。', description: 'placeholders: {proposalTitle} {proposalNumber} {memberName} {unitName} {workArea}' })
  @IsString()
  @Length(5, 500, { message: 'opening must be 5 to 500 characters long' })
  opening: string;

  @ApiProperty({ example: '一、基本情况\n\n二、采取的措施\n（一）\n\n三、存在问题和下步打算\n', description: 'the section headings a new draft starts from' })
  @IsString()
  @Length(2, 10_000, { message: 'scaffold must be 2 to 10000 characters long' })
  scaffold: string;
}
