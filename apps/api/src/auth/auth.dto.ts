import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'yuanyuan' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'cppcc-demo-2026', description: 'the demo users of npm start all have cppcc-demo-2026' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password in use now' })
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ description: '10 to 128 characters, at least two of letters, digits and other characters, not containing the username' })
  @IsString()
  @Length(1, 128)
  newPassword: string;
}
