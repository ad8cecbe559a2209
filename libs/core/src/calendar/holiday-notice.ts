import { DomainError } from '../errors/domain-error.js';
import { addDays } from './working-calendar.js';
import type { CalendarException } from './working-calendar.js';
import { CoreErrorCode } from '../errors/core.errors.js';

/** One holiday of a notice: its days off and the weekend days worked instead (调休上班). */
export interface NoticeHoliday {
  name: string;
  daysOff: string[];
  workdays: string[];
}

/** A 国务院办公厅关于部分节假日安排的通知 read sentence by sentence. */
export interface HolidayNotice {
  year: number;
  /** The notice's document number (国办发明电〔2025〕7号) when the text carries it. */
  source: string | null;
  holidays: NoticeHoliday[];
  /** Every day of the notice as calendar rows: days off named after their holiday, 调休 days `…调休上班`. */
  days: CalendarException[];
}

const NUMERALS = '一二三四五六七八九十';
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Full-width digits, brackets and colons to their ASCII forms; spaces dropped. */
function normalize(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/[ \t\u3000\r]/g, '');
}

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function refuse(sentence: string, why: string): never {
  throw new DomainError('invalid', CoreErrorCode.NOTICE_UNREADABLE, `无法识别通知中的这句话：“${sentence}”（${why}），未载入任何日期`, { sentence });
}

/** A date with its optional note in brackets: 1月28日(农历除夕、周二), or a bare 3日 in the month before. */
const DATE = String.raw`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?`;

interface ReadDate {
  date: string;
  month: number;
}

function readDate(match: string[], offset: number, year: number, month: number | null, sentence: string): ReadDate {
  const givenYear = match[offset] ? Number(match[offset]) : year;
  const givenMonth = match[offset + 1] ? Number(match[offset + 1]) : month;
  if (givenMonth === null) refuse(sentence, '日期缺少月份');
  const date = iso(givenYear, givenMonth, Number(match[offset + 2]));
  if (!date) refuse(sentence, `没有这一天：${givenMonth}月${match[offset + 2]}日`);
  const note = match[offset + 3];
  const named = note ? /(?:周|星期)([日天一二三四五六])/.exec(note) : null;
  if (named && new Date(`${date}T00:00:00Z`).getUTCDay() !== WEEKDAYS[named[1]]) {
    refuse(sentence, `${date} 不是${named[0]}`);
  }
  return { date, month: givenMonth };
}

function dateList(text: string, year: number, sentence: string): string[] {
  const pattern = new RegExp(`^${DATE}$`);
  let month: number | null = null;
  return text.split('、').map((part) => {
    const match = pattern.exec(part);
    if (!match) refuse(sentence, `“${part}”不是日期`);
    const read = readDate(match, 1, year, month, sentence);
    month = read.month;
    return read.date;
  });
}

/** One sentence of a holiday item: its days off and working days, or a refusal naming it. */
function readSentence(sentence: string, year: number, holiday: NoticeHoliday): void {
  const range = new RegExp(`^${DATE}(?:至${DATE})?放假(?:调休)?(?:(\\d+)天)?$`);
  const clauses = sentence.split(/[,，;；]/).filter((clause) => clause.length > 0);
  let lastRange: string[] | null = null;
  for (const clause of clauses) {
    let match: RegExpExecArray | null;
    if ((match = range.exec(clause))) {
      const start = readDate(match, 1, year, null, sentence);
      const days = [start.date];
      if (match[7]) {
        const end = readDate(match, 5, year, start.month, sentence);
        if (end.date < start.date) refuse(sentence, '结束日期早于开始日期');
        while (days[days.length - 1] < end.date) days.push(addDays(days[days.length - 1], 1));
      }
      if (match[9] && Number(match[9]) !== days.length) refuse(sentence, `放假${match[9]}天与日期不符`);
      holiday.daysOff.push(...days);
      lastRange = days;
    } else if ((match = /^共(\d+)天$/.exec(clause))) {
      if (!lastRange || Number(match[1]) !== lastRange.length) refuse(sentence, `共${match[1]}天与日期不符`);
    } else if ((match = new RegExp(`^(${DATE}(?:、${DATE})*)上班$`).exec(clause))) {
      holiday.workdays.push(...dateList(match[1], year, sentence));
    } else if ((match = new RegExp(`^(${DATE}(?:、${DATE})*)补休$`).exec(clause))) {
      holiday.daysOff.push(...dateList(match[1], year, sentence));
    } else if (/^(?:不调休|与周末连休|放假\d+天)$/.test(clause)) {
      continue;
    } else {
      refuse(sentence, clause === sentence ? '无法识别' : `无法识别其中的“${clause}”`);
    }
  }
}

