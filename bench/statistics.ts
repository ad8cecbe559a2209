/**
 * Statistics benchmark (`npm run bench:statistics`): how long the committee figures take — the summary of
 * one session and of all sessions of a committee, the per-unit table of each, and the first page of the
 * overdue list — p50 and p95 over `--runs` runs (after one warm-up). Figures only, no assertions.
 *
 *   npm run bench:statistics                              fresh database, filled with 100,000 proposals, dropped at the end
 *   npm run bench:statistics -- --proposals 1000000       the same with a million (--largest, --committees, --sessions, --units, --members)
 *   DATABASE_URL=postgres://…/filled npm run bench:statistics
 *                                                        measures an already-filled database (read only): its committee
 *                                                        with the most proposals, and that committee's largest session
 *   --explain                                            also prints EXPLAIN (ANALYZE, BUFFERS) of the one-session summary
 *   --keep                                               keeps the filled database (its DATABASE_URL is printed) to measure again
 *
 * The fill is plain INSERT … SELECT over generate_series, deterministic (ids and fates are hashes of the
 * row number), shaped like a national platform: one committee as large as the national one (--largest,
 * default 30,000 proposals: five sessions of 6,000) and the rest in committees of about 6,000 each
 * (--committees overrides their number); S sessions, U units and M members per committee; about
 * 87% filed, 95% of those assigned to a lead unit (a third with a co-unit), three quarters replied (late
 * ones too), deadlines with their events, grades, one feedback form per answer for 70%, 2% re-handled,
 * three audit entries per proposal.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, Permission } from '#app/auth';
import { AuditModule, chainPendingAuditEntries } from '#app/audit';
import { CoreModule, DatabaseModule } from '#app/core';
import { Role } from '#app/org';
import { type ResolvedScope, StatisticsModule, StatisticsService } from '#app/statistics';
import { DATABASE_PARTS } from '#migrations';
import { benchEnvironment, type BenchEnvironment } from './bench-environment.js';
import { percentile } from './percentile.js';

const { values: options } = parseArgs({
  options: {
    proposals: { type: 'string', default: '100000' },
    largest: { type: 'string', default: '30000' },
    committees: { type: 'string' },
    sessions: { type: 'string', default: '5' },
    units: { type: 'string', default: '80' },
    members: { type: 'string', default: '500' },
    runs: { type: 'string', default: '20' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), AuditModule, StatisticsModule] })
class BenchModule {}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * The fill, in order, for N proposals — the first L in committee 1, the others spread over committees 2..K —
 * with S sessions, U units and M members per committee.
 */
