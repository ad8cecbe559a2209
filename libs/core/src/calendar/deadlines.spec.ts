import { chinaHolidays } from './china-holidays.js';
import { addCalendarMonths, computeDeadline, type DeadlineUnit, givenDueDate } from './deadlines.js';
import { describeSkipped, WorkingCalendar } from './working-calendar.js';

const calendar = new WorkingCalendar([2024, 2025, 2026].flatMap(chinaHolidays));
const due = (start: string, amount: number, unit: DeadlineUnit) => computeDeadline('t', { amount, unit }, start, calendar).due;

describe('calendar months', () => {
  it.each([
    ['2021-08-05', 3, '2021-11-05'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-10-15', 3, '2027-01-15'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s + %i months = %s', (start, months, expected) => {
    expect(addCalendarMonths(start, months)).toBe(expected);
  });
});

describe('deadlines on the 2025 and 2026 schedules', () => {
  it.each<[string, number, DeadlineUnit, string, string]>([
    ['2025-11-30', 3, 'calendar_months', '2026-02-28', 'month end into February, a 调休 Saturday that is a working day'],
    ['2023-11-30', 3, 'calendar_months', '2024-02-29', 'leap year'],
    ['2025-07-01', 3, 'calendar_months', '2025-10-09', 'lands on 国庆节, moves past the whole holiday'],
    ['2025-11-15', 3, 'calendar_months', '2026-02-24', 'lands on the first day of 春节 2026'],
    ['2025-12-21', 3, 'calendar_months', '2026-03-23', 'lands on an ordinary Saturday'],
    ['2026-01-31', 1, 'calendar_months', '2026-02-28', 'shorter month, working Saturday'],
    ['2025-09-25', 5, 'working_days', '2025-10-09', 'counts the 调休 Sunday 09-28, skips 10-01..08'],
    ['2026-02-12', 5, 'working_days', '2026-02-26', 'counts the 调休 Saturday 02-14, skips 春节'],
    ['2026-10-03', 5, 'working_days', '2026-10-13', 'starts on a holiday, counts the 调休 Saturday 10-10'],
    ['2025-04-30', 15, 'working_days', '2025-05-26', 'across 劳动节 and three weekends'],
    ['2026-04-24', 7, 'calendar_days', '2026-05-06', 'lands on 劳动节'],
    ['2026-09-20', 10, 'calendar_days', '2026-09-30', 'an ordinary Wednesday'],
  ])('%s + %i %s = %s (%s)', (start, amount, unit, expected) => {
    expect(due(start, amount, unit)).toBe(expected);
  });

  it('explains a working-day deadline: holidays skipped, weekends counted, 调休 days worked', () => {
    expect(computeDeadline('adjustment-window', { amount: 5, unit: 'working_days' }, '2025-09-25', calendar)).toEqual({
      rule: 'adjustment-window',
      start: '2025-09-25',
      amount: 5,
      unit: 'working_days',
      due: '2025-10-09',
      steps: [
        '2025-09-25 起算',
        '+5个工作日 → 2025-10-09',
        '跳过 2025-10-01..08 国庆节、中秋节',
        '跳过周末 1 天',
        '2025-09-28 国庆节、中秋节调休上班，计为工作日',
      ],
    });
  });

  it('explains a calendar deadline moved off a day off, and one kept on a working Saturday', () => {
    expect(computeDeadline('reply-due', { amount: 3, unit: 'calendar_months' }, '2025-11-15', calendar).steps).toEqual([
      '2025-11-15 起算',
      '+3个月 → 2026-02-15',
      '2026-02-15..23 春节 非工作日，顺延至 2026-02-24',
    ]);
    expect(computeDeadline('reply-due', { amount: 3, unit: 'calendar_months' }, '2025-11-30', calendar).steps).toEqual([
      '2025-11-30 起算',
      '+3个月 → 2026-02-28',
      '2026-02 无第30日，取当月最后一日',
      '2026-02-28 春节调休上班，是工作日',
    ]);
    expect(givenDueDate('reply-due', '2021-08-05', '2021-10-01')).toMatchObject({ unit: 'given', due: '2021-10-01' });
  });

  it('lets a committee’s own day override the national schedule', () => {
    const local = new WorkingCalendar([...chinaHolidays(2026), { date: '2026-03-02', kind: 'holiday', name: '地方节日' }]);
    expect(local.isWorkingDay('2026-03-02')).toBe(false);
    expect(computeDeadline('t', { amount: 1, unit: 'working_days' }, '2026-02-28', local).due).toBe('2026-03-03');
    const corrected = new WorkingCalendar([...chinaHolidays(2026), { date: '2026-02-23', kind: 'workday', name: '更正' }]);
    expect(corrected.isWorkingDay('2026-02-23')).toBe(true);
  });
});

describe('the national schedules', () => {
  it('hold each year’s holidays and working weekends', () => {
    const y2026 = chinaHolidays(2026);
    expect(y2026.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(y2026.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(chinaHolidays(2025).filter((d) => d.kind === 'holiday')).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(chinaHolidays(2027)).toEqual([]);
  });

  it('fold consecutive days of one holiday into one line', () => {
    expect(
      describeSkipped([
        { date: '2025-09-27', reason: '周六' },
        { date: '2025-10-01', reason: '国庆节' },
        { date: '2025-10-02', reason: '国庆节' },
        { date: '2025-10-03', reason: '国庆节' },
        { date: '2025-12-31', reason: '地方节日' },
      ]),
    ).toEqual(['2025-10-01..03 国庆节', '2025-12-31 地方节日']);
  });
});
