import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { AdjustmentDecisionsService, type AdjustmentView, AdjustmentsService } from '#app/handling';
import type { Page } from '#app/core';
import { uuidParam, VersionReasonDto } from '../common/dto.js';
import { ApproveAdjustmentDto, ListAdjustmentsQueryDto } from './handling.dto.js';

/** 申请调整: units ask (POST /assignments/:id/adjustment-requests); only the committee decides. */
@ApiTags('adjustments 调整')
@ApiBearerAuth()
@Controller('adjustment-requests')
export class AdjustmentsController {
  constructor(
    private readonly adjustments: AdjustmentsService,
    private readonly decisions: AdjustmentDecisionsService,
  ) {}

  @ApiOperation({ summary: '调整申请列表 · List adjustment requests', description: '调整申请，可按状态、交办筛选，分页返回。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAdjustmentsQueryDto): Promise<Page<AdjustmentView>> {
    return this.adjustments.list(actor, query);
  }

  @ApiOperation({ summary: '调整申请详情 · Get an adjustment request', description: '一项调整申请。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AdjustmentView> {
    return this.adjustments.get(actor, id);
  }

  /** Approve: the unit's assignment ends and `newUnitId` (required for a lead unit) takes over with fresh deadlines. */
  @ApiOperation({ summary: '同意调整 · Approve an adjustment', description: '同意调整：该单位的交办结束，由新单位接办（主办单位必须指定）。' })
  @RequirePermission(Permission.AdjustmentDecide)
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ApproveAdjustmentDto): Promise<AdjustmentView> {
    return this.decisions.approve(actor, id, body.version, body.newUnitId, body.note);
  }

  @ApiOperation({ summary: '驳回调整 · Reject an adjustment', description: '说明理由后驳回调整申请。' })
  @RequirePermission(Permission.AdjustmentDecide)
  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<AdjustmentView> {
    return this.decisions.reject(actor, id, body.version, body.reason);
  }
}
