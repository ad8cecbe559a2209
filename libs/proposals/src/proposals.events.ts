import { defineEvent } from '#app/core';

/**
 * What a proposal's search document is made of changed (ADR 11, 17): its title or body, its proposers,
 * the units working on it (or their names), the answers sent on it. Published in the changing transaction
 * by the libs that make those changes; the search documents are recomputed after commit.
 */
export interface ProposalsChanged {
  proposalIds: string[];
  change: 'drafted' | 'edited' | 'cosigning' | 'merged' | 'assigned' | 'reassigned' | 'answered' | 'imported' | 'unit-renamed';
}
export const ProposalsChangedEvent = defineEvent<ProposalsChanged>('proposals.changed');
