import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '#app/core';
import { refreshProposalSearch } from './proposal-search.js';
import { ProposalsChangedEvent } from './proposals.events.js';

/**
 * The one caller of `refreshProposalSearch` on a write: the search documents of the proposals an event
 * names are recomputed in the publishing transaction, just before its COMMIT, from the rows as the
 * transaction leaves them — so they commit with the change (ADR 11, 17). Safe to run twice.
 */
@Injectable()
export class ProposalSearchListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on(ProposalsChangedEvent, 'proposals.search', ({ payload }, manager) => refreshProposalSearch(manager, payload.proposalIds), { inTransaction: true });
  }
}

/** The proposals' reactions to domain events, for the API (through `ProposalsModule`) and the worker's drain. */
@Module({ providers: [ProposalSearchListener] })
export class ProposalsReactionsModule {}
