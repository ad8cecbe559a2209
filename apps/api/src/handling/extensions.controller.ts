import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { type ExtensionView, ExtensionsService } from '#app/handling';
import type { Page } from '#app/core';
import { uuidParam, VersionReasonDto } from '../common/dto.js';
import { ApproveExtensionDto, ListExtensionsQueryDto } from './handling.dto.js';

/** 延期申请: units ask, the committee approves (the deadline moves) or rejects. */
@ApiTags('extensions 延期')
@ApiBearerAuth()
@Controller('extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @ApiOperation({ summary: '延期申请列表 · List extension requests', description: '延期申请，可按状态、交办筛选，分页返回。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListExtensionsQueryDto): Promise<Page<ExtensionView>> {
    return this.extensions.list(actor, query);
  }

  @ApiOperation({ summary: '同意延期 · Approve an extension', description: '同意延期，可另定日期；答复期限随即改变。' })
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ApproveExtensionDto): Promise<ExtensionView> {
    return this.extensions.approve(actor, id, body.version, body.grantedDueDate, body.note);
  }

  @ApiOperation({ summary: '驳回延期 · Reject an extension', description: '说明理由后驳回延期申请。' })
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ExtensionView> {
    return this.extensions.reject(actor, id, body.version, body.reason);
  }
}
