import { type Counted, type FactSource, type FigureDefinition, type FigureLevel } from './figures.js';

/** Whose figures, and as of which day. */
export interface StatisticsScope {
  committeeId: string;
  /** The sessions counted; null for every session of the committee. */
  sessionIds: readonly string[] | null;
  /** The China date (YYYY-MM-DD) the figures stand at: only what happened by its end counts. */
  asOf: string;
  /** The zone dates are reckoned in (AppConfig.TIME_ZONE). */
  timeZone: string;
  /**
   * Where the fact rows come from: `live` computes them from the base tables as of `asOf` (ADR 10);
   * `kept` reads the kept statistics (ADR 14), which only a caller that has brought them up to date and
   * found them to stand for `asOf` (kept-statistics.ts) may ask for. Live when absent.
   */
  facts?: 'live' | 'kept';
}

/**
 * Which proposals the live fact tables cover: a committee's (one session, some, or all), or some by id —
 * the kept statistics' refresh, which needs no member tables.
 */
type LiveRows = Pick<StatisticsScope, 'committeeId' | 'sessionIds'> | { proposalIds: readonly string[] };

/** `mm`, the committee's members now (memberships keep no history: a removed member's row is gone). */
const membersTable = (committee: string): string =>
  `mm AS MATERIALIZED (
  SELECT DISTINCT m.user_id FROM memberships m WHERE m.committee_id = ${committee} AND m.role = 'member'
)`;

/** Whether the user `user` is a member (委员) of the committee now. */
const isMember = (user: string, committee: string): string =>
  `EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${user} AND m.committee_id = ${committee} AND m.role = 'member')`;

/** Positional parameters collected while the SQL text is written. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The fact tables every figure counts rows of, as one WITH clause (docs/domain/statistics.md explains
 * each column). Everything is read as it stood at the end of the `asOf` day: timestamps after it are
 * ignored, and a deadline's due date is the one in force then (its last event by then).
 *
 * - `b`  the day: `as_of` and `as_of_end` (the next midnight in the committee's zone)
 * - `sp` the proposals of the scope
 * - `sa` assignments (交办) given by then, reassigned ones left out: each with its first-round reply,
 *        the due date it was held to, and whether it is overdue at `as_of`
 * - `pf` proposals with their review outcome, assignment, 办复 (every answering unit's first-round
 *        answer sent), on-time and re-handling facts
 * - `ar` every answer sent by then; `ga` each answering unit's latest one, with its grade (办理结果)
 * - `af` every form given by then on those answers; `ff` each proposer's latest form on each answering
 *        unit's answers; `fp` forms on first-round answers
 * - `mm` members (委员) of the committee (now: memberships keep no history); `pa` those of them who proposed
 *        or co-signed a proposal of the scope submitted by then
 */
export function factTables(scope: StatisticsScope, params: SqlParams): string {
  return scope.facts === 'kept' ? keptFactTables(scope, params) : liveFactTables(scope, scope, params);
}

