import type { DueExplanation } from './assignment.entity.js';

/**
 * Adds calendar months to a date (YYYY-MM-DD), keeping the day of month or, when the target month is
 * shorter, its last day: 2025-11-30 + 3 months = 2026-02-28.
 */
export function addCalendarMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const targetMonthIndex = month - 1 + months;
  const targetYear = year + Math.floor(targetMonthIndex / 12);
  const targetMonth = (((targetMonthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const targetDay = Math.min(day, lastDay);
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

/** The default reply deadline: N calendar months after the assignment date, with its explanation. */
export function replyDueDate(assignedOn: string, months: number): DueExplanation {
  const due = addCalendarMonths(assignedOn, months);
  const steps = [`${assignedOn} 交办`, `+${months}个月 → ${due}`];
  const [, , startDay] = assignedOn.split('-').map(Number);
  if (Number(due.slice(8)) !== startDay) steps.push(`${due.slice(0, 7)} 无第${startDay}日，取当月最后一日`);
  return { rule: 'reply-due', start: assignedOn, amount: months, unit: 'calendar_months', due, steps };
}

/** A due date set by the committee by hand, recorded as such. */
export function givenDueDate(assignedOn: string, due: string): DueExplanation {
  return { rule: 'reply-due', start: assignedOn, amount: 0, unit: 'given', due, steps: [`${assignedOn} 交办`, `提案委指定办复期限 ${due}`] };
}
