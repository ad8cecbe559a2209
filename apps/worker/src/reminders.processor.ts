import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig, INSTANCE_ID, JOBS, QUEUES, RESCHEDULE_REMINDERS_HORIZON_MS, type ReminderJob } from '#app/core';
import { type DeliveryOutcome, ReminderDeliveryService, RemindersService, ScheduleWarningService } from '#app/reminders';

/**
 * Delivers reminders and, on its schedules, puts back any reminder job Redis has lost and reminds the
 * admins to load next year's holiday schedule while it is missing. Concurrency is
 * REMINDER_CONCURRENCY, set once the worker exists (the decorator's options are static). The worker is
 * named after this process (INSTANCE_ID), which BullMQ stores on each job it takes (`processedBy`).
 */
@Processor(QUEUES.reminders, { name: INSTANCE_ID })
export class RemindersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly reminders: RemindersService,
    private readonly scheduleWarning: ScheduleWarningService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.REMINDER_CONCURRENCY;
  }

  async process(job: Job<ReminderJob>): Promise<DeliveryOutcome | number> {
    switch (job.name) {
      case JOBS.reminder: {
        const outcome = await this.delivery.deliver(job.data.reminderId);
        this.logger.log({ reminderId: job.data.reminderId, outcome }, 'reminder processed');
        return outcome;
      }
      case JOBS.rescheduleReminders:
        return this.reminders.scheduleMissing({ withinMs: RESCHEDULE_REMINDERS_HORIZON_MS });
      case JOBS.calendarCheck:
        return this.scheduleWarning.warnAdmins();
      default:
        throw new Error(`unknown job ${job.name} on queue ${QUEUES.reminders}`);
    }
  }
}
