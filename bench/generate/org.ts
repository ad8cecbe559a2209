/**
 * One generated committee's organisation: the committee, its handling units (with sections that sign
 * contact blocks) and offices, its people (admin, committee staff, the 主席会议 members who supervise
 * key proposals, members, each unit's drafters and leaders, each office's reader) with their
 * memberships, its sessions with their deadline rules, and its grade table when it uses A–D.
 */
import { CodeTable, CommitteeLevel, Role, UnitKind } from '#app/org';
import { DEFAULT_DEADLINE_RULES, DEFAULT_REMINDER_PLAN, type DeadlineRules } from '#app/core';
import { DEFAULT_CODES } from '#app/org';
import type { IdSource, Random } from './random.js';
import type { Tables } from './tables.js';
import { at, type Calendar, dayOf } from './time.js';
import { groupNames, mobile, personName, type Place } from './places.js';
import { docPrefix, officeNames, unitKindsOf } from './units.js';

export interface Person {
  id: string;
  name: string;
  phone: string | null;
}

export interface HandlingUnit {
  id: string;
  name: string;
  key: string;
  docPrefix: string;
  workArea: string;
  remit: readonly string[];
  /** the section that signs the contact block, when the unit has one */
  sectionId: string | null;
  drafters: Person[];
  leaders: Person[];
}

export interface Session {
  id: string;
  name: string;
  year: number;
  plenaryStart: number;
  plenaryEnd: number;
  /** 交办会: the day most plenary proposals are assigned at once */
  assignMeeting: number;
  rules: DeadlineRules;
  copyUnitIds: string[];
}

export interface CommitteeOrg {
  index: number;
  id: string;
  place: Place;
  staff: Person[];
  /** 主席会议 members who supervise key proposals (督办) */
  chairs: Person[];
  members: Person[];
  units: HandlingUnit[];
  unitByKey: ReadonlyMap<string, HandlingUnit>;
  offices: Array<{ id: string; name: string }>;
  sessions: Session[];
  grades: readonly string[];
  groups: ReturnType<typeof groupNames>;
}

/** What every part of the generator writes with. */
export interface GeneratorContext {
  random: Random;
  ids: IdSource;
  tables: Tables;
  calendar: Calendar;
  /** the instant the dataset stands at: nothing later has happened */
  asOf: number;
  passwordHash: string;
}

const MEMBERS: Readonly<Record<CommitteeLevel, number>> = {
  [CommitteeLevel.National]: 1500,
  [CommitteeLevel.Province]: 500,
  [CommitteeLevel.City]: 300,
  [CommitteeLevel.County]: 120,
};

const STAFF: Readonly<Record<CommitteeLevel, number>> = {
  [CommitteeLevel.National]: 12,
  [CommitteeLevel.Province]: 6,
  [CommitteeLevel.City]: 4,
  [CommitteeLevel.County]: 3,
};

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1…99 in Chinese numerals: 十三, 二十. */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN[n];
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
}

/** The login of a generated user: c12-staff1, c12-m0042, c12-u3-d1 … (every one has the demo password). */
export const generatedUsername = (committeeIndex: number, who: string): string => `c${committeeIndex}-${who}`;

/** Plenary windows by level: the national session in early March, local ones in January to March. */
function plenaryWindow(level: CommitteeLevel, year: number, random: Random): [number, number] {
  switch (level) {
    case CommitteeLevel.National:
      return [dayOf(`${year}-03-04`), dayOf(`${year}-03-10`)];
    case CommitteeLevel.Province: {
      const start = dayOf(`${year}-01-10`) + random.int(0, 18);
      return [start, start + random.int(4, 6)];
    }
    case CommitteeLevel.City: {
      const start = dayOf(`${year}-01-05`) + random.int(0, 50);
      return [start, start + random.int(3, 4)];
    }
    default: {
      const start = dayOf(`${year}-01-05`) + random.int(0, 70);
      return [start, start + random.int(2, 3)];
    }
  }
}

