import { Redis } from 'ioredis';

/** A Redis connection suitable for BullMQ (which requires `maxRetriesPerRequest: null` for workers). */
export function createRedis(url: string, options: { forWorker?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorker ? null : 2,
    enableOfflineQueue: options.forWorker ?? false,
    lazyConnect: false,
  });
}
