import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DELIVERY_JOBS, DELIVERY_QUEUE, type DeliveryJob, INSTANCE_ID } from '#app/core';
import { NotificationDeliveryService, type NotificationDeliveryOutcome } from '#app/notifications';

/**
 * Sends e-mail and SMS deliveries and, on its schedule, queues those that are due. Concurrency is kept
 * below the database pool: a delivery holds its row lock (and a connection) while it sends.
 */
@Processor(DELIVERY_QUEUE, { concurrency: 4, name: INSTANCE_ID })
export class DeliveriesProcessor extends WorkerHost {
  private readonly logger = new Logger(DeliveriesProcessor.name);

  constructor(private readonly deliveries: NotificationDeliveryService) {
    super();
  }

  async process(job: Job<DeliveryJob>): Promise<NotificationDeliveryOutcome | number> {
    switch (job.name) {
      case DELIVERY_JOBS.deliver: {
        const outcome = await this.deliveries.deliver(job.data.deliveryId);
        this.logger.log({ deliveryId: job.data.deliveryId, outcome }, 'delivery processed');
        return outcome;
      }
      case DELIVERY_JOBS.dispatchDeliveries:
        return this.deliveries.dispatchDue();
      default:
        throw new Error(`unknown job ${job.name} on queue ${DELIVERY_QUEUE}`);
    }
  }
}
