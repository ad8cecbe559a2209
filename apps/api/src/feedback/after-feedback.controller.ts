import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ConsultationsService, type ConsultationView, RehandlingService } from '#app/feedback';
import type { ProposalView } from '#app/proposals';
import { type FollowUpView, FollowUpsService } from '#app/replies';
import { uuidParam } from '../common/dto.js';
import { ConsultationDto, FeedbackWindowDto, FollowUpResultDto, ListFollowUpsQueryDto, RehandlingDto } from './after-feedback.dto.js';
import type { Page } from '#app/core';

/** After the feedback: 重新办理, 当面协商, and extending the feedback window. */
@ApiTags('feedback 征询意见')
@ApiBearerAuth()
@Controller('proposals')
export class RehandlingController {
  constructor(
    private readonly rehandling: RehandlingService,
    private readonly consultationsService: ConsultationsService,
  ) {}

  /** 重新办理 after a 不满意: the units rated 不满意 handle again under a new deadline. */
  @RequirePermission(Permission.ProposalRehandle)
  @Post(':id/rehandling')
  @HttpCode(200)
  order(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RehandlingDto): Promise<ProposalView> {
    return this.rehandling.order(actor, id, body);
  }

  /** 当面协商 after a second 不满意, with its outcome. */
  @RequirePermission(Permission.ConsultationRecord)
  @Post(':id/consultations')
  recordConsultation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ConsultationDto): Promise<ConsultationView> {
    return this.consultationsService.recordConsultation(actor, id, body);
  }

  @RequirePermission(Permission.ProposalRead)
  @Get(':id/consultations')
  consultations(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ConsultationView[]> {
    return this.consultationsService.consultations(actor, id);
  }

  /** The committee extends the 征询意见期限 of the answers still waiting for feedback. */
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/feedback-window')
  @HttpCode(200)
  extendFeedbackWindow(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FeedbackWindowDto): Promise<ProposalView> {
    return this.rehandling.extendFeedbackWindow(actor, id, body.until, body.reason);
  }
}

/** 跟踪办理: B and C replies revisited for a second result. */
@ApiTags('feedback 征询意见')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @RequirePermission(Permission.ReplyRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListFollowUpsQueryDto): Promise<Page<FollowUpView>> {
    return this.followUps.list(actor, query);
  }

  @RequirePermission(Permission.ReplyRead)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FollowUpView> {
    return this.followUps.get(actor, id);
  }

  /** The unit (or the committee) records the second result. */
  @RequirePermission(Permission.FollowUpRecord)
  @Post(':id/result')
  @HttpCode(200)
  record(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FollowUpResultDto): Promise<FollowUpView> {
    return this.followUps.record(actor, id, body.grade, body.text);
  }
}
