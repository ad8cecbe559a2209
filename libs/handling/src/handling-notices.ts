import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type NotifyInput, NotificationsService } from '#app/notifications';
import { OrgService, Role } from '#app/org';

/** A handling notice before its recipients are known. */
export type HandlingNotice = Omit<NotifyInput, 'recipientUserIds'>;

/**
 * Who is told about handling: a unit's drafters and leaders (assignments, urges, decisions, moved
 * deadlines) or the committee's staff (requests waiting for them). Each method writes the notices in
 * the caller's transaction.
 */
@Injectable()
export class HandlingNotices {
  constructor(
    private readonly org: OrgService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Tells the drafters and leaders of the units. */
  async toUnits(manager: EntityManager, unitIds: string[], notice: HandlingNotice): Promise<void> {
    const recipientUserIds = await this.org.userIdsWithRole(manager, notice.committeeId, [Role.Drafter, Role.Leader], unitIds);
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }

  /** Many notices of one committee, each to the drafters and leaders of its unit; recipients read in one query. */
  async toEachUnit(manager: EntityManager, committeeId: string, notices: ReadonlyArray<HandlingNotice & { unitId: string }>): Promise<void> {
    const recipients = await this.org.userIdsWithRoleByUnit(manager, committeeId, [Role.Drafter, Role.Leader], [...new Set(notices.map((n) => n.unitId))]);
    await this.notifications.notifyMany(
      manager,
      notices.map(({ unitId, ...notice }) => ({ ...notice, recipientUserIds: recipients.get(unitId) ?? [] })),
    );
  }

  /** Tells the committee's staff (提案委). */
  async toStaff(manager: EntityManager, notice: HandlingNotice): Promise<void> {
    const recipientUserIds = await this.org.userIdsWithRole(manager, notice.committeeId, Role.Staff);
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }

  /** Tells the given users. */
  async toUsers(manager: EntityManager, recipientUserIds: string[], notice: HandlingNotice): Promise<void> {
    await this.notifications.notify(manager, { ...notice, recipientUserIds });
  }
}
