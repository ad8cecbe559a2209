import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig, DomainError } from '#app/core';
import { joinUserSql } from '#app/org';
import { enabledChannels, plannedDeliveries } from './delivery-plan.js';
import { DeliveryStatus, NotificationDelivery } from './notification-delivery.entity.js';
import { Notification } from './notification.entity.js';

export interface NotifyInput {
  committeeId: string;
  recipientUserIds: string[];
  kind: string;
  title: string;
  subject: { entity: string; id: string };
  /** Same key and recipient = same notice: a second call (or a retried job) adds nothing. */
  dedupeKey: string;
  at: Date;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  subject: { entity: string; id: string };
  createdAt: string;
  readAt: string | null;
}

/**
 * The in-app inbox. Notices are written in the transaction of the change they announce, together with
 * their e-mail and SMS deliveries (the outbox the worker sends from).
 */
@Injectable()
export class NotificationsService {
  private readonly channels: ReturnType<typeof enabledChannels>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.channels = enabledChannels(config);
  }

  /**
   * Returns how many notices were new (0 when every one of them existed already). Each new notice gets
   * a pending e-mail delivery if its recipient has an address, and an SMS delivery if they have a phone
   * and it is a reminder or 催办 — for the channels this deployment has configured.
   */
  async notify(manager: EntityManager, input: NotifyInput): Promise<number> {
    return this.notifyMany(manager, [input]);
  }

  /** {@link notify} for many notices at once (a 交办会 tells every unit), one INSERT per chunk. */
  async notifyMany(manager: EntityManager, inputs: readonly NotifyInput[]): Promise<number> {
    const rows = inputs.flatMap((input) =>
      [...new Set(input.recipientUserIds)].map((recipientUserId) => ({
        committeeId: input.committeeId,
        recipientUserId,
        kind: input.kind,
        title: input.title,
        subject: input.subject,
        dedupeKey: input.dedupeKey,
        createdAt: input.at,
      })),
    );
    let count = 0;
    for (let start = 0; start < rows.length; start += 1_000) {
      const result = await manager.createQueryBuilder().insert().into(Notification).values(rows.slice(start, start + 1_000)).orIgnore().returning(['id']).execute();
      // RETURNING yields only the rows actually inserted: the notices that are new.
      const created = (result.raw as Array<{ id: string }>).map((row) => row.id);
      if (created.length > 0) await this.planDeliveries(manager, created);
      count += created.length;
    }
    return count;
  }

  private async planDeliveries(manager: EntityManager, notificationIds: string[]): Promise<void> {
    if (this.channels.size === 0) return;
    const recipients: Array<{ id: string; kind: string; created_at: Date; email: string | null; phone: string | null }> = await manager.query(
      `SELECT n.id, n.kind, n.created_at, u.email, u.phone FROM notifications n ${joinUserSql('n.recipient_user_id', 'u')}
       WHERE n.id = ANY($1) AND u.active`,
      [notificationIds],
    );
    const deliveries = recipients.flatMap((recipient) =>
      plannedDeliveries(recipient, recipient.kind, this.channels).map(({ channel, address }) => ({
        notificationId: recipient.id,
        channel,
        address,
        status: DeliveryStatus.Pending,
        attempts: 0,
        nextAttemptAt: recipient.created_at,
        createdAt: recipient.created_at,
      })),
    );
    if (deliveries.length === 0) return;
    await manager.createQueryBuilder().insert().into(NotificationDelivery).values(deliveries).orIgnore().execute();
  }

  async inbox(
    userId: string,
    committeeId: string,
    options: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<{ items: NotificationView[]; total: number; unread: number }> {
    const repository = this.dataSource.getRepository(Notification);
    const where = { recipientUserId: userId, committeeId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) };
    const [rows, total] = await repository.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: options.limit,
      skip: options.offset,
    });
    const unread = await repository.countBy({ recipientUserId: userId, committeeId, readAt: IsNull() });
    return { items: rows.map(toView), total, unread };
  }

  async markRead(userId: string, committeeId: string, id: string, at: Date): Promise<NotificationView> {
    const repository = this.dataSource.getRepository(Notification);
    const notice = await repository.findOneBy({ id, recipientUserId: userId, committeeId });
    if (!notice) throw DomainError.notFound('Notification', id);
    if (!notice.readAt) {
      notice.readAt = at;
      await repository.update({ id }, { readAt: at });
    }
    return toView(notice);
  }

  /** Marks every unread notice of the user in the committee read; answers how many were. */
  async markAllRead(userId: string, committeeId: string, at: Date): Promise<{ marked: number }> {
    const result = await this.dataSource.getRepository(Notification).update({ recipientUserId: userId, committeeId, readAt: IsNull() }, { readAt: at });
    return { marked: result.affected ?? 0 };
  }
}

const toView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  subject: n.subject,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
