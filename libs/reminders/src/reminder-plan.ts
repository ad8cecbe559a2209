import type { DeadlineKind, ReminderPlanConfig } from '#app/core';

/** Reminders go out at 09:00 local time on their day. */
const SEND_HOUR_LOCAL = 9;
/** Asia/Shanghai has no daylight saving: UTC+8 all year. */
const UTC_OFFSET_HOURS = 8;

/** The instant a reminder `daysBefore` a due date (YYYY-MM-DD, China time) fires; negative = after. */
export function fireAt(dueDate: string, daysBefore: number): Date {
  const [year, month, day] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - daysBefore, SEND_HOUR_LOCAL - UTC_OFFSET_HOURS));
}

export interface PlannedPoint {
  point: string;
  daysBefore: number;
}

/** The points of a deadline that are still ahead of `now` (a past point is not sent late). */
export function pointsFor(kind: DeadlineKind, dueDate: string, plan: ReminderPlanConfig, now: Date): PlannedPoint[] {
  const points: PlannedPoint[] = plan[kind].daysBefore.map((daysBefore) => ({ point: `${kind}-${daysBefore}d`, daysBefore }));
  if (kind === 'reply' && plan.reply.overdueEveryDays > 0) {
    points.push(...overduePoints(dueDate, plan, now, 1));
  }
  return points.filter((p) => fireAt(dueDate, p.daysBefore) > now);
}

/** The next overdue reminder of a reply deadline after the n-th: every N days past the due date. */
export function overduePoints(dueDate: string, plan: ReminderPlanConfig, now: Date, from: number): PlannedPoint[] {
  const every = plan.reply.overdueEveryDays;
  let n = from;
  // Skip overdue points already in the past (a deadline planned late): the next one ahead is enough.
  while (fireAt(dueDate, -n * every) <= now) n += 1;
  return [{ point: `reply-overdue-${n * every}d`, daysBefore: -n * every }];
}

/** Days overdue named by an overdue point (`reply-overdue-14d` → 14), or null. */
export function overdueDays(point: string): number | null {
  const match = /^reply-overdue-(\d+)d$/.exec(point);
  return match ? Number(match[1]) : null;
}
