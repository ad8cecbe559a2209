/**
 * Days and instants in China time for the generator. A day is a day number (days since 1970-01-01) of
 * the local date in Asia/Shanghai (UTC+8, no daylight saving); an instant is epoch milliseconds.
 * Deadlines are worked out by the product's own `computeDeadline` on the national calendar the
 * migrations load, remembered per rule and start day.
 */
import { computeDeadline, type DeadlineRule, type DueExplanation, WorkingCalendar, type CalendarException } from '#app/core';

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** The day number of a YYYY-MM-DD date. */
export function dayOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

const isoCache = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  let iso = isoCache.get(day);
  if (!iso) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** The China-time day an instant falls on. */
export function localDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The instant of a China-time day at hour:minute. */
export function at(day: number, hour: number, minute = 0): number {
  return day * DAY_MS + (hour * 60 + minute) * 60_000 - OFFSET_MS;
}

/** The year of a day number. */
export function yearOf(day: number): number {
  return Number(isoDay(day).slice(0, 4));
}

/** A deadline as the product stores it: due day, the rule, and the explanation (both as JSON text). */
export interface ComputedDeadline {
  due: number;
  explanation: DueExplanation;
  explanationJson: string;
  ruleJson: string;
}

/** Working days and deadlines on the national calendar (the committees have no days of their own). */
export class Calendar {
  private readonly working = new Map<number, boolean>();
  private readonly deadlines = new Map<string, ComputedDeadline>();
  private readonly calendar: WorkingCalendar;

  constructor(exceptions: readonly CalendarException[]) {
    this.calendar = new WorkingCalendar(exceptions);
  }

  isWorkingDay(day: number): boolean {
    let working = this.working.get(day);
    if (working === undefined) {
      working = this.calendar.isWorkingDay(isoDay(day));
      this.working.set(day, working);
    }
    return working;
  }

  /** The day itself when it is a working day, else the next one. */
  workday(day: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d += 1;
    return d;
  }

  /** The n-th working day after `day`. */
  addWorkdays(day: number, n: number): number {
    let d = day;
    for (let left = n; left > 0; ) {
      d += 1;
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** `computeDeadline(name, rule, start)` of the product, worked out once per rule and start day. */
  deadline(name: string, rule: DeadlineRule, start: number): ComputedDeadline {
    const key = `${name}|${rule.amount}|${rule.unit}|${start}`;
    let found = this.deadlines.get(key);
    if (!found) {
      const explanation = computeDeadline(name, rule, isoDay(start), this.calendar);
      found = { due: dayOf(explanation.due), explanation, explanationJson: JSON.stringify(explanation), ruleJson: JSON.stringify(rule) };
      this.deadlines.set(key, found);
    }
    return found;
  }
}
