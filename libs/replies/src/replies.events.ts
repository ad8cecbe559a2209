import { defineEvent } from '#app/core';

/** What a reply's search document is made of changed: its title, text, number or disclosure note (ADR 17). */
export interface RepliesChanged {
  replyIds: string[];
  change: 'drafted' | 'edited' | 'signed-off';
}
export const RepliesChangedEvent = defineEvent<RepliesChanged>('replies.changed');
