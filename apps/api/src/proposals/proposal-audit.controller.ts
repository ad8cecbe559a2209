import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { AuditChainExport } from '#app/audit';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ProposalAuditChainService } from '#app/proposals';
import { uuidParam } from '../common/dto.js';

/** A proposal's audit trail as a hash chain, verified when read: to view, or to download and keep. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@RequirePermission(Permission.AuditRead)
@Controller('proposals/:id')
export class ProposalAuditController {
  constructor(private readonly chains: ProposalAuditChainService) {}

  @ApiOperation({ summary: '提案的审计链 · The proposal\'s audit chain', description: '按时间列出这件提案及其交办、答复等记录的全部审计条目，并校验哈希链是否完整。' })
  @Get('audit')
  chain(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AuditChainExport> {
    return this.chains.export(actor, id);
  }

  @ApiOperation({ summary: '下载提案审计链 · Download the proposal\'s audit chain', description: '以 JSON 文件下载这件提案的审计链，可离线复核每条记录的哈希。' })
  @ApiProduces('application/json')
  @Get('audit.json')
  async download(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<StreamableFile> {
    const chain = await this.chains.export(actor, id);
    return new StreamableFile(Buffer.from(`${JSON.stringify(chain, null, 2)}\n`, 'utf8'), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="proposal-${id}-audit.json"`,
    });
  }
}
