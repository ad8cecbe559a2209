import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditChainExport, AuditService, proposalChain, registerProposalChains } from '#app/audit';
import { type Actor, hasRole } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { Role } from '#app/org';
import { Proposal } from './proposal.entity.js';
import { ProposalsService } from './proposals.service.js';

// Audit entries about a proposal chain to it (audit names no table of ours; the libs above register theirs).
registerProposalChains({ proposal: 'SELECT p.id::text FROM proposals p WHERE p.id = e.entity_id' });

/** A proposal's audit trail as a hash chain, verified when read (GET /proposals/:id/audit). */
@Injectable()
export class ProposalAuditChainService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The proposal's audit chain (every entry about it, its assignments, replies, deadlines …) with the
   * result of verifying it. Staff: within the proposal policy; administrators: any proposal of their
   * committee (they keep the records, as with GET /audit/:id). Anything else is a 404.
   */
  async export(actor: Actor, id: string): Promise<AuditChainExport> {
    if (hasRole(actor, Role.Staff)) await this.proposals.loadVisible(this.dataSource.manager, actor, id);
    else if (!(await this.dataSource.getRepository(Proposal).existsBy({ id, committeeId: actor.committeeId }))) throw DomainError.notFound('Proposal', id);
    return this.audit.exportChain(proposalChain(id), this.clock.now());
  }
}