/** The fact tables computed from the base tables as of `asOf` (ADR 10), for the proposals `rows` names. */
export function liveFactTables(day: Pick<StatisticsScope, 'asOf' | 'timeZone'>, rows: LiveRows, params: SqlParams): string {
  const asOf = params.add(day.asOf);
  const zone = params.add(day.timeZone);
  const committee = 'committeeId' in rows ? params.add(rows.committeeId) : null;
  const proposals =
    'committeeId' in rows
      ? `p.committee_id = ${committee}${rows.sessionIds ? ` AND p.session_id = ANY(${params.add(rows.sessionIds)}::uuid[])` : ''}`
      : `p.id = ANY(${params.add(rows.proposalIds)}::uuid[])`;
  const members =
    committee === null
      ? ''
      : `,
${membersTable(committee)},
pa AS MATERIALIZED (
  SELECT DISTINCT pr.user_id
  FROM sp JOIN proposers pr ON pr.proposal_id = sp.id CROSS JOIN b
  WHERE sp.submitted_at < b.as_of_end AND pr.via_proposal_id IS NULL AND ${isMember('pr.user_id', committee)}
)`;
  return `WITH
b AS MATERIALIZED (
  SELECT ${asOf}::date AS as_of, ((${asOf}::date + 1)::timestamp AT TIME ZONE ${zone}) AS as_of_end
),
sp AS MATERIALIZED (
  SELECT p.id, p.committee_id, p.session_id, p.number, p.title, p.submitted_at, p.filed_at
  FROM proposals p WHERE ${proposals}
),
sa AS MATERIALIZED (
  SELECT a.id, a.proposal_id, sp.committee_id, sp.session_id, a.unit_id, a.role,
    (a.assigned_at AT TIME ZONE ${zone})::date AS assigned_on,
    COALESCE(a.waived_at < b.as_of_end, false) AS waived,
    rt.replied_on,
    rt.reply_due,
    COALESCE(rt.replied_on <= rt.reply_due, false) AS on_time,
    rt.replied_on - (a.assigned_at AT TIME ZONE ${zone})::date AS days_to_reply,
    ev.due_on,
    COALESCE(ev.due_on < b.as_of, false) AS overdue,
    CASE WHEN ev.due_on < b.as_of THEN b.as_of - ev.due_on END AS days_overdue
  FROM sp
  JOIN assignments a ON a.proposal_id = sp.id
  CROSS JOIN b
  LEFT JOIN replies r ON r.assignment_id = a.id AND r.round = 1
  LEFT JOIN deadlines d ON d.assignment_id = a.id AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)
  CROSS JOIN LATERAL (
    -- history brought over without reply rows keeps only the assignment's replied_at
    SELECT CASE WHEN r.id IS NULL THEN a.replied_at ELSE r.dispatched_at END AS at
  ) sent
  CROSS JOIN LATERAL (
    SELECT
      CASE WHEN sent.at < b.as_of_end THEN (sent.at AT TIME ZONE ${zone})::date END AS replied_on,
      CASE WHEN sent.at < b.as_of_end THEN COALESCE(r.due_date, (
        SELECT e.to_date FROM deadline_events e
        WHERE e.deadline_id = d.id AND e.at <= r.dispatched_at AND e.kind NOT IN ('met', 'cancelled')
        ORDER BY e.at DESC, e.id DESC LIMIT 1
      )) END AS reply_due
  ) rt
  LEFT JOIN LATERAL (
    SELECT CASE WHEN e.kind IN ('set', 'extended', 'recomputed', 'clock-resumed') THEN e.to_date END AS due_on
    FROM deadline_events e
    WHERE e.deadline_id = d.id AND e.at < b.as_of_end
    ORDER BY e.at DESC, e.id DESC LIMIT 1
  ) ev ON TRUE
  WHERE a.status <> 'reassigned' AND a.assigned_at < b.as_of_end
),
pf AS MATERIALIZED (
  -- One row per proposal by grouping its own facts with its answering units' facts (UNION ALL, then
  -- GROUP BY): no join between fact tables, so a poor row estimate never turns into a nested loop over them.
  SELECT u.id,
    bool_or(u.submitted) AS submitted,
    bool_or(u.filed) AS filed,
    bool_or(u.merged) AS merged,
    bool_or(u.to_opinion) AS to_opinion,
    bool_or(u.not_filed) AS not_filed,
    bool_or(u.withdrawn) AS withdrawn,
    bool_or(u.first_assigned_at IS NOT NULL) AS assigned,
    bool_or(u.filed) AND count(*) FILTER (WHERE u.answer) > 0 AND count(*) FILTER (WHERE u.answer) = count(u.replied_on) FILTER (WHERE u.answer) AS replied,
    max(u.replied_on) FILTER (WHERE u.answer) AS replied_on,
    COALESCE(bool_and(u.on_time) FILTER (WHERE u.answer), false) AS on_time,
    max(u.replied_on) FILTER (WHERE u.answer) - (min(u.first_assigned_at) AT TIME ZONE ${zone})::date AS days_to_reply,
    bool_or(u.rehandled) AS rehandled
  FROM (
    SELECT sp.id, false AS answer,
      COALESCE(sp.submitted_at < b.as_of_end, false) AS submitted,
      COALESCE(sp.filed_at < b.as_of_end, false) AS filed,
      COALESCE(rd.merged, false) AS merged,
      COALESCE(rd.to_opinion, false) AS to_opinion,
      COALESCE(rd.not_filed, false) AS not_filed,
      COALESCE(rd.withdrawn AND sp.submitted_at < b.as_of_end, false) AS withdrawn,
      fa.first_assigned_at,
      COALESCE(rh.rehandled, false) AS rehandled,
      NULL::date AS replied_on,
      NULL::boolean AS on_time
    FROM sp
    CROSS JOIN b
    CROSS JOIN LATERAL (
      -- 并案, 转为意见建议, 不予立案, 撤案 happen before filing: a proposal filed by then has none to read
      SELECT bool_or(d.outcome = 'merged') AS merged, bool_or(d.outcome = 'to_opinion') AS to_opinion,
        bool_or(d.outcome = 'not_filed') AS not_filed, bool_or(d.outcome = 'withdrawn') AS withdrawn
      FROM review_decisions d
      WHERE NOT COALESCE(sp.filed_at < b.as_of_end, false) AND d.proposal_id = sp.id AND d.decided_at < b.as_of_end
    ) rd
    CROSS JOIN LATERAL (
      -- 交办: the first assignment by then (a reassigned one too); and whether any went past round 1
      SELECT min(a.assigned_at) FILTER (WHERE a.assigned_at < b.as_of_end) AS first_assigned_at, COALESCE(bool_or(a.round >= 2), false) AS past_round_1
      FROM assignments a WHERE a.proposal_id = sp.id
    ) fa
    CROSS JOIN LATERAL (
      -- 重新办理: the committee's order is the proposal's 'rehandle' transition in the audit trail, read
      -- only for proposals with an assignment past round 1 (CASE evaluates the EXISTS for those alone)
      SELECT CASE WHEN fa.past_round_1 THEN EXISTS (
        SELECT 1 FROM audit_entries ae
        WHERE ae.committee_id = sp.committee_id AND ae.entity = 'proposal' AND ae.entity_id = sp.id
          AND ae.action = 'proposal.rehandle' AND ae.at < b.as_of_end
      ) ELSE false END AS rehandled
    ) rh
    UNION ALL
    SELECT sa.proposal_id, true, false, false, false, false, false, false, NULL, false, sa.replied_on, sa.on_time
    FROM sa WHERE sa.role <> 'co'
  ) u
  GROUP BY u.id
),
ar AS MATERIALIZED (
  -- every answer (答复, 分办答复) sent by then, all rounds: read once for the grades and the forms
  SELECT r.id, r.proposal_id, r.assignment_id, sa.committee_id, sa.session_id, sa.unit_id, r.grade, r.round, r.dispatched_at
  FROM sa JOIN replies r ON r.assignment_id = sa.id CROSS JOIN b
  WHERE sa.role <> 'co' AND r.dispatched_at < b.as_of_end
),
ga AS MATERIALIZED (
  SELECT DISTINCT ON (r.assignment_id) r.id, r.proposal_id, r.assignment_id, r.committee_id, r.session_id, r.unit_id, r.grade, r.round,
    (r.dispatched_at AT TIME ZONE ${zone})::date AS dispatched_on
  FROM ar r
  ORDER BY r.assignment_id, r.round DESC
),
af AS MATERIALIZED (
  -- every feedback form given by then on those answers
  SELECT f.id, f.proposal_id, r.assignment_id, r.committee_id, r.session_id, r.unit_id, f.proposer_user_id, f.satisfaction,
    f.recorded_by_user_id <> f.proposer_user_id AS paper, r.round, (f.created_at AT TIME ZONE ${zone})::date AS given_on
  FROM ar r JOIN feedback f ON f.reply_id = r.id CROSS JOIN b
  WHERE f.created_at < b.as_of_end
),
ff AS MATERIALIZED (
  SELECT DISTINCT ON (assignment_id, proposer_user_id) * FROM af ORDER BY assignment_id, proposer_user_id, round DESC
),
fp AS MATERIALIZED (
  SELECT * FROM af WHERE round = 1
)${members}`;
}

