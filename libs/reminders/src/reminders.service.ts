import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, type DeadlineKind, JOBS, publish, QUEUES, type ReminderJob, reminderJobId, type ReminderPlanConfig } from '#app/core';
import { fireAt, type PlannedPoint, pointsFor } from './reminder-plan.js';
import { Reminder, ReminderStatus } from './reminder.entity.js';
import { RemindersPlannedEvent } from './reminders.events.js';

export interface PlannedDeadline {
  id: string;
  committeeId: string;
  kind: DeadlineKind;
  dueDate: string;
}

interface ReminderRow {
  committeeId: string;
  deadlineId: string;
  point: string;
  dueDate: string;
  fireAt: string;
}

function rowsOf(deadline: PlannedDeadline, points: PlannedPoint[]): ReminderRow[] {
  return points.map(({ point, daysBefore }) => ({
    committeeId: deadline.committeeId,
    deadlineId: deadline.id,
    point,
    dueDate: deadline.dueDate,
    fireAt: fireAt(deadline.dueDate, daysBefore).toISOString(),
  }));
}

/** How long a request waits for Redis before leaving the reminders to the rescheduler. */
const SCHEDULE_TIMEOUT_MS = 2_000;

/**
 * Reminders firing at least this far ahead get their job while the planning transaction is still open
 * (ADR 4): no transaction lasts an hour, so the row is committed long before the job can fire; if the
 * transaction rolls back, the job finds no row and does nothing.
 */
const QUEUE_DURING_TRANSACTION_AFTER_MS = 3_600_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

