import { InjectQueue } from '@nestjs/bullmq';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AuditModule } from '#app/audit';
import {
  CALENDAR_CHECK_EVERY_MS,
  CALENDAR_CHECK_SCHEDULER,
  CoreModule,
  DatabaseModule,
  DISPATCH_DELIVERIES_EVERY_MS,
  DISPATCH_DELIVERIES_SCHEDULER,
  DomainEvents,
  DRAIN_EVENTS_EVERY_MS,
  DRAIN_EVENTS_SCHEDULER,
  FREQUENT_SCHEDULED_JOB_OPTIONS,
  JOBS,
  LoggingModule,
  QueueModule,
  QUEUES,
  RESCHEDULE_REMINDERS_EVERY_MS,
  RESCHEDULE_REMINDERS_HORIZON_MS,
  RESCHEDULE_REMINDERS_SCHEDULER,
} from '#app/core';
import { NotificationDeliveryService, NotificationsModule } from '#app/notifications';
import { ProposalsReactionsModule } from '#app/proposals';
import { RemindersModule, RemindersService, ScheduleWarningService } from '#app/reminders';
import { RepliesReactionsModule } from '#app/replies';
import { DATABASE_PARTS } from '#migrations';
import { DeliveriesProcessor } from './deliveries.processor.js';
import { EventsProcessor } from './events.processor.js';
import { RemindersProcessor } from './reminders.processor.js';

/**
 * The worker: BullMQ processors and schedulers, the same services as the API, no HTTP. It registers the
 * reaction of every domain event a write publishes (the reminders', proposals' and replies' modules), so
 * that its drain can complete any of them.
 */
@Module({
  imports: [
    CoreModule,
    LoggingModule,
    DatabaseModule.forRoot(DATABASE_PARTS),
    QueueModule.forRoot(),
    AuditModule,
    NotificationsModule,
    RemindersModule,
    ProposalsReactionsModule,
    RepliesReactionsModule,
  ],
  providers: [RemindersProcessor, DeliveriesProcessor, EventsProcessor],
})
export class WorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerModule.name);
  private recovering: Promise<void> | null = null;

  constructor(
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    private readonly reminders: RemindersService,
    @InjectQueue(QUEUES.deliveries) private readonly deliveryQueue: Queue,
    private readonly deliveries: NotificationDeliveryService,
    private readonly scheduleWarning: ScheduleWarningService,
    @InjectQueue(QUEUES.events) private readonly eventQueue: Queue,
    private readonly events: DomainEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.restoreQueues();
    // Redis back after an outage may have come back empty (no persistence, a failover): the schedulers and
    // the jobs are rebuilt from PostgreSQL at once rather than at this worker's next start. Idempotent,
    // so running it after a mere network blip costs one scan of the next 24 hours.
    (await this.queue.getBackend().client).on('ready', () => {
      this.recovering ??= this.restoreQueues()
        .then(() => this.logger.log('Redis is back: schedulers and due jobs restored from PostgreSQL'))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not restore the queues after Redis came back; the next reconnect or start will'))
        .finally(() => {
          this.recovering = null;
        });
    });
  }

  /** The job schedulers (one each per deployment), a job for every reminder and delivery due soon, the outbox drained, the calendar check. */
  private async restoreQueues(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RESCHEDULE_REMINDERS_SCHEDULER,
      { every: RESCHEDULE_REMINDERS_EVERY_MS },
      { name: JOBS.rescheduleReminders, data: {} as never },
    );
    await this.reminders.scheduleMissing({ withinMs: RESCHEDULE_REMINDERS_HORIZON_MS });
    await this.deliveryQueue.upsertJobScheduler(
      DISPATCH_DELIVERIES_SCHEDULER,
      { every: DISPATCH_DELIVERIES_EVERY_MS },
      { name: JOBS.dispatchDeliveries, data: {} as never, opts: FREQUENT_SCHEDULED_JOB_OPTIONS },
    );
    await this.deliveries.dispatchDue();
    await this.eventQueue.upsertJobScheduler(DRAIN_EVENTS_SCHEDULER, { every: DRAIN_EVENTS_EVERY_MS }, { name: JOBS.drainEvents, data: {} as never, opts: FREQUENT_SCHEDULED_JOB_OPTIONS });
    await this.events.drain();
    await this.queue.upsertJobScheduler(CALENDAR_CHECK_SCHEDULER, { every: CALENDAR_CHECK_EVERY_MS }, { name: JOBS.calendarCheck, data: {} as never });
    await this.scheduleWarning.warnAdmins();
  }
}