/**
 * Reads the text of a 国务院办公厅关于部分节假日安排的通知 as published: the year from its title (or
 * `year` when the title is not pasted), the document number, and each numbered item
 * ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"). Every sentence of every
 * item must be read: one it cannot read is refused with that sentence (`NOTICE_UNREADABLE`), so a
 * schedule is never loaded half-read. The weekdays in brackets are checked against the dates, and
 * 共N天 against the range. The preamble and the closing paragraph are not holiday items and are passed over.
 */
export function parseHolidayNotice(input: string, year?: number): HolidayNotice {
  const text = normalize(input);
  const titled = /关于(\d{4})年部分节假日安排的通知/.exec(text) ?? /现将(\d{4})年/.exec(text);
  const noticeYear = titled ? Number(titled[1]) : year;
  if (!noticeYear) throw new DomainError('invalid', CoreErrorCode.NOTICE_YEAR_UNKNOWN, '通知中没有年份（如“关于2027年部分节假日安排的通知”），请连同标题粘贴，或注明年份');
  if (year && year !== noticeYear) throw new DomainError('invalid', CoreErrorCode.NOTICE_YEAR_MISMATCH, `通知是${noticeYear}年的，不是${year}年的`);
  const source = /国办发明电\(?〔?\[?\d{4}[〕\])]?\d+号/.exec(text)?.[0].replace(/\(|\[/, '〔').replace(/\)|\]/, '〕') ?? null;
  const itemStart = new RegExp(`(?:^|\\n|。)([${NUMERALS}]+)、([^:\\n。]{1,20}):`, 'g');
  const starts = [...text.matchAll(itemStart)];
  if (starts.length === 0) throw new DomainError('invalid', CoreErrorCode.NOTICE_EMPTY, '通知中没有“一、元旦：…”这样的放假安排条目');
  const holidays: NoticeHoliday[] = starts.map((start, i) => {
    const bodyStart = (start.index ?? 0) + start[0].length;
    const bodyEnd = i + 1 < starts.length ? (starts[i + 1].index ?? text.length) + (starts[i + 1][0].startsWith('。') ? 1 : 0) : text.length;
    let body = text.slice(bodyStart, bodyEnd).split('\n')[0];
    const closing = body.indexOf('节假日期间');
    if (closing >= 0) body = body.slice(0, closing);
    const holiday: NoticeHoliday = { name: start[2], daysOff: [], workdays: [] };
    for (const sentence of body.split('。').filter((s) => s.length > 0)) readSentence(sentence, noticeYear, holiday);
    if (holiday.daysOff.length === 0) refuse(`${start[1]}、${start[2]}:${body}`, '没有放假日期');
    return holiday;
  });
  const seen = new Map<string, string>();
  const days: CalendarException[] = [];
  for (const holiday of holidays) {
    for (const [list, kind, name] of [
      [holiday.daysOff, 'holiday', holiday.name],
      [holiday.workdays, 'workday', `${holiday.name}调休上班`],
    ] as const) {
      for (const date of list) {
        if (seen.has(date)) throw new DomainError('invalid', CoreErrorCode.NOTICE_DAY_TWICE, `${date} 在通知中出现两次（${seen.get(date)}、${holiday.name}）`, { date });
        seen.set(date, holiday.name);
        days.push({ date, kind, name });
      }
    }
  }
  return { year: noticeYear, source, holidays, days };
}
