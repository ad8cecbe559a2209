import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

  @RequirePermission(Permission.AssignmentRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<Page<AssignmentView>> {
    return this.handling.list(actor, query);
  }

  /** 交办会: many proposals assigned in one action, all or nothing; a refused item is named by its index. */
  @RequirePermission(Permission.ProposalAssign)
  @Post('bulk')
  assignMany(@CurrentActor() actor: Actor, @Body() body: BulkAssignDto): Promise<AssignResult[]> {
    return this.assigning.assignMany(actor, body.items);
  }

  /** 免于会签: the committee waives a co-unit's opinion, so the lead reply need not wait for it. */
  @RequirePermission(Permission.CountersignWaive)
  @Post(':id/waive-countersign')
  @HttpCode(200)
  waiveCountersign(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.waiveCountersign(actor, id, body.version, body.reason);
  }

  /** 申请调整: the unit asks the committee, with a reason, within the window, to be relieved of it. */
  @RequirePermission(Permission.AdjustmentRequest)
  @Post(':id/adjustment-requests')
  requestAdjustment(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AdjustmentRequestDto): Promise<AdjustmentView> {
    return this.adjustments.request(actor, id, body.reason, body.suggestedUnitIds ?? []);
  }

  /** 催办 by hand: one or many assignments, all or none. */
  @RequirePermission(Permission.AssignmentUrge)
  @Post('urge')
  @HttpCode(200)
  urge(@CurrentActor() actor: Actor, @Body() body: UrgeDto): Promise<{ urged: number }> {
    return this.assignmentDeadlines.urge(actor, body.assignmentIds, body.message);
  }

  /** One assignment with every deadline, its explanation and its history. */
  @RequirePermission(Permission.AssignmentRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.get(actor, id);
  }

  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/clock-stop')
  @HttpCode(200)
  stopClock(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.assignmentDeadlines.stopClock(actor, id, body.reason);
  }

  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/clock-resume')
  @HttpCode(200)
  resumeClock(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReasonDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.assignmentDeadlines.resumeClock(actor, id, body.reason);
  }

  /** 办前面商 recorded: the first-contact deadline is met. */
  @RequirePermission(Permission.AssignmentContact)
  @Post(':id/contact')
  @HttpCode(200)
  recordContact(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: MemberContactDto): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    return this.handling.recordContact(actor, id, body.note);
  }

  /** 延期申请: the unit asks the committee for a later reply deadline. */
  @RequirePermission(Permission.ExtensionRequest)
  @Post(':id/extensions')
  requestExtension(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ExtensionRequestDto): Promise<ExtensionView> {
    return this.extensions.request(actor, id, body.requestedDueDate, body.reason);
  }

  @RequirePermission(Permission.AssignmentAccept)
  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<AssignmentView> {
    return this.handling.accept(actor, id, body.version);
  }
}
