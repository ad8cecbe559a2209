import { InjectQueue } from '@nestjs/bullmq';
import { Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AuditModule } from '#app/audit';
import {
  CoreModule,
  DatabaseModule,
  JOBS,
  LoggingModule,
  QueueModule,
  QUEUES,
  RESCHEDULE_REMINDERS_EVERY_MS,
  RESCHEDULE_REMINDERS_SCHEDULER,
} from '#app/core';
import { NotificationsModule } from '#app/notifications';
import { RemindersModule, RemindersService } from '#app/reminders';
import { DATABASE_PARTS } from '#migrations';
import { RemindersProcessor } from './reminders.processor.js';

/** The worker: BullMQ processors and schedulers, the same services as the API, no HTTP. */
@Module({
  imports: [
    CoreModule,
    LoggingModule,
    DatabaseModule.forRoot(DATABASE_PARTS),
    QueueModule.forRoot(),
    AuditModule,
    NotificationsModule,
    RemindersModule,
  ],
  providers: [RemindersProcessor],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    private readonly reminders: RemindersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RESCHEDULE_REMINDERS_SCHEDULER,
      { every: RESCHEDULE_REMINDERS_EVERY_MS },
      { name: JOBS.rescheduleReminders, data: {} as never },
    );
    await this.reminders.scheduleMissing();
  }
}