const fillStatements = (N: number, L: number, K: number, S: number, U: number, M: number): string[] => [
  `INSERT INTO committees (id, name, level, region)
   SELECT md5('c' || c)::uuid, 'bench committee ' || c, 'city', 'bench' FROM generate_series(1, ${K}) c`,
  `INSERT INTO cppcc_sessions (id, committee_id, name, term, meeting, year, plenary_start, plenary_end, deadline_rules, reminder_plan)
   SELECT md5('s' || c || '-' || s)::uuid, md5('c' || c)::uuid, 'bench session ' || s, 1, s, 2020 + s,
     make_date(2020 + s, 1, 10), make_date(2020 + s, 1, 14), '{}', '{}'
   FROM generate_series(1, ${K}) c, generate_series(1, ${S}) s`,
  `INSERT INTO units (id, committee_id, name, kind)
   SELECT md5('u' || c || '-' || k)::uuid, md5('c' || c)::uuid, 'bench unit ' || lpad(k::text, 3, '0'), 'handling'
   FROM generate_series(1, ${K}) c, generate_series(0, ${U} - 1) k`,
  `INSERT INTO users (id, username, display_name, password_hash)
   SELECT md5('m' || c || '-' || k)::uuid, 'bench-m-' || c || '-' || k, '委员' || k, 'bench'
   FROM generate_series(1, ${K}) c, generate_series(0, ${M} - 1) k
   UNION ALL SELECT md5('staff' || c)::uuid, 'bench-staff-' || c, '工作人员', 'bench' FROM generate_series(1, ${K}) c`,
  `INSERT INTO memberships (user_id, committee_id, role)
   SELECT md5('m' || c || '-' || k)::uuid, md5('c' || c)::uuid, 'member' FROM generate_series(1, ${K}) c, generate_series(0, ${M} - 1) k
   UNION ALL SELECT md5('staff' || c)::uuid, md5('c' || c)::uuid, 'staff' FROM generate_series(1, ${K}) c`,
  `CREATE TEMP TABLE bp AS
   SELECT i, md5('p' || i)::uuid AS id, c AS ci, md5('c' || c)::uuid AS committee_id, md5('s' || c || '-' || s)::uuid AS session_id,
     md5('staff' || c)::uuid AS staff_id, fate, rep,
     md5('u' || c || '-' || (abs(hashtext(i || 'unit')) % ${U}))::uuid AS lead_unit,
     md5('u' || c || '-' || ((abs(hashtext(i || 'unit')) + 1) % ${U}))::uuid AS co_unit,
     md5('m' || c || '-' || (abs(hashtext(i || 'mem')) % ${M}))::uuid AS lead_member,
     md5('m' || c || '-' || ((abs(hashtext(i || 'mem')) + 7) % ${M}))::uuid AS co_member,
     submitted,
     submitted + (1 + abs(hashtext(i || 'file')) % 20) * interval '1 day' AS filed,
     submitted + (1 + abs(hashtext(i || 'file')) % 20 + 1 + abs(hashtext(i || 'asg')) % 30) * interval '1 day' AS assigned,
     submitted + (1 + abs(hashtext(i || 'file')) % 20 + 1 + abs(hashtext(i || 'asg')) % 30 + 20 + abs(hashtext(i || 'days')) % 150) * interval '1 day'
       + (abs(hashtext(i || 'min2')) % 1440) * interval '1 minute' AS dispatched
   FROM (
     SELECT i, CASE WHEN i <= ${L} OR ${K} = 1 THEN 1 ELSE 2 + i % (${K} - 1) END AS c, 1 + abs(hashtext(i || 'session')) % ${S} AS s,
       abs(hashtext(i || 'fate')) % 1000 AS fate, abs(hashtext(i || 'rep')) % 1000 AS rep,
       ((make_date(2020 + 1 + abs(hashtext(i || 'session')) % ${S}, 1, 10) + abs(hashtext(i || 'sub')) % 80)::timestamp AT TIME ZONE 'Asia/Shanghai')
         + (abs(hashtext(i || 'min')) % 1440) * interval '1 minute' AS submitted
     FROM generate_series(1, ${N}) i
   ) x`,
  `INSERT INTO proposals (id, committee_id, session_id, number, kind, title, body, status, submitted_at, filed_at)
   SELECT id, committee_id, session_id, CASE WHEN fate >= 130 THEN i END, 'plenary', '基准提案第' || i || '件', '正文',
     CASE WHEN fate < 30 THEN 'draft' WHEN fate < 80 THEN 'not_filed' WHEN fate < 130 THEN 'merged' WHEN fate < 180 THEN 'filed' WHEN rep < 750 THEN 'replied' ELSE 'in_handling' END,
     CASE WHEN fate >= 30 THEN submitted END, CASE WHEN fate >= 130 THEN filed END
   FROM bp`,
  `INSERT INTO proposers (proposal_id, user_id, role)
   SELECT id, lead_member, 'lead' FROM bp
   UNION ALL SELECT id, co_member, 'co_signer' FROM bp WHERE rep % 2 = 0 AND co_member <> lead_member`,
  `INSERT INTO review_decisions (proposal_id, outcome, decided_by_user_id, decided_at)
   SELECT id, CASE WHEN fate < 80 THEN 'not_filed' WHEN fate < 130 THEN 'merged' ELSE 'filed' END, staff_id, filed FROM bp WHERE fate >= 30`,
  `INSERT INTO assignments (id, committee_id, proposal_id, unit_id, role, status, round, assigned_by_user_id, assigned_at, accepted_at, replied_at)
   SELECT md5('a' || i)::uuid, committee_id, id, lead_unit, 'lead', CASE WHEN rep < 750 THEN 'replied' ELSE 'accepted' END, CASE WHEN rep < 20 THEN 2 ELSE 1 END,
     staff_id, assigned, assigned + interval '1 day', CASE WHEN rep < 750 THEN dispatched END
   FROM bp WHERE fate >= 180
   UNION ALL
   SELECT md5('ac' || i)::uuid, committee_id, id, co_unit, 'co', CASE WHEN rep < 650 THEN 'replied' ELSE 'accepted' END, 1,
     staff_id, assigned, assigned + interval '1 day', CASE WHEN rep < 650 THEN assigned + interval '25 days' END
   FROM bp WHERE fate >= 180 AND rep % 3 = 0`,
  `INSERT INTO deadlines (id, committee_id, assignment_id, kind, status, start_date, due_date, explanation)
   SELECT md5('d' || a.id)::uuid, a.committee_id, a.id, CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END,
     CASE WHEN a.replied_at IS NULL THEN 'open' ELSE 'met' END, (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date,
     (a.assigned_at AT TIME ZONE 'Asia/Shanghai')::date + CASE WHEN a.role = 'co' THEN 30 ELSE 90 END, '{"steps": []}'
   FROM assignments a JOIN bp ON bp.id = a.proposal_id`,
  `INSERT INTO deadline_events (deadline_id, kind, from_date, to_date, at)
   SELECT d.id, e.kind, CASE WHEN e.kind = 'met' THEN d.due_date END, CASE WHEN e.kind = 'set' THEN d.due_date END, e.at
   FROM deadlines d JOIN assignments a ON a.id = d.assignment_id JOIN bp ON bp.id = a.proposal_id
   CROSS JOIN LATERAL (VALUES ('set', a.assigned_at), ('met', a.replied_at)) AS e(kind, at)
   WHERE e.at IS NOT NULL
   ORDER BY e.at`,
  `INSERT INTO replies (id, committee_id, proposal_id, assignment_id, unit_id, kind, round, status, grade, title, addressee, opening, drafted_by_user_id, dispatched_at, due_date)
   SELECT md5('r' || a.id)::uuid, a.committee_id, a.proposal_id, a.id, a.unit_id, CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'answer' END, 1, 'dispatched',
     CASE WHEN a.role = 'co' THEN NULL ELSE (ARRAY['A', 'B', 'C'])[1 + bp.rep % 3] END, '答复', '尊敬的委员：', '已收悉。', bp.staff_id, a.replied_at, d.due_date
   FROM assignments a JOIN bp ON bp.id = a.proposal_id JOIN deadlines d ON d.assignment_id = a.id
   WHERE a.replied_at IS NOT NULL`,
  `INSERT INTO feedback (committee_id, proposal_id, reply_id, proposer_user_id, satisfaction, contacted, answered, recorded_by_user_id, created_at)
   SELECT bp.committee_id, bp.id, md5('r' || md5('a' || bp.i)::uuid)::uuid, bp.lead_member,
     (ARRAY['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'basically_satisfied', 'dissatisfied', 'satisfied'])[1 + bp.rep % 7],
     true, true, bp.lead_member, bp.dispatched + interval '10 days'
   FROM bp WHERE bp.fate >= 180 AND bp.rep < 750 AND bp.rep % 10 < 7`,
  `INSERT INTO audit_entries (committee_id, actor_user_id, entity, entity_id, action, at)
   SELECT committee_id, staff_id, 'proposal', id, e.action, e.at
   FROM bp CROSS JOIN LATERAL (VALUES ('proposal.created', submitted - interval '1 day'), ('proposal.submit', submitted), ('proposal.file', filed),
     ('proposal.rehandle', CASE WHEN fate >= 180 AND rep < 20 THEN dispatched + interval '30 days' END)) AS e(action, at)
   WHERE e.at IS NOT NULL`,
  'DROP TABLE bp',
  'ANALYZE',
];

