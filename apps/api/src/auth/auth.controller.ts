import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { type Actor, AuthService, clientAddress, CurrentActor, LocalAuthGuard, type MeView, Public, type TokenPair } from '#app/auth';
import type { User } from '#app/org';
import { ChangePasswordDto, LoginDto, RefreshDto } from './auth.dto.js';

@ApiTags('auth 登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @Post('login')
  @HttpCode(200)
  login(@Req() request: { user: User }): Promise<TokenPair> {
    return this.auth.startSession(request.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  /** Changes one's own password; every session (refresh and access tokens) ends, a new pair is returned. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<TokenPair> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword, clientAddress(request));
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor.userId);
  }
}
