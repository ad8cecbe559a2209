import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#app/core';

/**
 * The one Redis connection of the API's edge protections (LoginThrottle, RequestThrottle): their counts
 * live in Redis so that every API instance of a deployment shares them. Keys under `<REDIS_PREFIX>:`.
 */
@Injectable()
export class EdgeRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.client.status !== 'end' && this.client.status !== 'wait') await this.client.quit();
    else this.client.disconnect();
  }
}
