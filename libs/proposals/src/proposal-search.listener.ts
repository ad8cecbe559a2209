import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '#app/core';
import { refreshProposalSearch } from './proposal-search.js';
import { ProposalsChangedEvent } from './proposals.events.js';

/**
 * The one caller of `refreshProposalSearch` on a write: after commit, the search documents of the
 * proposals an event names are recomputed from the rows as they are then (safe to run twice).
 */
@Injectable()
export class ProposalSearchListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on(ProposalsChangedEvent, 'proposals.search', ({ payload }, manager) => refreshProposalSearch(manager, payload.proposalIds));
  }
}

/** The proposals' reactions to domain events, for the API (through `ProposalsModule`) and the worker's drain. */
@Module({ providers: [ProposalSearchListener] })
export class ProposalsReactionsModule {}
