import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { CalendarService, holdersOf, Role } from '#app/org';

/** The notice kind of {@link ScheduleWarningService}. */
export const SCHEDULE_MISSING_NOTICE = 'calendar.schedule-missing';

/**
 * The yearly reminder to load next year's holiday schedule (ADR 16): from CALENDAR_NOTICE_FROM until the
 * State Council's schedule is loaded, every committee's admins get one inbox notice about it (with its
 * e-mail when that channel is configured), written by the worker's `calendar-check` job whether or not
 * anybody signs in. One notice per admin and year: the job repeats, the notice does not.
 */
@Injectable()
export class ScheduleWarningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Tells every committee's admins while next year's schedule is missing; returns how many notices are new. */
  async warnAdmins(): Promise<number> {
    const status = await this.calendar.scheduleStatus();
    if (!status.warning || !status.message) return 0;
    const title = status.message;
    return this.dataSource.transaction(async (manager) => {
      const admins = await holdersOf(manager, Role.Admin);
      const byCommittee = new Map<string, string[]>();
      for (const { committeeId, userId } of admins) byCommittee.set(committeeId, [...(byCommittee.get(committeeId) ?? []), userId]);
      const at = this.clock.now();
      return this.notifications.notifyMany(
        manager,
        [...byCommittee].map(([committeeId, recipientUserIds]) => ({
          committeeId,
          recipientUserIds,
          kind: SCHEDULE_MISSING_NOTICE,
          title,
          // the year stands for the subject: there is no row of it to link to
          subject: { entity: 'calendar_year', id: `00000000-0000-0000-0000-${String(status.year).padStart(12, '0')}` },
          dedupeKey: `${SCHEDULE_MISSING_NOTICE}-${status.year}`,
          at,
        })),
      );
    });
  }
}
