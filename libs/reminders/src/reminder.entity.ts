import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ReminderStatus {
  Planned = 'planned',
  Sent = 'sent',
  /** The deadline was met, ended or moved before the reminder came due. */
  Cancelled = 'cancelled',
}

/**
 * 催办提醒 — one planned reminder of a deadline. PostgreSQL is the source of truth; BullMQ only wakes
 * the worker at `fire_at`. The unique key makes a second plan (or a second delivery) a no-op.
 */
@Entity({ name: 'reminders' })
@Index('uq_reminder', ['deadlineId', 'point', 'dueDate'], { unique: true })
@Index(['status', 'fireAt'])
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'deadline_id', type: 'uuid' })
  deadlineId: string;

  /** e.g. `reply-30d`, `reply-0d`, `reply-overdue-7d`, `adjustment_window-1d`. */
  @Column({ type: 'varchar', length: 40 })
  point: string;

  /** The due date this reminder is about; a moved deadline makes it stale. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt: Date;

  @Column({ type: 'varchar', length: 20 })
  status: ReminderStatus;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
