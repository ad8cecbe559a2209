import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type DeliveryJob, INSTANCE_ID, JOBS, QUEUES } from '#app/core';
import { NotificationDeliveryService, type NotificationDeliveryOutcome } from '#app/notifications';

/**
 * Sends e-mail and SMS deliveries and, on its schedule, queues those that are due. Concurrency is kept
 * below the database pool: a delivery holds its row lock (and a connection) while it sends.
 */
@Processor(QUEUES.deliveries, { concurrency: 4, name: INSTANCE_ID })
export class DeliveriesProcessor extends WorkerHost {
  private readonly logger = new Logger(DeliveriesProcessor.name);

  constructor(private readonly deliveries: NotificationDeliveryService) {
    super();
  }

  async process(job: Job<DeliveryJob>): Promise<NotificationDeliveryOutcome | number> {
    switch (job.name) {
      case JOBS.deliver: {
        const outcome = await this.deliveries.deliver(job.data.deliveryId);
        this.logger.log({ deliveryId: job.data.deliveryId, outcome }, 'delivery processed');
        return outcome;
      }
      case JOBS.dispatchDeliveries:
        return this.deliveries.dispatchDue();
      default:
        throw new Error(`unknown job ${job.name} on queue ${QUEUES.deliveries}`);
    }
  }
}