/**
 * The same fact tables read from the kept statistics (ADR 14): the rows as they stand now, which are the
 * rows as of `asOf` whenever nothing of the committee happened after `asOf` ended (the caller checks
 * `latest_at`). Only what depends on the day itself is computed here: overdue and days overdue.
 */
export function keptFactTables(scope: StatisticsScope, params: SqlParams): string {
  const committee = params.add(scope.committeeId);
  const asOf = params.add(scope.asOf);
  const zone = params.add(scope.timeZone);
  const inScope = `k.committee_id = ${committee}${scope.sessionIds ? ` AND k.session_id = ANY(${params.add(scope.sessionIds)}::uuid[])` : ''}`;
  const form = `k.feedback_id AS id, k.proposal_id, k.assignment_id, k.committee_id, k.session_id, k.unit_id, k.proposer_user_id, k.satisfaction, k.paper, k.round, k.given_on`;
  return `WITH
b AS MATERIALIZED (
  SELECT ${asOf}::date AS as_of, ((${asOf}::date + 1)::timestamp AT TIME ZONE ${zone}) AS as_of_end
),
sa AS MATERIALIZED (
  SELECT k.assignment_id AS id, k.proposal_id, k.committee_id, k.session_id, k.unit_id, k.role, k.assigned_on, k.waived, k.replied_on,
    k.reply_due, k.on_time, k.days_to_reply, k.due_on,
    COALESCE(k.due_on < b.as_of, false) AS overdue,
    CASE WHEN k.due_on < b.as_of THEN b.as_of - k.due_on END AS days_overdue
  FROM statistics_assignments k CROSS JOIN b WHERE ${inScope}
),
pf AS MATERIALIZED (
  SELECT k.proposal_id AS id, k.submitted, k.filed, k.merged, k.to_opinion, k.not_filed, k.withdrawn, k.assigned, k.replied, k.replied_on,
    k.on_time, k.days_to_reply, k.rehandled
  FROM statistics_proposals k WHERE ${inScope}
),
ga AS MATERIALIZED (
  SELECT k.reply_id AS id, k.proposal_id, k.assignment_id, k.committee_id, k.session_id, k.unit_id, k.grade, k.round, k.dispatched_on
  FROM statistics_answers k WHERE ${inScope}
),
ff AS MATERIALIZED (
  SELECT ${form} FROM statistics_forms k WHERE ${inScope} AND k.latest
),
fp AS MATERIALIZED (
  SELECT ${form} FROM statistics_forms k WHERE ${inScope} AND k.round = 1
),
${membersTable(committee)},
pa AS MATERIALIZED (
  SELECT DISTINCT u.user_id
  FROM statistics_proposals k CROSS JOIN LATERAL unnest(k.participants) AS u(user_id)
  WHERE ${inScope} AND ${isMember('u.user_id', committee)}
)`;
}

