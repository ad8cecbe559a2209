import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.js';
import { DEFAULT_JOB_OPTIONS, QUEUE_JOB_OPTIONS, QUEUES } from './queues.js';

/** How often a queue's connection error is logged while Redis stays away. */
const ERROR_LOG_EVERY_MS = 30_000;

/**
 * Logs each queue's connection errors as one warning per 30 s. Without a listener BullMQ prints every
 * reconnection attempt's error and stack to the console, outside the JSON logs, for as long as Redis is down.
 */
@Injectable()
class QueueErrorLog implements OnModuleInit {
  private readonly logger = new Logger('Queue');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      let loggedAt = 0;
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }).on('error', (error: Error) => {
        if (Date.now() - loggedAt < ERROR_LOG_EVERY_MS) return;
        loggedAt = Date.now();
        this.logger.warn({ queue: name, err: error.message }, 'Redis unreachable for this queue; retrying (reminders stay planned in PostgreSQL)');
      });
    }
  }
}

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
        BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name, defaultJobOptions: QUEUE_JOB_OPTIONS[name] }))),
      ],
      providers: [QueueErrorLog],
      exports: [BullModule],
    };
  }
}
