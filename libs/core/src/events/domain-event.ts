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

/** An event as its transaction published it (before it is read back). */
export interface PublishedEvent {
  readonly id: string;
  readonly type: string;
  readonly committeeId: string | null;
  readonly payload: unknown;
}

/** The events each open transaction published, by its query runner, for their reactions. */
const published = new WeakMap<QueryRunner, PublishedEvent[]>();

/** The events a transaction has published so far. */
export function publishedIn(queryRunner: QueryRunner): readonly PublishedEvent[] {
  return published.get(queryRunner) ?? [];
}

/** Takes (and forgets) the events a transaction published. */
export function takePublished(queryRunner: QueryRunner): PublishedEvent[] {
  const events = published.get(queryRunner) ?? [];
  published.delete(queryRunner);
  return events;
}

/** Forgets some of the events a transaction published (their reactions are done). */
export function forgetPublished(queryRunner: QueryRunner, ids: ReadonlySet<string>): void {
  published.set(queryRunner, publishedIn(queryRunner).filter((event) => !ids.has(event.id)));
}

/**
 * Publishes a domain event in the caller's transaction: a row in the outbox (`domain_events`), so it
 * commits or rolls back with the write. Its in-transaction reactions run just before COMMIT; the others
 * after commit, in the publishing process, or if it cannot (a crash, a failing reaction) in the worker's
 * drain. Must be called inside a transaction.
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
  published.set(queryRunner, [...publishedIn(queryRunner), { id: row.id, type: type.name, committeeId, payload }]);
}
