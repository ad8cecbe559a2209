import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { type DomainEvent, type EventType, forgetPublished, publishedIn, takePublished } from './domain-event.js';

/** A reaction to one kind of event. Runs at least once per event, so it must be safe to run twice. */
export type Reaction<P> = (event: DomainEvent<P>, manager: EntityManager) => Promise<void>;

export interface ReactionOptions {
  /**
   * Runs in the publishing transaction, just before its COMMIT, on what the transaction wrote: for data
   * derived in the same database (search documents), which then commits with the write and fails with
   * it. Otherwise the reaction runs after commit (work outside PostgreSQL: BullMQ jobs).
   */
  inTransaction?: boolean;
}

interface Registered {
  reaction: Reaction<unknown>;
  inTransaction: boolean;
}

/** The wait before a failed event is tried again: 10 s, doubled per failure, at most an hour. */
export function eventRetryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/** How long the drain holds the events it took before another worker may take them. */
const DRAIN_LEASE_MS = 5 * 60_000;
/** From this many failures on, a failing event is logged as an error. */
const LOUD_AFTER_ATTEMPTS = 5;

interface EventRow {
  id: string;
  committee_id: string | null;
  type: string;
  payload: unknown;
  attempts: number;
  occurred_at?: Date;
}

/**
 * The after-commit mechanism (ADR 17). Libs register their reactions per kind of event ({@link on}).
 * A transaction that published events runs their in-transaction reactions just before its COMMIT and
 * the others right after it, before `dataSource.transaction(...)` returns, so a request answers after
 * them; the worker's {@link drain} runs those no process completed. A reaction after commit that throws
 * is logged, counted on the row and tried again with backoff; nothing is dropped.
 */
@Injectable()
export class DomainEvents implements EntitySubscriberInterface {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly reactions = new Map<string, Map<string, Registered>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  /** Registers `reaction` (named, for the logs; registering a name again replaces it) for events of `type`. */
  on<P>(type: EventType<P>, name: string, reaction: Reaction<P>, options: ReactionOptions = {}): void {
    const byName = this.reactions.get(type.name) ?? new Map<string, Registered>();
    byName.set(name, { reaction: reaction as Reaction<unknown>, inTransaction: options.inTransaction ?? false });
    this.reactions.set(type.name, byName);
  }

