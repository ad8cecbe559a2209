import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, JOBS, QUEUES, type ReminderJob, reminderJobId } from '#app/core';
import { fireAt, REPLY_DUE_POINTS } from './reminder-plan.js';
import { Reminder, ReminderStatus } from './reminder.entity.js';

/** How long a request waits for Redis before leaving the reminders to the rescheduler. */
const SCHEDULE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

export interface PlannedAssignment {
  id: string;
  committeeId: string;
  replyDueDate: string;
}

/**
 * Plans reminders as rows (in the caller's transaction) and schedules them as delayed BullMQ jobs
 * after commit. A lost job is harmless: {@link scheduleMissing} puts every planned row back.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue<ReminderJob>,
    private readonly clock: Clock,
  ) {}

  /** Writes the reply-due reminder rows of an assignment; returns them for {@link schedule}. */
  async planReplyDue(manager: EntityManager, assignment: PlannedAssignment): Promise<Reminder[]> {
    const rows = REPLY_DUE_POINTS.map(({ point, daysBefore }) => ({
      committeeId: assignment.committeeId,
      assignmentId: assignment.id,
      point,
      dueDate: assignment.replyDueDate,
      fireAt: fireAt(assignment.replyDueDate, daysBefore),
      status: ReminderStatus.Planned,
    }));
    await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().execute();
    return manager.getRepository(Reminder).findBy({
      assignmentId: assignment.id,
      dueDate: assignment.replyDueDate,
      status: ReminderStatus.Planned,
    });
  }

  /** Cancels the still-planned reminders of assignments (answered, closed or re-planned). */
  async cancelFor(manager: EntityManager, assignmentIds: string[]): Promise<void> {
    if (assignmentIds.length === 0) return;
    await manager.update(
      Reminder,
      { assignmentId: In(assignmentIds), status: ReminderStatus.Planned },
      { status: ReminderStatus.Cancelled },
    );
  }

  /**
   * Adds a delayed job per reminder. Called after the planning transaction commits; if Redis is
   * unavailable the rows stay planned and {@link scheduleMissing} catches up later.
   */
  async schedule(reminders: Reminder[]): Promise<void> {
    if (reminders.length === 0) return;
    const now = this.clock.now().getTime();
    try {
      await withTimeout(this.queue.addBulk(
        reminders.map((reminder) => {
          const data: ReminderJob = { reminderId: reminder.id };
          return {
            name: JOBS.reminder,
            data,
            opts: { jobId: reminderJobId(data), delay: Math.max(0, reminder.fireAt.getTime() - now) },
          };
        }),
      ), SCHEDULE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error, count: reminders.length }, 'could not schedule reminders now; they stay planned and are rescheduled later');
    }
  }

  /** Re-adds a job for every planned reminder (the job id makes this a no-op for those still queued). */
  async scheduleMissing(batchSize = 1_000): Promise<number> {
    let scheduled = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(Reminder)
        .createQueryBuilder('r')
        .where('r.status = :status AND r.id > :after', { status: ReminderStatus.Planned, after })
        .orderBy('r.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (batch.length === 0) return scheduled;
      await this.schedule(batch);
      scheduled += batch.length;
      after = batch[batch.length - 1].id;
    }
  }
}