/** The day the kept statistics are computed as of: after every timestamp, so every fact counts as it stands. */
const END_OF_TIME = '9999-12-30';

/**
 * Recomputes the kept statistics of some proposals (their kept rows must have been deleted first) from
 * the live fact tables as of the end of time, with `latest_at`: the latest timestamp any of their facts
 * depends on, which tells the reader as of which days the kept rows are the live ones.
 */
export function keptRefreshSql(proposalIds: readonly string[], timeZone: string): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const facts = liveFactTables({ asOf: END_OF_TIME, timeZone }, { proposalIds }, params);
  return {
    text: `${facts},
kp AS (
  INSERT INTO statistics_proposals (proposal_id, committee_id, session_id, submitted, filed, merged, to_opinion, not_filed, withdrawn, assigned,
    replied, replied_on, on_time, days_to_reply, rehandled, participants, latest_at)
  SELECT pf.id, p.committee_id, p.session_id, pf.submitted, pf.filed, pf.merged, pf.to_opinion, pf.not_filed, pf.withdrawn, pf.assigned,
    pf.replied, pf.replied_on, pf.on_time, pf.days_to_reply, pf.rehandled,
    CASE WHEN p.submitted_at IS NULL THEN '{}'::uuid[] ELSE ARRAY(
      SELECT pr.user_id FROM proposers pr WHERE pr.proposal_id = p.id AND pr.via_proposal_id IS NULL ORDER BY pr.user_id
    ) END,
    GREATEST(p.submitted_at, p.filed_at,
      (SELECT max(d.decided_at) FROM review_decisions d WHERE d.proposal_id = p.id),
      (SELECT max(GREATEST(a.assigned_at, a.waived_at, a.replied_at)) FROM assignments a WHERE a.proposal_id = p.id),
      (SELECT max(r.dispatched_at) FROM replies r WHERE r.proposal_id = p.id),
      (SELECT max(e.at) FROM assignments a JOIN deadlines dl ON dl.assignment_id = a.id JOIN deadline_events e ON e.deadline_id = dl.id WHERE a.proposal_id = p.id),
      (SELECT max(f.created_at) FROM feedback f WHERE f.proposal_id = p.id),
      (SELECT max(ae.at) FROM audit_entries ae
        WHERE ae.committee_id = p.committee_id AND ae.entity = 'proposal' AND ae.entity_id = p.id AND ae.action = 'proposal.rehandle'))
  FROM pf JOIN proposals p ON p.id = pf.id
  RETURNING 1
),
ka AS (
  INSERT INTO statistics_assignments (assignment_id, proposal_id, committee_id, session_id, unit_id, role, assigned_on, waived, replied_on,
    reply_due, on_time, days_to_reply, due_on)
  SELECT sa.id, sa.proposal_id, sa.committee_id, sa.session_id, sa.unit_id, sa.role, sa.assigned_on, sa.waived, sa.replied_on,
    sa.reply_due, sa.on_time, sa.days_to_reply, sa.due_on
  FROM sa
  RETURNING 1
),
kg AS (
  INSERT INTO statistics_answers (reply_id, proposal_id, assignment_id, committee_id, session_id, unit_id, grade, round, dispatched_on)
  SELECT ga.id, ga.proposal_id, ga.assignment_id, ga.committee_id, ga.session_id, ga.unit_id, ga.grade, ga.round, ga.dispatched_on FROM ga
  RETURNING 1
),
kf AS (
  INSERT INTO statistics_forms (feedback_id, proposal_id, assignment_id, committee_id, session_id, unit_id, proposer_user_id, satisfaction,
    paper, round, given_on, latest)
  SELECT af.id, af.proposal_id, af.assignment_id, af.committee_id, af.session_id, af.unit_id, af.proposer_user_id, af.satisfaction,
    af.paper, af.round, af.given_on, af.id IN (SELECT ff.id FROM ff)
  FROM af
  RETURNING 1
)
SELECT (SELECT count(*) FROM kp) AS proposals, (SELECT count(*) FROM ka) AS assignments, (SELECT count(*) FROM kg) AS answers, (SELECT count(*) FROM kf) AS forms`,
    values: params.values,
  };
}