/**
 * Plans reminders as rows (in the caller's transaction) and schedules them as delayed BullMQ jobs after
 * commit, through the {@link RemindersPlannedEvent} it publishes with them (ADR 17): no caller schedules.
 * A lost job is harmless: {@link scheduleMissing} puts planned rows back before they are due.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue<ReminderJob>,
    private readonly clock: Clock,
  ) {}

  /** Writes the reminder rows of a deadline from the session's plan (scheduled after commit); returns them. */
  plan(manager: EntityManager, deadline: PlannedDeadline, config: ReminderPlanConfig): Promise<Reminder[]> {
    return this.planMany(manager, [deadline], config);
  }

  /**
   * Plans many deadlines at once (bulk assignment, rebuilds): one INSERT per chunk instead of one per
   * deadline. Returns the planned rows (scheduled after commit).
   */
  planMany(manager: EntityManager, deadlines: PlannedDeadline[], config: ReminderPlanConfig): Promise<Reminder[]> {
    const now = this.clock.now();
    return this.insertRows(manager, deadlines.flatMap((deadline) => rowsOf(deadline, pointsFor(deadline.kind, deadline.dueDate, config, now))));
  }

  /** Plans given points of one deadline (the next overdue reminder). */
  insertPoints(manager: EntityManager, deadline: PlannedDeadline, points: PlannedPoint[]): Promise<Reminder[]> {
    return this.insertRows(manager, rowsOf(deadline, points));
  }

  /**
   * Inserts reminder rows, a chunk per statement. A row that exists already is left alone, unless it was
   * cancelled: a deadline moved back to an earlier date gets those reminders again. Returns the rows
   * planned now, and publishes those still without a job ({@link RemindersPlannedEvent}).
   *
   * The ids are chosen here, so the jobs of reminders firing an hour or more ahead are added to Redis
   * while the rows are being written (BullMQ's addBulk costs as much as the INSERT; planning 100,000
   * deadlines took their sum). The event then names only the others.
   */
  private async insertRows(manager: EntityManager, rows: ReminderRow[], chunk = 5_000): Promise<Reminder[]> {
    const ids = rows.map(() => randomUUID());
    const queueFrom = this.clock.now().getTime() + QUEUE_DURING_TRANSACTION_AFTER_MS;
    const early = rows.flatMap((row, i) => (Date.parse(row.fireAt) >= queueFrom ? [{ id: ids[i], fireAt: new Date(row.fireAt) }] : []));
    const queued = early.length > 0 ? this.addJobs(early, SCHEDULE_TIMEOUT_MS) : undefined;
    const planned: Reminder[] = [];
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const inserted: Array<{ id: string; committee_id: string; deadline_id: string; point: string; due_date: string; fire_at: Date }> =
        await manager.query(
          `INSERT INTO reminders (id, committee_id, deadline_id, point, due_date, fire_at, status)
           SELECT i, c, d, p, due::date, f::timestamptz, 'planned'
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(i, c, d, p, due, f)
           ON CONFLICT (deadline_id, point, due_date) DO UPDATE SET status = 'planned', fire_at = EXCLUDED.fire_at, sent_at = NULL
             WHERE reminders.status = 'cancelled'
           RETURNING id, committee_id, deadline_id, point, to_char(due_date, 'YYYY-MM-DD') AS due_date, fire_at`,
          [
            ids.slice(start, start + chunk),
            part.map((r) => r.committeeId),
            part.map((r) => r.deadlineId),
            part.map((r) => r.point),
            part.map((r) => r.dueDate),
            part.map((r) => r.fireAt),
          ],
        );
      for (const row of inserted) {
        const reminder = Object.assign(new Reminder(), {
          id: row.id,
          committeeId: row.committee_id,
          deadlineId: row.deadline_id,
          point: row.point,
          dueDate: row.due_date,
          fireAt: new Date(row.fire_at),
          status: ReminderStatus.Planned,
          sentAt: null,
        });
        planned.push(reminder);
      }
    }
    // A cancelled row planned again keeps its old id: it has no early job and is scheduled after commit.
    const queuedIds = queued ? await queued : new Set<string>();
    const unqueued = planned.filter((reminder) => !queuedIds.has(reminder.id));
    if (unqueued.length > 0) {
      const committees = new Set(unqueued.map((reminder) => reminder.committeeId));
      await publish(manager, RemindersPlannedEvent, committees.size === 1 ? unqueued[0].committeeId : null, { reminders: unqueued.map(({ id, fireAt }) => ({ id, fireAt: fireAt.toISOString() })) });
    }
    return planned;
  }

  /** Cancels the still-planned reminders of deadlines (met, ended, paused or moved). */
  async cancelFor(manager: EntityManager, deadlineIds: string[]): Promise<void> {
    if (deadlineIds.length === 0) return;
    await manager.update(Reminder, { deadlineId: In(deadlineIds), status: ReminderStatus.Planned }, { status: ReminderStatus.Cancelled });
  }

  /**
   * Adds a delayed job per reminder (the job id makes a second add a no-op). Run after the planning
   * transaction commits by the reaction to {@link RemindersPlannedEvent}, and by the rebuilds; if Redis is
   * unavailable the rows stay planned and {@link scheduleMissing} catches up later.
   */
  async schedule(reminders: ReadonlyArray<Pick<Reminder, 'id' | 'fireAt'>>, options: { chunk?: number; timeoutMs?: number } = {}): Promise<void> {
    await this.addJobs(reminders, options.timeoutMs ?? SCHEDULE_TIMEOUT_MS, options.chunk);
  }

  /** Adds the jobs a chunk per addBulk; returns the ids whose chunk Redis took (never rejects). */
  private async addJobs(reminders: ReadonlyArray<Pick<Reminder, 'id' | 'fireAt'>>, timeoutMs: number, chunk = 5_000): Promise<ReadonlySet<string>> {
    const added = new Set<string>();
    for (let start = 0; start < reminders.length; start += chunk) {
      const part = reminders.slice(start, start + chunk);
      if (await this.scheduleChunk(part, timeoutMs)) for (const reminder of part) added.add(reminder.id);
    }
    return added;
  }

  private async scheduleChunk(reminders: ReadonlyArray<Pick<Reminder, 'id' | 'fireAt'>>, timeoutMs: number): Promise<boolean> {
    if (reminders.length === 0) return true;
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
      return true;
    } catch (error) {
      this.logger.warn({ err: error, count: reminders.length }, 'could not schedule reminders now; they stay planned and are rescheduled later');
      return false;
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

  /**
   * Re-adds a job for every planned reminder (the job id makes this a no-op for those still queued).
   * With `withinMs`, only for reminders firing before now + withinMs: the repeating rebuild looks a day
   * ahead, so it stays cheap with millions of reminders planned months out, and still restores every
   * lost job before its time.
   */
  async scheduleMissing(options: { withinMs?: number; batchSize?: number } = {}): Promise<number> {
    const batchSize = options.batchSize ?? 1_000;
    const until = options.withinMs === undefined ? null : new Date(this.clock.now().getTime() + options.withinMs);
    let scheduled = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const query = this.dataSource
        .getRepository(Reminder)
        .createQueryBuilder('r')
        .where('r.status = :status AND r.id > :after', { status: ReminderStatus.Planned, after })
        .orderBy('r.id', 'ASC')
        .limit(batchSize);
      if (until) query.andWhere('r.fire_at <= :until', { until });
      const batch = await query.getMany();
      if (batch.length === 0) return scheduled;
      await this.schedule(batch);
      scheduled += batch.length;
      after = batch[batch.length - 1].id;
    }
  }

}
