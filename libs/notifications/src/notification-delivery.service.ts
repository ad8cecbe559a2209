import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  Clock,
  DELIVERY_MAX_ATTEMPTS,
  type DeliveryJob,
  deliveryJobId,
  JOBS,
  nextDeliveryAttemptAt,
  QUEUES,
} from '#app/core';
import { enabledChannels } from './delivery-plan.js';
import { EmailChannel } from './email.channel.js';
import type { NotificationChannel } from './notification-channel.js';
import { type DeliveryChannel, DeliveryStatus, NotificationDelivery } from './notification-delivery.entity.js';
import { Notification } from './notification.entity.js';
import { SmsChannel } from './sms.channel.js';

/** `retry`: the send failed and is planned again; `failed`: it failed for the last time. */
export type NotificationDeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

const MAX_ERROR_LENGTH = 1_000;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * Sends the e-mail and SMS deliveries written by {@link NotificationsService.notify}. Each delivery is
 * its own job, so a failing channel holds up nothing else; sending twice is a no-op.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);
  private readonly channels = new Map<DeliveryChannel, NotificationChannel>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue<DeliveryJob>,
    private readonly clock: Clock,
    config: AppConfig,
    email: EmailChannel,
    sms: SmsChannel,
  ) {
    const enabled = enabledChannels(config);
    if (enabled.has('email')) this.channels.set('email', email);
    if (enabled.has('sms')) this.channels.set('sms', sms);
  }

  /**
   * Sends one delivery if it is still pending: the row stays locked from the check to the update, so
   * two workers (or a retried job) never both send it. A failure is recorded with the time of the next
   * attempt; the last allowed failure marks it `failed`. If the commit itself fails after a send, the
   * message may go out again later: at least once, never silently dropped.
   */
  deliver(deliveryId: string): Promise<NotificationDeliveryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager
        .getRepository(NotificationDelivery)
        .createQueryBuilder('d')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('d.id = :deliveryId', { deliveryId })
        .getOne();
      // Missing, locked by another worker that is sending it right now, or done already.
      if (!delivery || delivery.status !== DeliveryStatus.Pending) return 'skipped';
      // Not configured in this process: left pending for a process that can send it.
      const channel = this.channels.get(delivery.channel);
      if (!channel) return 'skipped';
      const notification = await manager.getRepository(Notification).findOneByOrFail({ id: delivery.notificationId });
      try {
        await channel.send(delivery, notification);
      } catch (error) {
        const attempts = delivery.attempts + 1;
        const now = this.clock.now();
        const outcome = attempts >= DELIVERY_MAX_ATTEMPTS ? 'failed' : 'retry';
        const lastError = describe(error).slice(0, MAX_ERROR_LENGTH);
        await manager.update(NotificationDelivery, { id: delivery.id }, {
          status: outcome === 'failed' ? DeliveryStatus.Failed : DeliveryStatus.Pending,
          attempts,
          lastError,
          nextAttemptAt: nextDeliveryAttemptAt(now, attempts),
        });
        this.logger.warn({ deliveryId, channel: delivery.channel, attempts, outcome, error: lastError }, 'delivery failed');
        return outcome;
      }
      await manager.update(NotificationDelivery, { id: delivery.id }, { status: DeliveryStatus.Sent, sentAt: this.clock.now() });
      return 'sent';
    });
  }

  /**
   * Queues a `deliver` job for every pending delivery that is due (first send or retry) on a channel
   * this process can send through. Returns how many jobs were added.
   */
  async dispatchDue(batchSize = 500): Promise<number> {
    if (this.channels.size === 0) return 0;
    const due = await this.dataSource
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .select(['d.id'])
      .where('d.status = :pending', { pending: DeliveryStatus.Pending })
      .andWhere('d.nextAttemptAt <= :now', { now: this.clock.now() })
      .andWhere('d.channel IN (:...channels)', { channels: [...this.channels.keys()] })
      .orderBy('d.nextAttemptAt', 'ASC')
      .limit(batchSize)
      .getMany();
    let added = 0;
    for (const { id } of due) {
      if (await this.enqueue({ deliveryId: id })) added += 1;
    }
    return added;
  }

  /** Adds the job unless it is waiting or running already (the job id is deterministic). */
  private async enqueue(data: DeliveryJob): Promise<boolean> {
    const jobId = deliveryJobId(data);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return false;
      // A finished job keeps its id in Redis (bounded history) and would turn the retry into a no-op.
      await existing.remove();
    }
    await this.queue.add(JOBS.deliver, data, { jobId });
    return true;
  }
}
