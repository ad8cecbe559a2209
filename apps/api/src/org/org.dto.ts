import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../common/dto.js';

export class ListMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '袁', description: 'part of the name or username' })
  @IsOptional()
  @IsString()
  @Length(1, 40, { message: 'q must be 1 to 40 characters long' })
  q?: string;
}
