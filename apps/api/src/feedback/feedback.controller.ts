import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
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

  @ApiOperation({ summary: '填写征询意见表 · Give feedback', description: '提案人对答复填写征询意见表：满意度、是否联系、是否答复所提问题。' })
  @RequirePermission(Permission.FeedbackSubmit)
  @Post(':id/feedback')
  giveFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FeedbackDto): Promise<FeedbackView> {
    return this.feedback.submit(actor, id, body);
  }

  /** 纸质意见表: committee staff record a proposer's paper form, recorded as such. */
  @ApiOperation({ summary: '录入纸质意见表 · Record a paper form', description: '提案委工作人员代提案人录入纸质征询意见表，标明为纸质。' })
  @RequirePermission(Permission.FeedbackRecord)
  @Post(':id/feedback/paper')
  recordPaperFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: PaperFeedbackDto): Promise<FeedbackView> {
    const { proposerUserId, ...form } = body;
    return this.feedback.submit(actor, id, form, proposerUserId);
  }

  @ApiOperation({ summary: '征询意见表 · Feedback forms', description: '这件提案已收到的征询意见表。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':id/feedback')
  listFeedback(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FeedbackView[]> {
    return this.feedback.list(actor, id);
  }

  @ApiOperation({ summary: '办结 · Close a proposal', description: '提案委办结提案。' })
  @RequirePermission(Permission.ProposalClose)
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: VersionDto): Promise<ProposalView> {
    return this.feedback.close(actor, id, body.version);
  }

  /** The committee reopens a closed proposal (办结 undone), with a reason. */
  @ApiOperation({ summary: '撤销办结 · Reopen a proposal', description: '提案委说明理由后重新打开已办结的提案。' })
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
  @ApiOperation({ summary: '重新办理 · Order re-handling', description: '对不满意的答复，相关单位在新期限内重新办理。' })
  @RequirePermission(Permission.ProposalRehandle)
  @Post(':id/rehandling')
  @HttpCode(200)
  order(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RehandlingDto): Promise<ProposalView> {
    return this.rehandling.order(actor, id, body);
  }

  /** 当面协商 after a second 不满意, with its outcome. */
  @ApiOperation({ summary: '记录当面协商 · Record a consultation', description: '再次不满意后的当面协商及其结果。' })
  @RequirePermission(Permission.ConsultationRecord)
  @Post(':id/consultations')
  recordConsultation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ConsultationDto): Promise<ConsultationView> {
    return this.consultationsService.recordConsultation(actor, id, body);
  }

  @ApiOperation({ summary: '当面协商记录 · Consultations', description: '这件提案的当面协商记录。' })
  @RequirePermission(Permission.ProposalRead)
  @Get(':id/consultations')
  consultations(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ConsultationView[]> {
    return this.consultationsService.consultations(actor, id);
  }

  /** The committee extends the 征询意见期限 of the answers still waiting for feedback. */
  @ApiOperation({ summary: '延长征询意见期限 · Extend the feedback window', description: '提案委延长尚待反馈的答复的征询意见期限。' })
  @RequirePermission(Permission.DeadlineManage)
  @Post(':id/feedback-window')
  @HttpCode(200)
  extendFeedbackWindow(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FeedbackWindowDto): Promise<ProposalView> {
    return this.rehandling.extendFeedbackWindow(actor, id, body.until, body.reason);
  }
}
