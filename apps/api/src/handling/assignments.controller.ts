import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import {
  type AdjustmentView,
  AdjustmentsService,
  AssigningService,
  AssignmentDeadlinesService,
  type AssignmentView,
  type AssignResult,
  type DeadlineView,
  type ExtensionView,
  ExtensionsService,
  HandlingService,
} from '#app/handling';
import type { Page } from '#app/core';
import { uuidParam, VersionDto, VersionReasonDto } from '../common/dto.js';
import {
  AdjustmentRequestDto,
  BulkAssignDto,
  ExtensionRequestDto,
  ListAssignmentsQueryDto,
  MemberContactDto,
  ReasonDto,
  UrgeDto,
} from './handling.dto.js';

/** A unit's assignments: accept (签收) them and start their replies. */
@ApiTags('assignments 交办')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(
    private readonly handling: HandlingService,
    private readonly assigning: AssigningService,
    private readonly assignmentDeadlines: AssignmentDeadlinesService,
    private readonly extensions: ExtensionsService,
    private readonly adjustments: AdjustmentsService,
  ) {}

  @ApiOperation({ summary: '交办列表 · List assignments', description: '当前用户可见的交办，可按状态、单位、角色等筛选和排序，分页返回。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<Page<AssignmentView>> {
    return this.handling.list(actor, query);
  }

  /** 交办会: many proposals assigned in one action, all or nothing; a refused item is named by its index. */
  @ApiOperation({ summary: '批量交办 · Assign many', description: '交办会：一次交办多件提案，全部成功或全部不做；出错项按序号指出。' })
  @RequirePermission(Permission.ProposalAssign)
  @Post('bulk')
  assignMany(@CurrentActor() actor: Actor, @Body() body: BulkAssignDto): Promise<AssignResult[]> {
    return this.assigning.assignMany(actor, body.items);
  }

  /** 免于会签: the committee waives a co-unit's opinion, so the lead reply need not wait for it. */
  @ApiOperation({ summary: '免于会签 · Waive a co-unit\'s opinion', description: '提案委免除会办单位的意见，主办答复无须等待。' })
  @RequirePermission(Permission.CountersignWaive)
  @Post(':id/waive-countersign')
  @HttpCode(200)
  waiveCountersign(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.waiveCountersign(actor, id, body.version, body.reason);
  }

  /** 申请调整: the unit asks the committee, with a reason, within the window, to be relieved of it. */
  @ApiOperation({ summary: '申请调整 · Request an adjustment', description: '承办单位在期限内说明理由，申请不再承办这件提案。' })
  @RequirePermission(Permission.AdjustmentRequest)
  @Post(':id/adjustment-requests')
  requestAdjustment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AdjustmentRequestDto): Promise<AdjustmentView> {
    return this.adjustments.request(actor, id, body.reason, body.suggestedUnitIds ?? []);
  }

  /** 催办 by hand: one or many assignments, all or none. */
  @ApiOperation({ summary: '催办 · Urge', description: '手动催办一项或多项交办，全部成功或全部不做。' })
  @RequirePermission(Permission.AssignmentUrge)
  @Post('urge')
  @HttpCode(200)
  urge(@CurrentActor() actor: Actor, @Body() body: UrgeDto): Promise<{ urged: number }> {
    return this.assignmentDeadlines.urge(actor, body.assignmentIds, body.message);
  }

  /** One assignment with every deadline, its explanation and its history. */
  @ApiOperation({ summary: '交办详情 · Get an assignment', description: '一项交办及其全部期限、期限说明和历史。' })
  @RequirePermission(Permission.AssignmentRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.get(actor, id);
  }

  @ApiOperation({ summary: '暂停计时 · Stop the clock', description: '说明理由后暂停这项交办的期限计时。' })
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/clock-stop')
  @HttpCode(200)
  stopClock(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.assignmentDeadlines.stopClock(actor, id, body.reason);
  }

  @ApiOperation({ summary: '恢复计时 · Resume the clock', description: '恢复计时，期限顺延暂停的天数。' })
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/clock-resume')
  @HttpCode(200)
  resumeClock(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.assignmentDeadlines.resumeClock(actor, id, body.reason);
  }

  /** 办前面商 recorded: the first-contact deadline is met. */
  @ApiOperation({ summary: '记录办前联系 · Record the first contact', description: '记录办前与委员的联系（面商），首次联系期限即告满足。' })
  @RequirePermission(Permission.AssignmentContact)
  @Post(':id/contact')
  @HttpCode(200)
  recordContact(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MemberContactDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.recordContact(actor, id, body.note);
  }

  /** 延期申请: the unit asks the committee for a later reply deadline. */
  @ApiOperation({ summary: '申请延期 · Request an extension', description: '承办单位向提案委申请推迟答复期限。' })
  @RequirePermission(Permission.ExtensionRequest)
  @Post(':id/extensions')
  requestExtension(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ExtensionRequestDto): Promise<ExtensionView> {
    return this.extensions.request(actor, id, body.requestedDueDate, body.reason);
  }

  @ApiOperation({ summary: '签收 · Accept an assignment', description: '承办单位签收交办。' })
  @RequirePermission(Permission.AssignmentAccept)
  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<AssignmentView> {
    return this.handling.accept(actor, id, body.version);
  }
}
