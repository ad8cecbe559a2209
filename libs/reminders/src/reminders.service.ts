import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, type DeadlineKind, JOBS, QUEUES, type ReminderJob, reminderJobId, type ReminderPlanConfig } from '#app/core';
import { fireAt, type PlannedPoint, pointsFor } from './reminder-plan.js';
import { Reminder, ReminderStatus } from './reminder.entity.js';

export interface PlannedDeadline {
  id: string;
  committeeId: string;
  kind: DeadlineKind;
  dueDate: string;
}

/** How long a request waits for Redis before leaving the reminders to the rescheduler. */
const SCHEDULE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref()),
  ]);
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

  /** Writes the reminder rows of a deadline from the session's plan; returns them for {@link schedule}. */
  plan(manager: EntityManager, deadline: PlannedDeadline, config: ReminderPlanConfig): Promise<Reminder[]> {
    return this.insertPoints(manager, deadline, pointsFor(deadline.kind, deadline.dueDate, config, this.clock.now()));
  }

  /**
   * Plans many deadlines at once (bulk assignment, rebuilds): one INSERT per chunk instead of one per
   * deadline. Returns the planned rows for {@link schedule}.
   */
  async planMany(manager: EntityManager, deadlines: PlannedDeadline[], config: ReminderPlanConfig, chunk = 5_000): Promise<Reminder[]> {
    const now = this.clock.now();
    const rows = deadlines.flatMap((deadline) =>
      pointsFor(deadline.kind, deadline.dueDate, config, now).map(({ point, daysBefore }) => [
        deadline.committeeId,
        deadline.id,
        point,
        deadline.dueDate,
        fireAt(deadline.dueDate, daysBefore).toISOString(),
      ]),
    );
    const planned: Reminder[] = [];
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const column = (index: number) => part.map((row) => row[index]);
      const inserted: Array<{ id: string; committee_id: string; deadline_id: string; point: string; due_date: string; fire_at: Date }> =
        await manager.query(
          `INSERT INTO reminders (committee_id, deadline_id, point, due_date, fire_at, status)
           SELECT c, d, p, due::date, f::timestamptz, 'planned'
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(c, d, p, due, f)
           ON CONFLICT DO NOTHING
           RETURNING id, committee_id, deadline_id, point, to_char(due_date, 'YYYY-MM-DD') AS due_date, fire_at`,
          [column(0), column(1), column(2), column(3), column(4)],
        );
      planned.push(
        ...inserted.map((row) =>
          Object.assign(new Reminder(), {
            id: row.id,
            committeeId: row.committee_id,
            deadlineId: row.deadline_id,
            point: row.point,
            dueDate: row.due_date,
            fireAt: new Date(row.fire_at),
            status: ReminderStatus.Planned,
            sentAt: null,
          }),
        ),
      );
    }
    return planned;
  }

  async insertPoints(manager: EntityManager, deadline: PlannedDeadline, points: PlannedPoint[]): Promise<Reminder[]> {
    if (points.length === 0) return [];
    const rows = points.map(({ point, daysBefore }) => ({
      committeeId: deadline.committeeId,
      deadlineId: deadline.id,
      point,
      dueDate: deadline.dueDate,
      fireAt: fireAt(deadline.dueDate, daysBefore),
      status: ReminderStatus.Planned,
    }));
    await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().execute();
    return manager.getRepository(Reminder).findBy({
      deadlineId: deadline.id,
      dueDate: deadline.dueDate,
      point: In(points.map((p) => p.point)),
      status: ReminderStatus.Planned,
    });
  }

  /** Cancels the still-planned reminders of deadlines (met, ended, paused or moved). */
  async cancelFor(manager: EntityManager, deadlineIds: string[]): Promise<void> {
    if (deadlineIds.length === 0) return;
    await manager.update(Reminder, { deadlineId: In(deadlineIds), status: ReminderStatus.Planned }, { status: ReminderStatus.Cancelled });
  }

  /**
   * Adds a delayed job per reminder. Called after the planning transaction commits; if Redis is
   * unavailable the rows stay planned and {@link scheduleMissing} catches up later.
   */
  async schedule(reminders: Reminder[], options: { chunk?: number; timeoutMs?: number } = {}): Promise<void> {
    const chunk = options.chunk ?? 5_000;
    for (let start = 0; start < reminders.length; start += chunk) {
      await this.scheduleChunk(reminders.slice(start, start + chunk), options.timeoutMs ?? SCHEDULE_TIMEOUT_MS);
    }
  }

  private async scheduleChunk(reminders: Reminder[], timeoutMs: number): Promise<void> {
    if (reminders.length === 0) return;
    const now = this.clock.now().getTime();
    try {
      await withTimeout(
        this.queue.addBulk(
          reminders.map((reminder) => {
            const data: ReminderJob = { reminderId: reminder.id };
            return {
              name: JOBS.reminder,
              data,
              opts: { jobId: reminderJobId(data), delay: Math.max(0, reminder.fireAt.getTime() - now) },
            };
          }),
        ),
        timeoutMs,
      );
    } catch (error) {
      this.logger.warn({ err: error, count: reminders.length }, 'could not schedule reminders now; they stay planned and are rescheduled later');
    }
  }

  /**
   * Replaces the jobs of planned reminders, timed from the clock as it is now: for data planned on
   * another clock (the demo seed replays history on the dates it happened).
   */
  async rescheduleAllPlanned(): Promise<number> {
    const planned = await this.dataSource.getRepository(Reminder).findBy({ status: ReminderStatus.Planned });
    for (const reminder of planned) await this.queue.remove(reminderJobId({ reminderId: reminder.id }));
    await this.schedule(planned, { timeoutMs: 60_000 });
    return planned.length;
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