/** Writes a committee's organisation and returns it for the proposals to use. */
export function generateOrg(ctx: GeneratorContext, index: number, place: Place, years: readonly number[]): CommitteeOrg {
  const { random, ids, tables } = ctx;
  const id = ids.next();
  const since = at(dayOf(`${years[0] - 1}-11-01`), 9);
  tables.committees.row().uuid(id).text(place.committeeName).text(place.level).text(place.region).timestamp(since);

  const people: Array<{ person: Person; role: Role; unitId: string | null; username: string }> = [];
  const person = (who: string, role: Role, unitId: string | null, phone = false, name = personName(random)): Person => {
    const p = { id: ids.next(), name, phone: phone ? mobile(random) : null };
    people.push({ person: p, role, unitId, username: generatedUsername(index, who) });
    return p;
  };

  // Offices (抄送单位) and handling units with their sections.
  const offices = officeNames(place).map((name) => ({ id: ids.next(), name }));
  const unitRows: Array<{ id: string; name: string; kind: UnitKind; parentId: string | null; prefix: string | null; workArea: string | null; remit: readonly string[] }> = [];
  for (const office of offices) unitRows.push({ ...office, kind: UnitKind.Office, parentId: null, prefix: null, workArea: null, remit: [] });
  const units: HandlingUnit[] = [];
  const perUnit = place.level === CommitteeLevel.National ? [2, 3] : [1, 2];
  for (const [k, kind] of unitKindsOf(place.level).entries()) {
    const name = kind.names[place.level]?.(place) as string;
    const unit: HandlingUnit = {
      id: ids.next(),
      name,
      key: kind.key,
      docPrefix: docPrefix(kind, place),
      workArea: kind.workArea,
      remit: kind.remit,
      sectionId: random.chance(0.6) ? ids.next() : null,
      drafters: [],
      leaders: [],
    };
    unitRows.push({ id: unit.id, name, kind: UnitKind.Handling, parentId: null, prefix: unit.docPrefix, workArea: unit.workArea, remit: unit.remit });
    if (unit.sectionId) {
      unitRows.push({ id: unit.sectionId, name: `${name}${kind.section}`, kind: UnitKind.Handling, parentId: unit.id, prefix: null, workArea: null, remit: [] });
    }
    for (let d = 1; d <= random.int(perUnit[0], perUnit[1]); d += 1) unit.drafters.push(person(`u${k + 1}-d${d}`, Role.Drafter, unit.id, true));
    for (let l = 1; l <= random.int(1, 2); l += 1) unit.leaders.push(person(`u${k + 1}-l${l}`, Role.Leader, unit.id, true));
    units.push(unit);
  }
  for (const u of unitRows) {
    tables.units.row().uuid(u.id).timestamp(since).timestamp(since).uuid(id).text(u.name).text(u.kind).uuid(u.parentId).text(u.prefix).text(u.workArea).varcharArray(u.remit);
  }

  person('admin', Role.Admin, null, false, `${place.local === '全国' ? '全国政协' : place.local}管理员`);
  const staff = Array.from({ length: STAFF[place.level] }, (_, i) => person(`staff${i + 1}`, Role.Staff, null, true));
  const chairs = Array.from({ length: random.int(2, 4) }, (_, i) => person(`chair${i + 1}`, Role.Member, null));
  const members = Array.from({ length: MEMBERS[place.level] }, (_, i) => person(`m${String(i + 1).padStart(4, '0')}`, Role.Member, null, random.chance(0.5)));
  offices.forEach((office, i) => person(`office${i + 1}`, Role.Office, office.id, false, `${office.name}收文`));

  for (const { person: p, role, unitId, username } of people) {
    tables.users.row().uuid(p.id).timestamp(since).timestamp(since).text(username).text(p.name).text(ctx.passwordHash).text(p.phone);
    tables.memberships.row().uuid(ids.next()).uuid(p.id).uuid(id).text(role).uuid(unitId).timestamp(since);
  }

  // Deadline rules: most committees keep the defaults; some answer in two months, some give ten working days for feedback.
  const variant = random.next();
  const rules: DeadlineRules =
    variant < 0.85
      ? DEFAULT_DEADLINE_RULES
      : variant < 0.95
        ? { ...DEFAULT_DEADLINE_RULES, replyDue: { amount: 2, unit: 'calendar_months' } }
        : { ...DEFAULT_DEADLINE_RULES, feedbackWindow: { amount: 10, unit: 'working_days' } };
  const rulesJson = JSON.stringify(rules);
  const planJson = JSON.stringify(DEFAULT_REMINDER_PLAN);
  const termStart = place.level === CommitteeLevel.National ? 2023 : random.pick([2021, 2022, 2022, 2023]);
  const term = place.level === CommitteeLevel.National ? 14 : place.level === CommitteeLevel.Province ? 13 : random.int(9, 15);
  const sessions = years.map((year): Session => {
    const [plenaryStart, plenaryEnd] = plenaryWindow(place.level, year, random);
    const inTerm = year >= termStart;
    const t = inTerm ? term : term - 1;
    const meeting = inTerm ? year - termStart + 1 : year - (termStart - 5) + 1;
    const name =
      place.level === CommitteeLevel.National
        ? `政协第${chineseNumber(t)}届全国委员会第${chineseNumber(meeting)}次会议`
        : `政协${chineseNumber(t)}届${place.local}委员会${chineseNumber(meeting)}次会议`;
    const session: Session = {
      id: ids.next(),
      name,
      year,
      plenaryStart,
      plenaryEnd,
      assignMeeting: ctx.calendar.workday(plenaryEnd + random.int(20, 45)),
      rules,
      copyUnitIds: offices.map((o) => o.id),
    };
    const created = at(plenaryStart - 60, 10);
    tables.cppcc_sessions
      .row()
      .uuid(session.id)
      .timestamp(created)
      .timestamp(created)
      .uuid(id)
      .text(name)
      .int(t)
      .int(meeting)
      .int(year)
      .date(plenaryStart)
      .date(plenaryEnd)
      .uuidArray(session.copyUnitIds)
      .jsonb(rulesJson)
      .jsonb(planJson);
    return session;
  });

  // A few committees grade replies A–D instead of the default A/B/C (DOMAIN.md: "some places use A–D").
  let grades: readonly string[] = DEFAULT_CODES[CodeTable.ReplyGrade].map((c) => c.code);
  if (random.chance(0.03)) {
    const table = [...DEFAULT_CODES[CodeTable.ReplyGrade], { code: 'D', label: '所提问题不具备解决条件，留作参考' }];
    table.forEach((entry, i) => tables.code_entries.row().uuid(ids.next()).uuid(id).text(CodeTable.ReplyGrade).text(entry.code).text(entry.label).int(i + 1));
    grades = table.map((c) => c.code);
  }

  return {
    index,
    id,
    place,
    staff,
    chairs,
    members,
    units,
    unitByKey: new Map(units.map((u) => [u.key, u])),
    offices,
    sessions,
    grades,
    groups: groupNames(place),
  };
}
