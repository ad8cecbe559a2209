import { Injectable } from '@nestjs/common';

/** Source of "now". Injected everywhere time matters so tests can fix it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move; for tests and for replaying demo history. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return parts;
}

/**
 * An instant as people read it, in the committee's zone (TIME_ZONE): `2026-12-11 07:30`, or with
 * `'date'` the date alone. Every date or time put in a notice, e-mail, SMS, error message, document or
 * export goes through here (or {@link localDate}), never through `toISOString()`, which is UTC: an
 * invitation due 07:30 China time would otherwise read as the day before.
 */
export function formatForPeople(at: Date, timeZone: string, part: 'date' | 'minute' = 'minute'): string {
  if (part === 'date') return localDate(at, timeZone);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Year of an instant in a time zone. */
export function localYear(at: Date, timeZone: string): number {
  return Number(localDate(at, timeZone).slice(0, 4));
}

/** 2021-11-01 → 2021年11月1日, the form dates take on official documents (GB/T 9704: Arabic numerals). */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