  /**
   * TypeORM calls this before every COMMIT (a savepoint's release too: those wait for the outer commit).
   * Runs the in-transaction reactions of the events published; a failure fails the write, as any of its
   * statements would. Events with no reaction left for after commit are marked processed with the write.
   */
  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    if (!isOutermost(queryRunner)) return;
    const events = publishedIn(queryRunner);
    const done = new Set<string>();
    for (const event of events) {
      const registered = [...(this.reactions.get(event.type)?.values() ?? [])];
      for (const { reaction } of registered.filter((r) => r.inTransaction)) await reaction({ ...event, attempts: 0 }, queryRunner.manager);
      if (registered.length > 0 && registered.every((r) => r.inTransaction)) done.add(event.id);
    }
    if (done.size === 0) return;
    await queryRunner.manager.query(`UPDATE domain_events SET processed_at = clock_timestamp(), attempts = 1 WHERE id = ANY($1)`, [[...done]]);
    forgetPublished(queryRunner, done);
  }

  /** TypeORM calls this after every COMMIT (a savepoint's too: those wait for the outer commit). */
  async afterTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    if (queryRunner.isTransactionActive) return;
    const ids = takePublished(queryRunner).map((event) => event.id);
    if (ids.length === 0) return;
    try {
      const rows: EventRow[] = await queryRunner.manager.query(
        `SELECT id, committee_id, type, payload, attempts FROM domain_events WHERE id = ANY($1) AND processed_at IS NULL ORDER BY occurred_at, id`,
        [ids],
      );
      await this.react(queryRunner.manager, rows, { afterCommitOnly: true });
    } catch (error) {
      // Never fail the committed write: the worker's drain takes the events once their grace is over.
      this.logger.warn({ err: error, events: ids.length }, 'could not run the reactions after commit; the worker will');
    }
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) takePublished(queryRunner);
  }

  /**
   * Runs the reactions of committed events no process has completed: those whose publisher crashed or
   * whose reactions failed and are due again. Takes a batch at a time (`FOR UPDATE SKIP LOCKED`, with a
   * lease so that parallel workers never take the same), until none is due or `maxBatches` ran. Only
   * events this process has reactions to are taken: during a rolling deployment an older worker leaves a
   * new kind of event to the processes that know it. Also deletes the events processed more than a week
   * ago. Returns how many events were processed.
   */
  async drain(options: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
    const batchSize = options.batchSize ?? 100;
    let processed = 0;
    for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
      const [rows]: [EventRow[], number] = await this.dataSource.query(
        `UPDATE domain_events e SET next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond'
         FROM (SELECT id FROM domain_events WHERE processed_at IS NULL AND next_attempt_at <= clock_timestamp() AND type = ANY($3)
               ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
         WHERE e.id = due.id
         RETURNING e.id, e.committee_id, e.type, e.payload, e.attempts, e.occurred_at`,
        [batchSize, DRAIN_LEASE_MS, [...this.reactions.keys()]],
      );
      if (rows.length === 0) break;
      // In the order they happened (RETURNING keeps none).
      rows.sort((a, b) => (a.occurred_at?.getTime() ?? 0) - (b.occurred_at?.getTime() ?? 0));
      processed += await this.react(this.dataSource.manager, rows, { afterCommitOnly: false });
      if (rows.length < batchSize) break;
    }
    await this.dataSource.query(
      `DELETE FROM domain_events WHERE id IN (SELECT id FROM domain_events WHERE processed_at < clock_timestamp() - interval '7 days' LIMIT 10000)`,
    );
    return processed;
  }

  /**
   * Runs each event's reactions in order (after commit: those not run in the transaction; in the drain:
   * all, as a reaction run in the transaction never leaves its event unprocessed), marks those that
   * succeeded and records the failures.
   */
  private async react(manager: EntityManager, rows: EventRow[], { afterCommitOnly }: { afterCommitOnly: boolean }): Promise<number> {
    const done: string[] = [];
    for (const row of rows) {
      try {
        const reactions = [...(this.reactions.get(row.type)?.values() ?? [])].filter((r) => !(afterCommitOnly && r.inTransaction));
        if (reactions.length === 0) throw new Error(`no reaction to ${row.type} is registered in this process`);
        const event: DomainEvent = { id: row.id, type: row.type, committeeId: row.committee_id, payload: row.payload, attempts: row.attempts };
        for (const { reaction } of reactions) await reaction(event, manager);
        done.push(row.id);
      } catch (error) {
        await this.failed(manager, row, error);
      }
    }
    if (done.length > 0) {
      await manager.query(`UPDATE domain_events SET processed_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`, [done]);
    }
    return done.length;
  }

  private async failed(manager: EntityManager, row: EventRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    const log = { eventId: row.id, type: row.type, attempts, err: error };
    if (attempts >= LOUD_AFTER_ATTEMPTS) this.logger.error(log, 'a domain event keeps failing; its reactions are tried again');
    else this.logger.warn(log, 'a reaction to a domain event failed; tried again later');
    await manager
      .query(`UPDATE domain_events SET attempts = $2, last_error = $3, next_attempt_at = clock_timestamp() + $4 * interval '1 millisecond' WHERE id = $1`, [
        row.id,
        attempts,
        message.slice(0, 2_000),
        eventRetryDelayMs(attempts),
      ])
      .catch((failure: unknown) => this.logger.warn({ eventId: row.id, err: failure }, 'could not record the failure; the event stays due'));
  }
}

/** Whether a COMMIT about to run ends the transaction (not a savepoint's release). */
function isOutermost(queryRunner: QueryRunner): boolean {
  // TypeORM counts nesting in a field its typings keep protected; savepoints are rare here, so a runner
  // without it is taken as outermost.
  const depth = (queryRunner as unknown as { transactionDepth?: number }).transactionDepth;
  return depth === undefined || depth <= 1;
}
