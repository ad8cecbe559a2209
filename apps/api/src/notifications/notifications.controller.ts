import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { Clock } from '#app/core';
import { NotificationsService, type NotificationView } from '#app/notifications';
import { PageQueryDto, uuidParam } from '../common/dto.js';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread = false;
}

/** The in-app inbox (站内消息) of the current user in the current committee. */
@ApiTags('notifications 消息')
@ApiBearerAuth()
@RequirePermission(Permission.NotificationRead)
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: '消息 · Inbox', description: '当前用户的消息及未读数，分页返回。' })
  @Get()
  inbox(
    @CurrentActor() actor: Actor,
    @Query() query: InboxQueryDto,
  ): Promise<{ items: NotificationView[]; total: number; unread: number }> {
    return this.notifications.inbox(actor.userId, actor.committeeId, { unreadOnly: query.unread, limit: query.limit, offset: query.offset });
  }

  /** 全部已读 */
  @ApiOperation({ summary: '全部已读 · Mark all read', description: '把全部消息标为已读。' })
  @Post('read-all')
  @HttpCode(200)
  markAllRead(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return this.notifications.markAllRead(actor.userId, actor.committeeId, this.clock.now());
  }

  @ApiOperation({ summary: '标为已读 · Mark read', description: '把一条消息标为已读。' })
  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<NotificationView> {
    return this.notifications.markRead(actor.userId, actor.committeeId, id, this.clock.now());
  }
}
