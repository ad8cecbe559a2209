import { LunarDay, type SolarDay, SolarTerm } from 'tyme4ts';
import type { CalendarException } from './working-calendar.js';

function isoOf(day: SolarDay): string {
  return `${day.getYear()}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`;
}

/**
 * The statutory days off of a year under 《全国年节及纪念日放假办法》 as revised in 2024, without the
 * 调休 the State Council adds each year: 元旦 1 day; 春节 4 days (除夕 — the day before 正月初一, 腊月廿九
 * in some years — and 正月初一 to 初三); 清明节 on the solar term; 劳动节 1–2 May; 端午节 五月初五; 中秋节
 * 八月十五; 国庆节 1–3 October. Lunar dates and the solar term come from tyme4ts. These are the days a
 * provisional calendar counts off for a year whose schedule is not loaded yet (see ADR 16).
 */
export function statutoryHolidays(year: number): CalendarException[] {
  const newYear = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  const days: Array<[string, string]> = [
    [`${year}-01-01`, '元旦'],
    [isoOf(newYear.next(-1)), '春节'],
    [isoOf(newYear), '春节'],
    [isoOf(newYear.next(1)), '春节'],
    [isoOf(newYear.next(2)), '春节'],
    [isoOf(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()), '清明节'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [isoOf(LunarDay.fromYmd(year, 5, 5).getSolarDay()), '端午节'],
    [isoOf(LunarDay.fromYmd(year, 8, 15).getSolarDay()), '中秋节'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ];
  // 中秋 may fall within 国庆 (2028-10-03): one row per date, both names.
  const byDate = new Map<string, string>();
  for (const [date, name] of days) byDate.set(date, byDate.has(date) && byDate.get(date) !== name ? `${byDate.get(date)}、${name}` : name);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, kind: 'holiday', name }));
}
