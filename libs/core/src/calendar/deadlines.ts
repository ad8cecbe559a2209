import { addDays, describeSkipped, type WorkingCalendar } from './working-calendar.js';

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

export type DeadlineUnit = 'calendar_days' | 'working_days' | 'calendar_months';

/** One rule: an amount of days, working days or calendar months after the event it counts from. */
export interface DeadlineRule {
  amount: number;
  unit: DeadlineUnit;
}

/** The deadline rules of a CPPCC session (DOMAIN.md defaults); each may be overridden per proposal. */
export interface DeadlineRules {
  /** 办复期限, from assignment */
  replyDue: DeadlineRule;
  /** 申请调整期限, from assignment */
  adjustmentWindow: DeadlineRule;
  /** 会办意见期限, from assignment */
  coUnitOpinion: DeadlineRule;
  /** 办前面商 (first contact with the member), from assignment */
  firstContact: DeadlineRule;
  /** 征询意见期限, from dispatch of the reply */
  feedbackWindow: DeadlineRule;
  /** 重新办理期限, from the re-handling order */
  rehandling: DeadlineRule;
  /** 跟踪办理: when a B or C reply is revisited for its second result, from its dispatch */
  followUp: DeadlineRule;
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  replyDue: { amount: 3, unit: 'calendar_months' },
  adjustmentWindow: { amount: 5, unit: 'working_days' },
  coUnitOpinion: { amount: 1, unit: 'calendar_months' },
  firstContact: { amount: 15, unit: 'working_days' },
  feedbackWindow: { amount: 15, unit: 'working_days' },
  rehandling: { amount: 3, unit: 'calendar_months' },
  followUp: { amount: 6, unit: 'calendar_months' },
};

/** How a due date was worked out, so anyone can check it. */
export interface DueExplanation {
  rule: string;
  start: string;
  amount: number;
  unit: DeadlineUnit | 'given';
  due: string;
  steps: string[];
  /**
   * Present (true) when the count runs through, or ends in, a year whose official schedule is not
   * loaded: the due date rests on the statutory holidays only and is recomputed when it is loaded.
   */
  provisional?: true;
}

/** The explanation step of a provisional due date. */
export function provisionalStep(years: readonly number[]): string {
  return `按法定节假日暂定，${years.join('、')}年放假安排公布后重算`;
}

const UNIT_LABEL: Record<DeadlineUnit, string> = { calendar_days: '天', working_days: '个工作日', calendar_months: '个月' };

/**
 * Applies a rule from a start date on a working calendar. Working days skip weekends and holidays and
 * count working weekends (调休); calendar days and months that land on a day off move to the next
 * working day. Every skipped day is named in the explanation.
 */
export function computeDeadline(name: string, rule: DeadlineRule, start: string, calendar: WorkingCalendar): DueExplanation {
  const steps = [`${start} 起算`];
  let due: string;
  if (rule.unit === 'working_days') {
    const result = calendar.addWorkingDays(start, rule.amount);
    due = result.date;
    steps.push(`+${rule.amount}${UNIT_LABEL[rule.unit]} → ${due}`);
    for (const line of describeSkipped(result.skipped)) steps.push(`跳过 ${line}`);
    const weekends = result.skipped.filter((day) => day.reason === '周六' || day.reason === '周日').length;
    if (weekends > 0) steps.push(`跳过周末 ${weekends} 天`);
    for (const day of calendar.workingWeekendsBetween(start, due)) steps.push(`${day.date} ${day.reason}，计为工作日`);
  } else {
    const raw = rule.unit === 'calendar_months' ? addCalendarMonths(start, rule.amount) : addDays(start, rule.amount);
    steps.push(`+${rule.amount}${UNIT_LABEL[rule.unit]} → ${raw}`);
    const startDay = Number(start.slice(8));
    if (rule.unit === 'calendar_months' && Number(raw.slice(8)) !== startDay) {
      steps.push(`${raw.slice(0, 7)} 无第${startDay}日，取当月最后一日`);
    }
    const next = calendar.nextWorkingDay(raw);
    due = next.date;
    if (next.skipped.length > 0) {
      steps.push(`${describeSkipped(next.skipped, true).join('、')} 非工作日，顺延至 ${due}`);
    } else {
      const declared = calendar.workingWeekendsBetween(addDays(raw, -1), raw);
      if (declared.length > 0) steps.push(`${raw} ${declared[0].reason}，是工作日`);
    }
  }
  const provisional = calendar.provisionalYearsBetween(start, due);
  if (provisional.length > 0) {
    steps.push(provisionalStep(provisional));
    return { rule: name, start, amount: rule.amount, unit: rule.unit, due, steps, provisional: true };
  }
  return { rule: name, start, amount: rule.amount, unit: rule.unit, due, steps };
}

