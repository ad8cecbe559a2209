/**
 * A generator thread: produces its share of the committees and posts each full batch to the main
 * thread, which stores it; it goes on generating while the batch before is being stored, never further.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Plan, produce, type Shard } from './producer.js';
import type { Batch } from './tables.js';

export type WorkerMessage =
  | { type: 'batch'; id: number; batch: Batch }
  | { type: 'progress'; proposals: number }
  | { type: 'done' };

export type MainMessage = { type: 'stored'; id: number };

const port = parentPort;
if (!port) throw new Error('bench/generate/worker.js runs as a worker thread of generateDataset');
const { plan, shard } = workerData as { plan: Plan; shard: Shard };
const waiting = new Map<number, () => void>();
port.on('message', (message: MainMessage) => waiting.get(message.id)?.());

let previous: Promise<void> = Promise.resolve();
let next = 0;
const post = (message: WorkerMessage) => port.postMessage(message);

await produce(
  plan,
  shard,
  {
    async batch(batch) {
      await previous;
      const id = next++;
      previous = new Promise((resolve) => waiting.set(id, resolve));
      post({ type: 'batch', id, batch });
    },
    progress: (proposals) => post({ type: 'progress', proposals }),
  },
  async () => undefined,
);
await previous;
post({ type: 'done' });
