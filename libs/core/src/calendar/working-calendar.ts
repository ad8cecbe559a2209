/** A day that departs from the Monday–Friday rule: a holiday on a weekday, or a working weekend (调休). */
export interface CalendarException {
  date: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
  /** e.g. 国庆节, or 调休上班 */
  name: string;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

const DAY_MS = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function weekday(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * Working days under the Chinese rules: Monday to Friday, except public holidays, plus the weekend days
 * declared working days (调休). Exceptions are data (national schedule, then committee overrides).
 */
export class WorkingCalendar {
  private readonly exceptions: Map<string, CalendarException>;
  private readonly provisional: ReadonlySet<number>;

  /**
   * Later entries win: pass the national schedule first, then a committee's overrides. `provisionalYears`
   * are years whose official schedule is not loaded: their exceptions are the statutory days only
   * (`statutoryHolidays`), and a deadline counted through them says so.
   */
  constructor(exceptions: Iterable<CalendarException>, options: { provisionalYears?: Iterable<number> } = {}) {
    this.exceptions = new Map();
    for (const exception of exceptions) this.exceptions.set(exception.date, exception);
    this.provisional = new Set(options.provisionalYears ?? []);
  }

  /** The provisional years from the year of `from` to the year of `to`, in order. */
  provisionalYearsBetween(from: string, to: string): number[] {
    const years: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) if (this.provisional.has(year)) years.push(year);
    return years;
  }

  isWorkingDay(date: string): boolean {
    const exception = this.exceptions.get(date);
    if (exception) return exception.kind === 'workday';
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** Why a day is not a working day (holiday name, or 周六/周日), or null when it is one. */
  dayOffReason(date: string): string | null {
    if (this.isWorkingDay(date)) return null;
    return this.exceptions.get(date)?.name ?? (weekday(date) === 0 ? '周日' : '周六');
  }

  /** Working weekend days in (from, to], with their names, for explanations. */
  workingWeekendsBetween(from: string, to: string): SkippedDay[] {
    const found: SkippedDay[] = [];
    for (const exception of this.exceptions.values()) {
      if (exception.kind === 'workday' && exception.date > from && exception.date <= to && [0, 6].includes(weekday(exception.date))) {
        found.push({ date: exception.date, reason: exception.name });
      }
    }
    return found.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The date itself when it is a working day, otherwise the next one, with the days passed over. */
  nextWorkingDay(date: string): { date: string; skipped: SkippedDay[] } {
    const skipped: SkippedDay[] = [];
    let current = date;
    while (!this.isWorkingDay(current)) {
      skipped.push({ date: current, reason: this.dayOffReason(current) as string });
      current = addDays(current, 1);
    }
    return { date: current, skipped };
  }

  /** The n-th working day after `start` (the start day itself does not count), with the days passed over. */
  addWorkingDays(start: string, n: number): { date: string; skipped: SkippedDay[] } {
    const skipped: SkippedDay[] = [];
    let current = start;
    let counted = 0;
    while (counted < n) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) counted += 1;
      else skipped.push({ date: current, reason: this.dayOffReason(current) as string });
    }
    return { date: current, skipped };
  }
}

/**
 * Skipped days as one readable line, consecutive days of the same reason folded together:
 * "2025-10-01..08 国庆节、中秋节; 2025-10-04..05 …". Weekends are left out unless `withWeekends`.
 */
export function describeSkipped(skipped: SkippedDay[], withWeekends = false): string[] {
  const shown = skipped.filter((day) => withWeekends || (day.reason !== '周六' && day.reason !== '周日'));
  const lines: string[] = [];
  let runStart: SkippedDay | null = null;
  let runEnd: SkippedDay | null = null;
  const flush = () => {
    if (!runStart || !runEnd) return;
    lines.push(runStart.date === runEnd.date ? `${runStart.date} ${runStart.reason}` : `${runStart.date}..${runEnd.date.slice(8)} ${runStart.reason}`);
  };
  for (const day of shown) {
    if (runStart && runEnd && day.reason === runStart.reason && addDays(runEnd.date, 1) === day.date) {
      runEnd = day;
      continue;
    }
    flush();
    runStart = day;
    runEnd = day;
  }
  flush();
  return lines;
}