async function fill(dataSource: DataSource, proposals: number): Promise<void> {
  const largest = Math.min(proposals, Number(options.largest));
  const committees = options.committees === undefined ? 1 + Math.ceil((proposals - largest) / 6000) : Number(options.committees);
  const sizes = [proposals, largest, committees, Number(options.sessions), Number(options.units), Number(options.members)];
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--proposals, --largest, --committees, --sessions, --units and --members must be positive whole numbers');
  const [N, L, K, S, U, M] = sizes;
  const started = process.hrtime.bigint();
  await dataSource.transaction(async (manager) => {
    for (const statement of fillStatements(N, L, K, S, U, M)) await manager.query(statement);
  });
  await chainPendingAuditEntries(dataSource); // the entries were inserted in bulk, unchained
  console.log(`filled ${proposals.toLocaleString('en')} proposals (${K} committees, the largest with ${L.toLocaleString('en')}) in ${(ms(started) / 1000).toFixed(1)} s`);
}

/** A committee staff member of `committeeId`, as the statistics see them. */
const staffOf = (committeeId: string): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  displayName: 'bench',
  committeeId,
  roles: new Set([Role.Staff]),
  permissions: new Set([Permission.StatisticsRead]),
  handlingUnitIds: [],
  signingUnitIds: [],
  officeUnitIds: [],
});

