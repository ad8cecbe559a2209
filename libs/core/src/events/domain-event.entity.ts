import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: one row per domain event, written in the transaction of the change it announces
 * (`publish`), its reactions run after commit and it is marked processed (ADR 17). Rows processed a week
 * ago are deleted by the drain.
 */
@Entity({ name: 'domain_events' })
@Index('IDX_domain_events_due', ['nextAttemptAt'], { where: 'processed_at IS NULL' })
export class DomainEventRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid', nullable: true })
  committeeId: string | null;

  /** The event's static name, e.g. `proposals.changed`. */
  @Column({ type: 'varchar', length: 80 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** When the drain may take it: after the publisher's grace, or the backoff after a failure. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** How many times its reactions ran (the last time successfully once processed). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