/** The SQL condition of a count, its grade placeholder bound. */
function condition(counted: Counted, params: SqlParams, grade: string | null): string {
  return counted.where.includes(':grade') ? counted.where.replace(':grade', params.add(grade)) : counted.where;
}

/** The sources a level aggregates, with the grouping column for the per-unit table. */
const UNIT_SOURCES: readonly FactSource[] = ['sa', 'ga', 'ff'];

/**
 * One statement that computes every count (and the sums and maxima that averages and maxima need) of a
 * level, from the same conditions the drill-down lists use. Returns one JSON object per fact table:
 * for the summary `{ key: n }`, for units `{ unitId: { key: n } }`; grades come grouped by code.
 */
export function aggregateSql(scope: StatisticsScope, level: FigureLevel, figures: readonly FigureDefinition[]): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const facts = factTables(scope, params);
  const bySource = new Map<FactSource, string[]>();
  for (const figure of figures) {
    const counted = figure.counts?.[level];
    if (figure.kind !== 'count' || !counted || counted.where.includes(':grade')) continue;
    const items = bySource.get(counted.source) ?? [];
    items.push(`'${figure.key}', count(*) FILTER (WHERE ${condition(counted, params, null)})`);
    bySource.set(counted.source, items);
  }
  for (const figure of figures) {
    if (figure.kind !== 'average' && figure.kind !== 'max') continue;
    const over = figures.find((f) => f.key === figure.over)?.counts?.[level];
    if (!over) continue;
    const items = bySource.get(over.source) ?? [];
    const aggregate = figure.kind === 'average' ? 'sum' : 'max';
    items.push(`'${figure.key}', ${aggregate}(${figure.column}) FILTER (WHERE ${condition(over, params, null)})`);
    bySource.set(over.source, items);
  }
  const selects: string[] = [];
  for (const [source, items] of bySource) {
    if (level === 'unit' && !UNIT_SOURCES.includes(source)) continue;
    const object = `jsonb_build_object(${items.join(', ')})`;
    selects.push(
      level === 'summary'
        ? `(SELECT ${object} FROM ${source}) AS ${source}`
        : `(SELECT jsonb_object_agg(unit_id, figures) FROM (SELECT unit_id, ${object} AS figures FROM ${source} GROUP BY unit_id) x) AS ${source}`,
    );
  }
  selects.push(
    level === 'summary'
      ? `(SELECT jsonb_object_agg(grade, n) FROM (SELECT grade, count(*) AS n FROM ga WHERE grade IS NOT NULL GROUP BY grade) g) AS grades`
      : `(SELECT jsonb_object_agg(unit_id, grades) FROM (SELECT unit_id, jsonb_object_agg(grade, n) AS grades FROM
           (SELECT unit_id, grade, count(*) AS n FROM ga WHERE grade IS NOT NULL GROUP BY unit_id, grade) g GROUP BY unit_id) x) AS grades`,
  );
  return { text: `${facts}\nSELECT ${selects.join(',\n  ')}`, values: params.values };
}

