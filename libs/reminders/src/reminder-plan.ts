/** Reminder points for a reply deadline: days before the due date (0 = on the day). */
export const REPLY_DUE_POINTS: ReadonlyArray<{ point: string; daysBefore: number }> = [
  { point: 'reply-due-30d', daysBefore: 30 },
  { point: 'reply-due-15d', daysBefore: 15 },
  { point: 'reply-due-7d', daysBefore: 7 },
  { point: 'reply-due-0d', daysBefore: 0 },
];

/** Reminders go out at 09:00 local time on their day. */
const SEND_HOUR_LOCAL = 9;
/** Asia/Shanghai has no daylight saving: UTC+8 all year. */
const UTC_OFFSET_HOURS = 8;

/** The instant a reminder `daysBefore` a due date (YYYY-MM-DD, China time) fires. */
export function fireAt(dueDate: string, daysBefore: number): Date {
  const [year, month, day] = dueDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day - daysBefore, SEND_HOUR_LOCAL - UTC_OFFSET_HOURS));
}
