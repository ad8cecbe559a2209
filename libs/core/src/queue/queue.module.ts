import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DELIVERY_JOB_OPTIONS, DELIVERY_QUEUE } from './delivery-queue.js';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues.js';

/** Registers the BullMQ connection (with the configured key prefix) and every queue. */
@Module({})
export class QueueModule {
  /**
   * `failFast` (the API): while Redis is unreachable, queue commands fail at once instead of waiting in
   * ioredis's offline queue. A request then never piles commands up in memory during an outage, and none
   * is replayed later with what was meant then; the rows stay `planned` and the workers rebuild the jobs
   * from PostgreSQL when Redis is back (ADR 4). Workers keep the offline queue: they wait for Redis.
   */
  static forRoot(options: { failFast?: boolean } = {}): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // BullMQ owns (and closes) connections it opens from a URL.
            connection: { url: config.REDIS_URL, ...(options.failFast ? { enableOfflineQueue: false } : {}) },
            prefix: config.REDIS_PREFIX,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(
          ...Object.values(QUEUES).map((name) => ({ name })),
          { name: DELIVERY_QUEUE, defaultJobOptions: DELIVERY_JOB_OPTIONS },
        ),
      ],
      exports: [BullModule],
    };
  }
}