/** The fact tables that list alike (first-pass forms as forms, participants as members). */
type ListedAs = 'pf' | 'sa' | 'ga' | 'ff' | 'mm';
const LISTED_AS: Readonly<Record<FactSource, ListedAs>> = { pf: 'pf', sa: 'sa', ga: 'ga', ff: 'ff', fp: 'ff', mm: 'mm', pa: 'mm' };

/** The columns each drill-down row shows, by fact table. */
const DRILL_COLUMNS: Readonly<Record<ListedAs, { select: string; joins: string; order: string }>> = {
  pf: {
    select: `'proposal' AS thing, x.id AS proposal_id, p.number, p.title, s.name AS session_name, p.status,
      x.replied_on::text AS replied_on, x.days_to_reply, x.on_time, NULL::uuid AS unit_id, NULL AS unit_name, NULL AS role, NULL AS due_on,
      NULL::int AS days_overdue, NULL AS grade, NULL::uuid AS user_id, NULL AS user_name, NULL AS satisfaction, NULL::boolean AS paper`,
    joins: 'JOIN proposals p ON p.id = x.id JOIN cppcc_sessions s ON s.id = p.session_id',
    order: 's.year, s.name, p.number NULLS LAST, x.id',
  },
  sa: {
    select: `'assignment' AS thing, x.proposal_id, p.number, p.title, s.name AS session_name, p.status,
      x.replied_on::text AS replied_on, x.days_to_reply, x.on_time, x.unit_id, u.name AS unit_name, x.role, x.due_on::text AS due_on,
      x.days_overdue, NULL AS grade, NULL::uuid AS user_id, NULL AS user_name, NULL AS satisfaction, NULL::boolean AS paper`,
    joins: 'JOIN proposals p ON p.id = x.proposal_id JOIN cppcc_sessions s ON s.id = p.session_id JOIN units u ON u.id = x.unit_id',
    order: 'x.days_overdue DESC NULLS LAST, s.year, s.name, p.number NULLS LAST, u.name, x.id',
  },
  ga: {
    select: `'answer' AS thing, x.proposal_id, p.number, p.title, s.name AS session_name, p.status,
      x.dispatched_on::text AS replied_on, NULL::int AS days_to_reply, NULL::boolean AS on_time, x.unit_id, u.name AS unit_name, NULL AS role,
      NULL AS due_on, NULL::int AS days_overdue, x.grade, NULL::uuid AS user_id, NULL AS user_name, NULL AS satisfaction, NULL::boolean AS paper`,
    joins: 'JOIN proposals p ON p.id = x.proposal_id JOIN cppcc_sessions s ON s.id = p.session_id JOIN units u ON u.id = x.unit_id',
    order: 's.year, s.name, p.number NULLS LAST, u.name, x.id',
  },
  ff: {
    select: `'form' AS thing, x.proposal_id, p.number, p.title, s.name AS session_name, p.status,
      x.given_on::text AS replied_on, NULL::int AS days_to_reply, NULL::boolean AS on_time, x.unit_id, un.name AS unit_name, NULL AS role,
      NULL AS due_on, NULL::int AS days_overdue, NULL AS grade, x.proposer_user_id AS user_id, us.display_name AS user_name, x.satisfaction, x.paper`,
    joins:
      'JOIN proposals p ON p.id = x.proposal_id JOIN cppcc_sessions s ON s.id = p.session_id JOIN units un ON un.id = x.unit_id JOIN users us ON us.id = x.proposer_user_id',
    order: 's.year, s.name, p.number NULLS LAST, un.name, us.display_name, x.id',
  },
  mm: {
    select: `'member' AS thing, NULL::uuid AS proposal_id, NULL::int AS number, NULL AS title, NULL AS session_name, NULL AS status,
      NULL AS replied_on, NULL::int AS days_to_reply, NULL::boolean AS on_time, NULL::uuid AS unit_id, NULL AS unit_name, NULL AS role,
      NULL AS due_on, NULL::int AS days_overdue, NULL AS grade, x.user_id, us.display_name AS user_name, NULL AS satisfaction, NULL::boolean AS paper`,
    joins: 'JOIN users us ON us.id = x.user_id',
    order: 'us.display_name, x.user_id',
  },
};

