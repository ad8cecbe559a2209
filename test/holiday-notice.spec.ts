import { chinaHolidays, computeDeadline, DomainError, parseHolidayNotice, statutoryHolidays, WorkingCalendar } from '#app/core';
import { NOTICE_2017, NOTICE_2025, NOTICE_2026 } from './fixtures/holiday-notices.js';

const sorted = <T extends { date: string }>(days: T[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));

function refusal(text: string): DomainError {
  try {
    parseHolidayNotice(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the notice was read');
}

describe('the State Council notice parser', () => {
  it.each([
    [2025, NOTICE_2025, '国办发明电〔2024〕12号'],
    [2026, NOTICE_2026, '国办发明电〔2025〕7号'],
  ])('reads the %i notice into exactly the schedule in code', (year, text, source) => {
    const notice = parseHolidayNotice(text);
    expect(notice).toMatchObject({ year, source });
    expect(sorted(notice.days)).toEqual(sorted(chinaHolidays(year)));
  });

  it('reads the 2026 notice item by item: 元旦 with its 调休 Sunday, 春节 with two working Saturdays', () => {
    const { holidays } = parseHolidayNotice(NOTICE_2026);
    expect(holidays[0]).toEqual({ name: '元旦', daysOff: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: ['2026-01-04'] });
    expect(holidays[1].workdays).toEqual(['2026-02-14', '2026-02-28']);
    expect(holidays.map((h) => h.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });

  it('reads 2025: 春节 and 端午 spanning two months, 国庆 10月1日至8日, 劳动节 with 4月27日 worked', () => {
    const { holidays } = parseHolidayNotice(NOTICE_2025);
    expect(holidays[1].daysOff).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    expect(holidays[1].workdays).toEqual(['2025-01-26', '2025-02-08']);
    expect(holidays[3]).toEqual({ name: '劳动节', daysOff: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'], workdays: ['2025-04-27'] });
    expect(holidays[4].daysOff).toEqual(['2025-05-31', '2025-06-01', '2025-06-02']);
    expect(holidays[5]).toMatchObject({ name: '国庆节、中秋节', workdays: ['2025-09-28', '2025-10-11'] });
    expect(holidays[5].daysOff).toHaveLength(8);
  });

  it('reads 2017: 1月2日（星期一）补休, a 劳动节 joined to the weekend, 星期 weekdays', () => {
    const notice = parseHolidayNotice(NOTICE_2017);
    expect(notice).toMatchObject({ year: 2017, source: '国办发明电〔2016〕14号' });
    expect(notice.holidays).toEqual([
      { name: '元旦', daysOff: ['2017-01-01', '2017-01-02'], workdays: [] },
      {
        name: '春节',
        daysOff: ['2017-01-27', '2017-01-28', '2017-01-29', '2017-01-30', '2017-01-31', '2017-02-01', '2017-02-02'],
        workdays: ['2017-01-22', '2017-02-04'],
      },
      { name: '清明节', daysOff: ['2017-04-02', '2017-04-03', '2017-04-04'], workdays: ['2017-04-01'] },
      { name: '劳动节', daysOff: ['2017-05-01'], workdays: [] },
      { name: '端午节', daysOff: ['2017-05-28', '2017-05-29', '2017-05-30'], workdays: ['2017-05-27'] },
      {
        name: '中秋节、国庆节',
        daysOff: ['2017-10-01', '2017-10-02', '2017-10-03', '2017-10-04', '2017-10-05', '2017-10-06', '2017-10-07', '2017-10-08'],
        workdays: ['2017-09-30'],
      },
    ]);
    expect(notice.days.find((d) => d.date === '2017-09-30')).toEqual({ date: '2017-09-30', kind: 'workday', name: '中秋节、国庆节调休上班' });
  });

  it('reads the items pasted as one line, without the title when the year is given', () => {
    const items = NOTICE_2026.split('\n').filter((line) => /^[一二三四五六七]、/.test(line)).join('');
    expect(sorted(parseHolidayNotice(items, 2026).days)).toEqual(sorted(chinaHolidays(2026)));
    expect(refusal(items).code).toBe('NOTICE_YEAR_UNKNOWN');
    expect(refusal(NOTICE_2026.replace('关于2026年', '关于2027年').replace('现将2026年', '现将2027年')).code).toBe('NOTICE_UNREADABLE');
  });

  it('refuses a sentence it cannot read, naming it, and reads nothing', () => {
    const garbled = NOTICE_2025.replace('1月26日（周日）、2月8日（周六）上班', '1月26日（周日）、2月8日（周六）照常上学');
    const error = refusal(garbled);
    expect(error).toMatchObject({ kind: 'invalid', code: 'NOTICE_UNREADABLE', details: { sentence: '1月26日(周日)、2月8日(周六)照常上学' } });
    expect(error.message).toContain('1月26日(周日)、2月8日(周六)照常上学');
  });

  it('refuses a weekday that does not match its date, a wrong day count and a day that does not exist', () => {
    expect(refusal(NOTICE_2026.replace('5月9日（周六）上班', '5月9日（周日）上班')).details).toEqual({ sentence: '5月9日(周日)上班' });
    expect(refusal(NOTICE_2026.replace('放假调休，共9天', '放假调休，共8天')).message).toContain('共8天与日期不符');
    expect(refusal(NOTICE_2025.replace('2月8日（周六）上班', '2月30日上班')).message).toContain('没有这一天');
    expect(refusal('国务院办公厅关于2027年部分节假日安排的通知\n放假安排另行通知。').code).toBe('NOTICE_EMPTY');
  });
});

describe('the statutory holidays of a provisional year', () => {
  it.each([2025, 2026])('are each a day off in the published %i schedule', (year) => {
    const official = new WorkingCalendar(chinaHolidays(year));
    const computed = statutoryHolidays(year);
    expect(computed).toHaveLength(13);
    for (const day of computed) expect([day.date, official.isWorkingDay(day.date)]).toEqual([day.date, false]);
  });

  it('take 除夕 as the day before 正月初一 (腊月廿九 in 2025) and 清明 from the solar term', () => {
    expect(statutoryHolidays(2025).filter((d) => d.name === '春节').map((d) => d.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(statutoryHolidays(2027)).toEqual(
      [
        ['2027-01-01', '元旦'],
        ['2027-02-05', '春节'],
        ['2027-02-06', '春节'],
        ['2027-02-07', '春节'],
        ['2027-02-08', '春节'],
        ['2027-04-05', '清明节'],
        ['2027-05-01', '劳动节'],
        ['2027-05-02', '劳动节'],
        ['2027-06-09', '端午节'],
        ['2027-09-15', '中秋节'],
        ['2027-10-01', '国庆节'],
        ['2027-10-02', '国庆节'],
        ['2027-10-03', '国庆节'],
      ].map(([date, name]) => ({ date, kind: 'holiday', name })),
    );
    expect(statutoryHolidays(2028).find((d) => d.date === '2028-10-03')?.name).toBe('中秋节、国庆节');
  });

  it('mark a deadline that runs through a provisional year, and skip its 春节', () => {
    const calendar = new WorkingCalendar([...chinaHolidays(2026), ...statutoryHolidays(2027)], { provisionalYears: [2027] });
    const due = computeDeadline('t', { amount: 60, unit: 'working_days' }, '2026-12-06', calendar);
    expect(due.provisional).toBe(true);
    expect(due.steps).toContain('跳过 2027-02-05..08 春节');
    expect(due.steps.at(-1)).toBe('按法定节假日暂定，2027年放假安排公布后重算');
    expect(computeDeadline('t', { amount: 5, unit: 'working_days' }, '2026-12-06', calendar).provisional).toBeUndefined();
  });
});