async function measure(label: string, runs: number, work: () => Promise<unknown>): Promise<string> {
  await work(); // warm-up
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await work();
    timings.push(ms(started));
  }
  timings.sort((a, b) => a - b);
  return `| ${label} | ${runs} | ${percentile(timings, 50).toFixed(1)} | ${percentile(timings, 95).toFixed(1)} | ${timings[timings.length - 1].toFixed(1)} |`;
}

async function main(): Promise<void> {
  const given = process.env.DATABASE_URL;
  const environment: BenchEnvironment | null = given ? null : await benchEnvironment();
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
  try {
    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
    const dataSource = app.get<DataSource>(getDataSourceToken());
    if (environment) await fill(dataSource, Number(options.proposals));
    const [largest]: Array<{ committee_id: string; n: string }> = await dataSource.query(
      'SELECT committee_id, count(*) AS n FROM proposals GROUP BY committee_id ORDER BY count(*) DESC LIMIT 1',
    );
    if (!largest) {
      console.error(`The database in DATABASE_URL has no proposals to measure. Fill it first (e.g. with the 1M-row generator), or run without DATABASE_URL for a self-contained fill: npm run bench:statistics -- --proposals 100000`);
      process.exitCode = 1;
      return;
    }
    const [{ total }]: Array<{ total: string }> = await dataSource.query('SELECT count(*) AS total FROM proposals');
    const [session]: Array<{ session_id: string; n: string }> = await dataSource.query(
      'SELECT session_id, count(*) AS n FROM proposals WHERE committee_id = $1 GROUP BY session_id ORDER BY count(*) DESC LIMIT 1',
      [largest.committee_id],
    );
    const statistics = app.get(StatisticsService);
    const staff = staffOf(largest.committee_id);
    const oneSession: ResolvedScope = await statistics.scope(staff, [session.session_id], undefined);
    const allSessions: ResolvedScope = await statistics.scope(staff, null, undefined);
    const runs = Number(options.runs);
    console.log(
      `${Number(total).toLocaleString('en')} proposals in the database; measured: the committee with the most (${Number(largest.n).toLocaleString('en')}), ` +
        `its largest session (${Number(session.n).toLocaleString('en')}), as of ${oneSession.asOf}\n`,
    );
    const lines = ['| query | runs | p50 (ms) | p95 (ms) | max (ms) |', '|---|---:|---:|---:|---:|'];
    lines.push(await measure('summary, one session', runs, () => statistics.summaryOf(oneSession)));
    lines.push(await measure('summary, all sessions of the committee', runs, () => statistics.summaryOf(allSessions)));
    lines.push(await measure('per-unit table, one session', runs, () => statistics.unitLinesOf(oneSession, 'committee')));
    lines.push(await measure('per-unit table, all sessions', runs, () => statistics.unitLinesOf(allSessions, 'committee')));
    lines.push(await measure('overdue list, first page of 50, one session', runs, () => statistics.drillOf(staff, oneSession, 'overdue', null, 50, 0)));
    console.log(lines.join('\n'));
    const figures = await statistics.summaryOf(oneSession);
    const shown = ['submitted', 'filed', 'replied', 'replyRate', 'onTimeRate', 'avgDaysToReply', 'overdue', 'overdueMaxDays', 'satisfiedRate', 'rehandled'];
    console.log(`\nfigures of that session: ${shown.map((key) => `${key} ${formatFigure(figures[key])}`).join(', ')}`);
    if (options.explain) {
      const { aggregateSql, figuresAt } = await import('#app/statistics');
      const { text, values } = aggregateSql(oneSession, 'summary', figuresAt('summary', oneSession.gradeCodes));
      const plan: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      console.log(`\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await app?.close();
    if (environment && options.keep) console.log(`\nkept the filled database: DATABASE_URL=${process.env.DATABASE_URL}`);
    else await environment?.dispose();
  }
}

function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

main().then(
  // a kept database leaves the bench environment's admin connection open: end here
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