/** A due date set by the committee by hand, recorded as such. */
export function givenDueDate(name: string, start: string, due: string): DueExplanation {
  return { rule: name, start, amount: 0, unit: 'given', due, steps: [`${start} 起算`, `提案委指定期限 ${due}`] };
}

/** The kinds of deadline an assignment carries. */
export type DeadlineKind = 'reply' | 'adjustment_window' | 'first_contact' | 'co_opinion' | 'feedback';

/** Which rule of a session each deadline kind follows. */
export const RULE_OF_KIND: Readonly<Record<DeadlineKind, keyof DeadlineRules>> = {
  reply: 'replyDue',
  adjustment_window: 'adjustmentWindow',
  first_contact: 'firstContact',
  co_opinion: 'coUnitOpinion',
  feedback: 'feedbackWindow',
};

/** Who a reminder goes to: the unit's drafters or leaders, committee staff, the 督办 leader, the proposers. */
export type ReminderRecipient = 'drafter' | 'leader' | 'staff' | 'supervisor' | 'proposer';

export interface ReminderPoints {
  /** Days before the due date (0 = on the day). */
  daysBefore: number[];
  recipients: ReminderRecipient[];
}

/**
 * When reminders go out and to whom, per deadline kind. The reply deadline climbs a ladder: its
 * recipients, the unit's leaders too from `leadersFromDaysBefore`, once overdue every `overdueEveryDays`
 * days to `overdueRecipients`, and beyond `supervisorAfterDays` to the proposal's 督办 leader as well.
 */
export interface ReminderPlanConfig {
  reply: ReminderPoints & {
    leadersFromDaysBefore: number;
    overdueEveryDays: number;
    overdueRecipients: ReminderRecipient[];
    supervisorAfterDays: number;
  };
  adjustment_window: ReminderPoints;
  first_contact: ReminderPoints;
  co_opinion: ReminderPoints;
  feedback: ReminderPoints;
}

export const DEFAULT_REMINDER_PLAN: ReminderPlanConfig = {
  reply: {
    daysBefore: [30, 15, 7, 0],
    recipients: ['drafter'],
    leadersFromDaysBefore: 7,
    overdueEveryDays: 7,
    overdueRecipients: ['drafter', 'leader', 'staff'],
    supervisorAfterDays: 30,
  },
  adjustment_window: { daysBefore: [1], recipients: ['drafter', 'leader'] },
  first_contact: { daysBefore: [], recipients: ['drafter'] },
  co_opinion: { daysBefore: [7, 0], recipients: ['drafter', 'leader'] },
  feedback: { daysBefore: [3], recipients: ['proposer'] },
};

/** Part of a plan: any kinds, any of their fields. */
export type ReminderPlanInput = { [K in keyof ReminderPlanConfig]?: Partial<ReminderPlanConfig[K]> };

/** A stored plan completed with the defaults, kind by kind and field by field. */
export function reminderPlanWithDefaults(stored: ReminderPlanInput | null | undefined): ReminderPlanConfig {
  const plan = { ...DEFAULT_REMINDER_PLAN } as Record<keyof ReminderPlanConfig, object>;
  for (const kind of Object.keys(DEFAULT_REMINDER_PLAN) as Array<keyof ReminderPlanConfig>) {
    const given = Object.fromEntries(Object.entries(stored?.[kind] ?? {}).filter(([, value]) => value !== undefined));
    plan[kind] = { ...DEFAULT_REMINDER_PLAN[kind], ...given };
  }
  return plan as ReminderPlanConfig;
}
