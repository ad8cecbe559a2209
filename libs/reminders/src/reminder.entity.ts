import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ReminderStatus {
  Planned = 'planned',
  Sent = 'sent',
  /** The assignment was answered, closed or its deadline moved before the reminder came due. */
  Cancelled = 'cancelled',
}

/**
 * 催办提醒 — one planned reminder. PostgreSQL is the source of truth; BullMQ only wakes the worker at
 * `fire_at`. The unique key makes a second plan (or a second delivery) of the same reminder a no-op.
 */
@Entity({ name: 'reminders' })
@Index('uq_reminder', ['assignmentId', 'point', 'dueDate'], { unique: true })
@Index(['status', 'fireAt'])
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  /** e.g. `reply-due-7d`, `reply-due-0d`. */
  @Column({ type: 'varchar', length: 40 })
  point: string;

  /** The deadline this reminder is about; a moved deadline makes it stale. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt: Date;

  @Column({ type: 'varchar', length: 20 })
  status: ReminderStatus;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
