import type { CalendarException } from './working-calendar.js';

type Schedule = Array<[name: string, holidays: string[], workdays: string[]]>;

/** Dates from "MM-DD" or "MM-DD..DD" within a year. */
function expand(year: number, spec: string): string[] {
  const [start, endDay] = spec.split('..');
  const [month, day] = start.split('-').map(Number);
  const last = endDay ? Number(endDay) : day;
  const dates: string[] = [];
  for (let d = day; d <= last; d += 1) dates.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return dates;
}

/**
 * The State Council's holiday schedules (国务院办公厅关于部分节假日安排的通知): days off, including the
 * weekend days inside a holiday block, and the weekend days declared working days (调休上班).
 * 2027 is not published in the sources this build was made from: administrators add it when it is.
 */
const SCHEDULES: Record<number, Schedule> = {
  2024: [
    ['元旦', ['01-01'], []],
    ['春节', ['02-10..17'], ['02-04', '02-18']],
    ['清明节', ['04-04..06'], ['04-07']],
    ['劳动节', ['05-01..05'], ['04-28', '05-11']],
    ['端午节', ['06-08..10'], []],
    ['中秋节', ['09-15..17'], ['09-14']],
    ['国庆节', ['10-01..07'], ['09-29', '10-12']],
  ],
  2025: [
    ['元旦', ['01-01'], []],
    ['春节', ['01-28..31', '02-01..04'], ['01-26', '02-08']],
    ['清明节', ['04-04..06'], []],
    ['劳动节', ['05-01..05'], ['04-27']],
    ['端午节', ['05-31', '06-01..02'], []],
    ['国庆节、中秋节', ['10-01..08'], ['09-28', '10-11']],
  ],
  2026: [
    ['元旦', ['01-01..03'], ['01-04']],
    ['春节', ['02-15..23'], ['02-14', '02-28']],
    ['清明节', ['04-04..06'], []],
    ['劳动节', ['05-01..05'], ['05-09']],
    ['端午节', ['06-19..21'], []],
    ['中秋节', ['09-25..27'], []],
    ['国庆节', ['10-01..07'], ['09-20', '10-10']],
  ],
};

export const PUBLISHED_HOLIDAY_YEARS = Object.keys(SCHEDULES).map(Number);

/** The national exceptions of a year (empty for a year not published yet). */
export function chinaHolidays(year: number): CalendarException[] {
  return (SCHEDULES[year] ?? []).flatMap(([name, holidays, workdays]) => [
    ...holidays.flatMap((spec) => expand(year, spec)).map((date) => ({ date, kind: 'holiday' as const, name })),
    ...workdays.flatMap((spec) => expand(year, spec)).map((date) => ({ date, kind: 'workday' as const, name: `${name}调休上班` })),
  ]);
}
