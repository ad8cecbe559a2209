import { addCalendarMonths, givenDueDate, replyDueDate } from './due-date.js';

describe('calendar-month deadlines', () => {
  it.each([
    ['2021-08-05', 3, '2021-11-05'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-10-15', 3, '2027-01-15'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s + %i months = %s', (start, months, due) => {
    expect(addCalendarMonths(start, months)).toBe(due);
  });

  it('explains the result, including a month too short for the day', () => {
    expect(replyDueDate('2025-11-30', 3)).toEqual({
      rule: 'reply-due',
      start: '2025-11-30',
      amount: 3,
      unit: 'calendar_months',
      due: '2026-02-28',
      steps: ['2025-11-30 交办', '+3个月 → 2026-02-28', '2026-02 无第30日，取当月最后一日'],
    });
    expect(replyDueDate('2021-08-05', 3).steps).toEqual(['2021-08-05 交办', '+3个月 → 2021-11-05']);
    expect(givenDueDate('2021-08-05', '2021-10-01')).toMatchObject({ unit: 'given', due: '2021-10-01' });
  });
});
