import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '#app/org';
import { References } from '#app/core';

/** 站内消息 — one message in a user's in-app inbox. `dedupe_key` makes every notice arrive once. */
@Entity({ name: 'notifications' })
@Index(['recipientUserId', 'committeeId', 'createdAt'])
@Index('uq_notification_dedupe', ['dedupeKey', 'recipientUserId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId: string;

  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** What the notice is about, for linking: `{ entity: 'reply', id }`. */
  @Column({ type: 'jsonb' })
  subject: { entity: string; id: string };

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @References(() => User, 'recipient_user_id', 'CASCADE')
  private readonly recipientUserIdFk?: never;
}