/** The raw row of a drill-down list (one per thing counted). */
export interface DrillRow {
  thing: string;
  proposal_id: string | null;
  number: number | null;
  title: string | null;
  session_name: string | null;
  status: string | null;
  replied_on: string | null;
  days_to_reply: number | null;
  on_time: boolean | null;
  unit_id: string | null;
  unit_name: string | null;
  role: string | null;
  due_on: string | null;
  days_overdue: number | null;
  grade: string | null;
  user_id: string | null;
  user_name: string | null;
  satisfaction: string | null;
  paper: boolean | null;
  total: string;
}

/** The rows behind one count, optionally of one unit, a page of them with the total (`count(*) OVER ()`). */
export function drillSql(
  scope: StatisticsScope,
  counted: Counted,
  options: { grade: string | null; unitId: string | null; limit: number | null; offset: number },
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const facts = factTables(scope, params);
  const columns = DRILL_COLUMNS[LISTED_AS[counted.source]];
  // The condition is applied where only the fact table's columns are in sight, then the names are joined on.
  const where = [condition(counted, params, options.grade)];
  if (options.unitId) where.push(`unit_id = ${params.add(options.unitId)}`);
  const page = `${options.limit === null ? '' : `LIMIT ${params.add(options.limit)}`} OFFSET ${params.add(options.offset)}`;
  return {
    text: `${facts}
SELECT ${columns.select}, count(*) OVER () AS total
FROM (SELECT * FROM ${counted.source} WHERE ${where.join(' AND ')}) x ${columns.joins}
ORDER BY ${columns.order} ${page}`,
    values: params.values,
  };
}
