import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { type Actor, AuthService, clientAddress, CurrentActor, LocalAuthGuard, type MeView, Public, type TokenPair } from '#app/auth';
import type { User } from '#app/org';
import { ChangePasswordDto, LoginDto, RefreshDto } from './auth.dto.js';

@ApiTags('auth 登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiOperation({ summary: '登录 · Log in', description: '用户名和密码换取一对令牌：访问令牌（Bearer）与刷新令牌。连续失败会按账号和地址锁定。' })
  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @Post('login')
  @HttpCode(200)
  login(@Req() request: { user: User }): Promise<TokenPair> {
    return this.auth.startSession(request.user);
  }

  @ApiOperation({ summary: '刷新令牌 · Refresh the tokens', description: '用刷新令牌换一对新令牌；旧的刷新令牌随即作废（轮换），重复使用会结束整个会话。' })
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiOperation({ summary: '退出登录 · Log out', description: '结束刷新令牌所属的会话，其访问令牌随之失效。' })
  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  /** Changes one's own password; every session (refresh and access tokens) ends, a new pair is returned. */
  @ApiOperation({ summary: '修改密码 · Change one\'s password', description: '修改本人密码；所有会话结束，返回一对新令牌。' })
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<TokenPair> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword, clientAddress(request));
  }

  @ApiOperation({ summary: '当前用户 · Who I am', description: '当前用户、其所属政协及在各政协中的角色和单位。' })
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor.userId);
  }
}
