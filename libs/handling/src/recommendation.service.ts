import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor } from '#app/auth';
import { UnitKind, unitsOfCommittee } from '#app/org';
import { ProposalsService, type SimilarProposalView, SimilarityService } from '#app/proposals';
import { AssignmentRole, AssignmentStatus } from './assignment.entity.js';
import { ASSIGNED_PROPOSAL_SQL } from './handling-extensions.js';
import { type Neighbour, type Recommendation, recommendUnits } from './unit-recommendation.js';

/** How many similar earlier proposals vote, and how alike they must be at least. */
export const NEIGHBOURS = { limit: 15, minScore: 0.08 };

/** Suggests lead and co-units for a proposal from how similar ones were assigned and from the units' remits. */
@Injectable()
export class RecommendationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly similarity: SimilarityService,
  ) {}

  async recommend(actor: Actor, proposalId: string): Promise<Recommendation & { neighbours: SimilarProposalView[] }> {
    const manager = this.dataSource.manager;
    const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
    const similar = await this.similarity.find(manager, {
      committeeId: actor.committeeId,
      ...(await this.similarity.termsOf(manager, proposalId)),
      excludeId: proposalId,
      numberedOnly: false,
      condition: ASSIGNED_PROPOSAL_SQL,
      ...NEIGHBOURS,
    });
    const neighbours = await this.withUnits(manager, similar);
    const units = await unitsOfCommittee(manager, actor.committeeId, UnitKind.Handling);
    return { ...recommendUnits(proposal, neighbours, units), neighbours: similar };
  }

  private async withUnits(manager: EntityManager, similar: SimilarProposalView[]): Promise<Neighbour[]> {
    if (similar.length === 0) return [];
    const rows: Array<{ proposal_id: string; unit_id: string; role: AssignmentRole }> = await manager.query(
      'SELECT proposal_id, unit_id, role FROM assignments WHERE proposal_id = ANY($1::uuid[]) AND status <> $2',
      [similar.map((s) => s.id), AssignmentStatus.Reassigned],
    );
    return similar.map((s) => ({
      number: s.number,
      title: s.title,
      similarity: s.similarity,
      units: rows.filter((r) => r.proposal_id === s.id).map((r) => ({ unitId: r.unit_id, role: r.role })),
    }));
  }
}
