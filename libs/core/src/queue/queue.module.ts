import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DELIVERY_JOB_OPTIONS, DELIVERY_QUEUE } from './delivery-queue.js';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues.js';

/** Registers the BullMQ connection (with the configured key prefix) and every queue. */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // BullMQ owns (and closes) connections it opens from a URL.
            connection: { url: config.REDIS_URL },
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
