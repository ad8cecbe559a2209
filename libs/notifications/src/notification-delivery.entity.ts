import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Notification } from './notification.entity.js';

export type DeliveryChannel = 'email' | 'sms';

export enum DeliveryStatus {
  Pending = 'pending',
  Sent = 'sent',
  /** Given up after the last attempt; `last_error` says why. */
  Failed = 'failed',
}

/**
 * 消息推送 — one notice to send by e-mail or SMS (the outbox). Written in the transaction of the notice,
 * sent by the worker; the unique key makes each notice go out at most once per channel.
 */
@Entity({ name: 'notification_deliveries' })
@Index('uq_notification_delivery', ['notificationId', 'channel'], { unique: true })
@Index(['status', 'nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @Column({ type: 'varchar', length: 10 })
  channel: DeliveryChannel;

  /** E-mail address or phone number, as the user's profile had it when the notice was written. */
  @Column({ type: 'varchar', length: 254 })
  address: string;

  @Column({ type: 'varchar', length: 10 })
  status: DeliveryStatus;

  /** Failed sends so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  /** A pending delivery is sent once this time has come (now at first, later after each failure). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Notification, 'notification_id', 'CASCADE')
  private readonly notificationIdFk?: never;
}
