import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ConsultationsService, type ConsultationView, FeedbackService, type FeedbackView, RehandlingService } from '#app/feedback';
import type { ProposalView } from '#app/proposals';
import { uuidParam, VersionDto, VersionReasonDto } from '../common/dto.js';
import { ConsultationDto, FeedbackDto, FeedbackWindowDto, PaperFeedbackDto, RehandlingDto } from './feedback.dto.js';

/** 征询意见 and 办结: the proposers' feedback on the answers, then the committee closes (or reopens) the proposal. */
@ApiTags('feedback 征询意见')
@ApiBearerAuth()
@Controller('proposals')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @RequirePermission(Permission.FeedbackSubmit)
  @Post(':id/feedback')
  giveFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FeedbackDto): Promise<FeedbackView> {
    return this.feedback.submit(actor, id, body);
  }

  /** 纸质意见表: committee staff record a proposer's paper form, recorded as such. */
  @RequirePermission(Permission.FeedbackRecord)
  @Post(':id/feedback/paper')
  recordPaperFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: PaperFeedbackDto): Promise<FeedbackView> {
    const { proposerUserId, ...form } = body;
    return this.feedback.submit(actor, id, form, proposerUserId);
  }

  @RequirePermission(Permission.ProposalRead)
  @Get(':id/feedback')
  listFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FeedbackView[]> {
    return this.feedback.list(actor, id);
  }

  @RequirePermission(Permission.ProposalClose)
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.feedback.close(actor, id, body.version);
  }

  /** The committee reopens a closed proposal (办结 undone), with a reason. */
  @RequirePermission(Permission.ProposalClose)
  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionReasonDto): Promise<ProposalView> {
    return this.feedback.reopen(actor, id, body.version, body.reason);
  }
}

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
