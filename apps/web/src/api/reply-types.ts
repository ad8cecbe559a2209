import type { PublishedReply, Reply } from './types';
import type { Highlight } from './unit-types';

/** Response shapes of the reply screens: 内部审核 (reviews and reviewers), copies with their read state, published replies found by a search. */

export type ReviewDecision = 'pending' | 'approved' | 'returned';

/** One reviewer's decision in one 内部审核 round (GET /replies/:id/reviews). */
export interface ReviewEntry {
  round: number;
  reviewerUserId: string;
  reviewerName: string;
  decision: ReviewDecision;
  note: string | null;
  decidedAt: string | null;
}

/** A drafter or leader of the issuing unit the drafter may name as reviewer (GET /replies/:id/reviewer-candidates). */
export interface ReviewerCandidate {
  userId: string;
  displayName: string;
  roles: Array<'drafter' | 'leader'>;
}

/** A reply as an office sees it: with when the office read its copy (null: unread). */
export type CopiedReply = Reply & { copyReadAt?: string | null };

/** A published reply found by a search, with where it matched. */
export type FoundPublishedReply = PublishedReply & { highlights?: Highlight[] };

