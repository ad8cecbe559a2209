import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DomainEvents, INSTANCE_ID, JOBS, QUEUES } from '#app/core';

/**
 * Drains the domain-event outbox on its schedule: runs the reactions of committed events that no process
 * completed (the API crashed between commit and reaction, or a reaction failed and is due again). One at
 * a time per worker; parallel workers take different events (`FOR UPDATE SKIP LOCKED`).
 */
@Processor(QUEUES.events, { name: INSTANCE_ID })
export class EventsProcessor extends WorkerHost {
  constructor(private readonly events: DomainEvents) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name !== JOBS.drainEvents) throw new Error(`unknown job ${job.name} on queue ${QUEUES.events}`);
    return this.events.drain();
  }
}
