import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * A kind of domain event: a static, past-tense name (`'proposals.changed'`) and the type of its payload.
 * Each lib declares its own in one `<lib>.events.ts`; the outbox knows none of them.
 */
export interface EventType<P> {
  readonly name: string;
  /** Never set: carries the payload type for {@link publish} and the reactions. */
  readonly payload?: P;
}

/** Declares a kind of event; the payload is JSON (ids and plain values, never entities). */
export function defineEvent<P>(name: string): EventType<P> {
  return { name };
}

/** A published event as a reaction gets it, read back from `domain_events`. */
export interface DomainEvent<P = unknown> {
  readonly id: string;
  readonly type: string;
  readonly committeeId: string | null;
  readonly payload: P;
  /** How many times its reactions ran before (0 the first time). */
  readonly attempts: number;
}

/**
 * How long the publishing process has its events to itself: the worker's drain leaves an unprocessed
 * event alone until then, so it does not run the reactions the API is running after commit.
 */
export const EVENT_GRACE_MS = 30_000;

/** The events each open transaction published, by its query runner, for the reactions after commit. */
const published = new WeakMap<QueryRunner, string[]>();

/** Takes (and forgets) the ids of the events a transaction published. */
export function takePublished(queryRunner: QueryRunner): string[] {
  const ids = published.get(queryRunner) ?? [];
  published.delete(queryRunner);
  return ids;
}

/**
 * Publishes a domain event in the caller's transaction: a row in the outbox (`domain_events`), so it
 * commits or rolls back with the write. After commit the publishing process runs its reactions; if it
 * cannot (a crash, a failing reaction), the worker's drain does. Must be called inside a transaction.
 */
export async function publish<P>(manager: EntityManager, type: EventType<P>, committeeId: string | null, payload: P): Promise<void> {
  const queryRunner = manager.queryRunner;
  if (!queryRunner?.isTransactionActive) throw new Error(`domain event ${type.name} published outside a transaction`);
  // Wall-clock time, not the Clock: this is the outbox's own retry timing, not a business date.
  const [row]: Array<{ id: string }> = await manager.query(
    `INSERT INTO domain_events (committee_id, type, payload, occurred_at, next_attempt_at)
     VALUES ($1, $2, $3::jsonb, clock_timestamp(), clock_timestamp() + $4 * interval '1 millisecond') RETURNING id`,
    [committeeId, type.name, JSON.stringify(payload), EVENT_GRACE_MS],
  );
  published.set(queryRunner, [...(published.get(queryRunner) ?? []), row.id]);
}
