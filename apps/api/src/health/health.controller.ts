import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '#app/auth';
import { Clock, INSTANCE_ID, QUEUES } from '#app/core';
import { pendingDeliveriesSql } from '#app/notifications';
import { CalendarService } from '#app/org';
import { dueRemindersSql, oldestDueReminderSecondsSql } from '#app/reminders';

type Check = 'up' | 'down';

/** Reminders whose time has come more than this long ago and are still not sent: the queue is behind. */
const LAG_ALARM_SECONDS = 300;

async function probe(check: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return 'up';
  } catch {
    return 'down';
  }
}

/** Next year's holiday schedule: `warn` from CALENDAR_NOTICE_FROM until it is loaded (the service is still up). */
interface CalendarCheck {
  year: number;
  loaded: boolean;
  status: 'ok' | 'warn';
  provisionalYears: number[];
}

interface QueueLag {
  dueReminders: number;
  lagSeconds: number;
  pendingDeliveries: number;
  behind: boolean;
}

/** For operators and load balancers: 200 when PostgreSQL and Redis answer, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly reminders: Queue,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  @ApiOperation({ summary: '健康检查 · Health', description: 'PostgreSQL、Redis、队列延迟和日历是否正常；正常 200，否则 503；无须登录。' })
  @Public()
  @Get()
  async check(
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ status: 'ok' | 'error'; instance: string; checks: Record<string, Check>; queue: QueueLag | null; calendar: CalendarCheck | null }> {
    const [database, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.reminders.getJobCounts('waiting')),
    ]);
    const queue = database === 'up' ? await this.lag().catch(() => null) : null;
    const calendar = database === 'up' ? await this.calendar().catch(() => null) : null;
    const ok = database === 'up' && redis === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', instance: INSTANCE_ID, checks: { database, redis }, queue, calendar };
  }

  private async calendar(): Promise<CalendarCheck> {
    const { year, loaded, warning, provisionalYears } = await this.calendars.scheduleStatus();
    return { year, loaded, status: warning ? 'warn' : 'ok', provisionalYears };
  }

  /**
   * Queue lag, measured from the source of truth: planned reminders already due (and how late the oldest
   * is), and e-mail/SMS deliveries waiting to be sent. `behind` is true past five minutes.
   */
  private async lag(): Promise<QueueLag> {
    const [row]: Array<{ due: number; oldest: number | null; deliveries: number }> = await this.dataSource.query(
      `SELECT ${dueRemindersSql('$1')} AS due, ${oldestDueReminderSecondsSql('$1')} AS oldest, ${pendingDeliveriesSql('$1')} AS deliveries`,
      [this.clock.now()],
    );
    const lagSeconds = row.oldest ?? 0;
    return { dueReminders: row.due, lagSeconds, pendingDeliveries: row.deliveries, behind: lagSeconds > LAG_ALARM_SECONDS };
  }
}
