import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '#app/core';
import { RepliesChangedEvent } from './replies.events.js';
import { refreshReplySearch } from './reply-search.js';

/** The one caller of `refreshReplySearch` on a write: in the publishing transaction, just before its COMMIT (ADR 17). Safe to run twice. */
@Injectable()
export class ReplySearchListener implements OnModuleInit {
  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.events.on(RepliesChangedEvent, 'replies.search', ({ payload }, manager) => refreshReplySearch(manager, payload.replyIds), { inTransaction: true });
  }
}

/** The replies' reactions to domain events, for the API (through `RepliesModule`) and the worker's drain. */
@Module({ providers: [ReplySearchListener] })
export class RepliesReactionsModule {}
