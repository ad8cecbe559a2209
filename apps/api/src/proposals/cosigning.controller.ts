import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { CosigningService, type InvitationView, type ProposalView } from '#app/proposals';
import { uuidParam } from '../common/dto.js';
import { CosignAnswerDto, InviteDto, ListInvitationsQueryDto, OpenCosigningDto } from './proposals.dto.js';
import type { Page } from '#app/core';

/** 联名/附议: the lead proposer invites members; each accepts or declines before the deadline. */
@ApiTags('co-signing 联名')
@ApiBearerAuth()
@Controller()
export class CosigningController {
  constructor(private readonly cosigning: CosigningService) {}

  /** Opens co-signing on a draft, with its deadline and the first invitations. */
  @ApiOperation({ summary: '发起联名 · Open co-signing', description: '为草稿发起联名，设定截止时间并发出首批邀请。' })
  @RequirePermission(Permission.ProposalEdit)
  @Post('proposals/:id/cosigning')
  @HttpCode(200)
  open(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: OpenCosigningDto): Promise<ProposalView> {
    return this.cosigning.open(actor, id, body.version, new Date(body.deadline), body.inviteeUserIds);
  }

  @ApiOperation({ summary: '邀请联名 · Invite co-signers', description: '邀请更多委员联名。' })
  @RequirePermission(Permission.ProposalEdit)
  @Post('proposals/:id/cosign-invitations')
  invite(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: InviteDto): Promise<InvitationView[]> {
    return this.cosigning.invite(actor, id, body.inviteeUserIds);
  }

  @ApiOperation({ summary: '联名邀请 · Co-signing invitations', description: '这件提案的联名邀请及其答复。' })
  @RequirePermission(Permission.ProposalRead)
  @Get('proposals/:id/cosign-invitations')
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<InvitationView[]> {
    return this.cosigning.list(actor, id);
  }

  /** The invited member co-signs (accept: true) or declines, until the deadline. */
  @ApiOperation({ summary: '答复联名邀请 · Answer an invitation', description: '受邀委员在截止前同意或谢绝联名。' })
  @RequirePermission(Permission.ProposalCosign)
  @Post('proposals/:id/cosign')
  @HttpCode(200)
  answer(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CosignAnswerDto): Promise<InvitationView> {
    return this.cosigning.respond(actor, id, body.accept);
  }

  /** Invitations to me. */
  @ApiOperation({ summary: '我的联名邀请 · My invitations', description: '发给我的联名邀请，分页返回。' })
  @RequirePermission(Permission.ProposalCosign)
  @Get('cosign-invitations')
  mine(@CurrentActor() actor: Actor, @Query() query: ListInvitationsQueryDto): Promise<Page<InvitationView>> {
    return this.cosigning.mine(actor, query.status, query.limit, query.offset);
  }
}
