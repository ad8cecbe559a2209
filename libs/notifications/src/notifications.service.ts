import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError } from '#app/core';
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

/** The in-app inbox. Notices are written in the transaction of the change they announce. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns how many notices were new (0 when every one of them existed already). */
  async notify(manager: EntityManager, input: NotifyInput): Promise<number> {
    const recipients = [...new Set(input.recipientUserIds)];
    if (recipients.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        recipients.map((recipientUserId) => ({
          committeeId: input.committeeId,
          recipientUserId,
          kind: input.kind,
          title: input.title,
          subject: input.subject,
          dedupeKey: input.dedupeKey,
          createdAt: input.at,
        })),
      )
      .orIgnore()
      .execute();
    return result.identifiers.filter((identifier) => identifier !== undefined && identifier.id).length;
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
}

const toView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  subject: n.subject,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
