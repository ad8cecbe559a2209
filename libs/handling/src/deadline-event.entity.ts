import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Deadline } from './deadline.entity.js';

export type DeadlineEventKind = 'set' | 'extended' | 'clock-stopped' | 'clock-resumed' | 'recomputed' | 'met' | 'cancelled';

/** The history of a deadline: every time it was set, moved, stopped, resumed or ended, and why. */
@Entity({ name: 'deadline_events' })
@Index(['deadlineId', 'at'])
export class DeadlineEvent {
  /** Ascending: events of the same instant keep the order they happened in. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: DeadlineEventKind;

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate: string | null;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @References(() => Deadline, 'deadline_id', 'CASCADE')
  private readonly deadlineIdFk?: never;
}
