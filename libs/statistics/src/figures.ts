/**
 * Every figure the committee tracks (docs/domain/statistics.md defines each one), as data: its key, its
 * Chinese name, and — for a count — the fact table it counts rows of and the condition a row must meet.
 * The figures and their drill-down lists are both generated from these conditions, so a drill list
 * always has exactly as many rows as its figure.
 */

/**
 * The fact tables of statistics-sql.ts, one row per thing counted:
 * `pf` proposals, `sa` assignments, `ga` answers (each unit's latest sent answer), `ff` feedback forms
 * (each proposer's latest on each unit's answer), `fp` forms on first-round answers, `mm` members of
 * the committee, `pa` participating members.
 */
export type FactSource = 'pf' | 'sa' | 'ga' | 'ff' | 'fp' | 'mm' | 'pa';

/** What one row of a figure (and of its drill-down list) is. */
export type CountedThing = 'proposal' | 'assignment' | 'answer' | 'form' | 'member';

export const COUNTED_THING: Readonly<Record<FactSource, CountedThing>> = {
  pf: 'proposal',
  sa: 'assignment',
  ga: 'answer',
  ff: 'form',
  fp: 'form',
  mm: 'member',
  pa: 'member',
};

/** A count: the rows of `source` that meet `where` (SQL on the source's columns). */
export interface Counted {
  source: FactSource;
  where: string;
}

/** Whole committee or session (`summary`), or one line of the per-unit table (`unit`). */
export type FigureLevel = 'summary' | 'unit';

export type FigureKind = 'count' | 'rate' | 'average' | 'max';

export interface FigureDefinition {
  key: string;
  /** The name in reports and exports. */
  label: string;
  kind: FigureKind;
  /** For a count: what it counts at each level where it exists. */
  counts?: Partial<Record<FigureLevel, Counted>>;
  /** For a rate: numerator ÷ denominator, count keys of the same level (a unit's denominator may differ). */
  numerator?: string;
  denominators?: Partial<Record<FigureLevel, string>>;
  /** For an average or a maximum: the count whose rows it is taken over, and the column (days). */
  over?: string;
  column?: string;
  /** Levels where the figure exists. */
  levels: readonly FigureLevel[];
}

const count = (key: string, label: string, counts: Partial<Record<FigureLevel, Counted>>): FigureDefinition => ({
  key,
  label,
  kind: 'count',
  counts,
  levels: Object.keys(counts) as FigureLevel[],
});
const rate = (key: string, label: string, numerator: string, denominators: Partial<Record<FigureLevel, string>>): FigureDefinition => ({
  key,
  label,
  kind: 'rate',
  numerator,
  denominators,
  levels: Object.keys(denominators) as FigureLevel[],
});

const BOTH: readonly FigureLevel[] = ['summary', 'unit'];

/** The fixed figures, in report order. Grades (办理结果 A/B/C …) follow the committee's code table: see {@link gradeFigures}. */
export const FIGURES: readonly FigureDefinition[] = [
  count('submitted', '提交提案数', { summary: { source: 'pf', where: 'submitted' } }),
  count('filed', '立案数', { summary: { source: 'pf', where: 'filed' } }),
  rate('filingRate', '立案率', 'filed', { summary: 'submitted' }),
  count('merged', '并案数', { summary: { source: 'pf', where: 'merged' } }),
  count('toOpinion', '转为意见建议数', { summary: { source: 'pf', where: 'to_opinion' } }),
  count('notFiled', '不予立案数', { summary: { source: 'pf', where: 'not_filed' } }),
  count('withdrawn', '撤案数', { summary: { source: 'pf', where: 'withdrawn' } }),
  count('assigned', '交办数', { summary: { source: 'pf', where: 'assigned' } }),
  count('assignments', '交办件次', { unit: { source: 'sa', where: 'TRUE' } }),
  count('lead', '主办件数', { unit: { source: 'sa', where: "role = 'lead'" } }),
  count('co', '会办件数', { unit: { source: 'sa', where: "role = 'co'" } }),
  count('separate', '分办件数', { unit: { source: 'sa', where: "role = 'separate'" } }),
  count('toReply', '应办复件数', { unit: { source: 'sa', where: 'NOT waived' } }),
  count('replied', '办复数', { summary: { source: 'pf', where: 'replied' }, unit: { source: 'sa', where: 'replied_on IS NOT NULL' } }),
  rate('replyRate', '办复率', 'replied', { summary: 'filed', unit: 'toReply' }),
  count('onTime', '按期办复数', { summary: { source: 'pf', where: 'replied AND on_time' }, unit: { source: 'sa', where: 'on_time' } }),
  rate('onTimeRate', '按期办复率', 'onTime', { summary: 'filed', unit: 'toReply' }),
  count('late', '逾期办复数', { summary: { source: 'pf', where: 'replied AND NOT on_time' }, unit: { source: 'sa', where: 'replied_on IS NOT NULL AND NOT on_time' } }),
  { key: 'avgDaysToReply', label: '平均办复天数', kind: 'average', over: 'replied', column: 'days_to_reply', levels: BOTH },
  count('overdue', '超期未办复件次', { summary: { source: 'sa', where: 'overdue' }, unit: { source: 'sa', where: 'overdue' } }),
  { key: 'overdueMaxDays', label: '最长超期天数', kind: 'max', over: 'overdue', column: 'days_overdue', levels: BOTH },
  count('rehandled', '重新办理数', { summary: { source: 'pf', where: 'rehandled' } }),
  count('graded', '已评定办理结果的答复', { summary: { source: 'ga', where: 'grade IS NOT NULL' }, unit: { source: 'ga', where: 'grade IS NOT NULL' } }),
  count('feedbackForms', '征询意见表数', { summary: { source: 'ff', where: 'TRUE' }, unit: { source: 'ff', where: 'TRUE' } }),
  count('satisfied', '满意', { summary: { source: 'ff', where: "satisfaction = 'satisfied'" }, unit: { source: 'ff', where: "satisfaction = 'satisfied'" } }),
  rate('satisfiedRate', '满意率', 'satisfied', { summary: 'feedbackForms', unit: 'feedbackForms' }),
  count('basicallySatisfied', '基本满意', {
    summary: { source: 'ff', where: "satisfaction = 'basically_satisfied'" },
    unit: { source: 'ff', where: "satisfaction = 'basically_satisfied'" },
  }),
  rate('basicallySatisfiedRate', '基本满意率', 'basicallySatisfied', { summary: 'feedbackForms', unit: 'feedbackForms' }),
  count('dissatisfied', '不满意', { summary: { source: 'ff', where: "satisfaction = 'dissatisfied'" }, unit: { source: 'ff', where: "satisfaction = 'dissatisfied'" } }),
  count('firstPassForms', '首次答复征询意见表数', { summary: { source: 'fp', where: 'TRUE' } }),
  count('firstPassSatisfied', '首次答复满意或基本满意', { summary: { source: 'fp', where: "satisfaction IN ('satisfied', 'basically_satisfied')" } }),
  rate('firstPassRate', '首次办理满意率', 'firstPassSatisfied', { summary: 'firstPassForms' }),
  count('members', '委员总数', { summary: { source: 'mm', where: 'TRUE' } }),
  count('participants', '参与提案委员数', { summary: { source: 'pa', where: 'TRUE' } }),
  rate('participationRate', '委员参与率', 'participants', { summary: 'members' }),
];

/** A grade code the figures can name: letters and digits, as in the code table (A, B, C, D …). */
export const GRADE_CODE = /^[A-Z0-9]{1,4}$/;

/** 办理结果 figures for each grade code: the count of answers with it and its share of the graded ones. */
export function gradeFigures(codes: readonly string[]): FigureDefinition[] {
  return codes.flatMap((code) => [
    count(`grade${code}`, `办理结果${code}类`, { summary: { source: 'ga', where: 'grade = :grade' }, unit: { source: 'ga', where: 'grade = :grade' } }),
    rate(`grade${code}Share`, `${code}类占比`, `grade${code}`, { summary: 'graded', unit: 'graded' }),
  ]);
}

/** The figures of a committee whose grade codes are `codes`, at one level, in report order. */
export function figuresAt(level: FigureLevel, codes: readonly string[]): FigureDefinition[] {
  const graded = FIGURES.findIndex((f) => f.key === 'graded');
  const all = [...FIGURES.slice(0, graded + 1), ...gradeFigures(codes), ...FIGURES.slice(graded + 1)];
  return all.filter((f) => f.levels.includes(level));
}

/** The grade code a `grade…` key names, or null. */
export function gradeOfKey(key: string): string | null {
  const match = /^grade([A-Z0-9]{1,4})$/.exec(key);
  return match ? match[1] : null;
}
