import type { Actor } from '#app/auth';
import { chinaTime } from '#app/demo';
import { type DrillItem, StatisticsService } from '#app/statistics';
import type { TestCommittee } from '#app/testing';
import { generateCommittee, type GeneratedCommittee } from './helpers/generated-committee.js';
import { loadRows, recount, type Rows } from './helpers/recount.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The statistics against a plain recount: a committee of ~320 generated proposals over two sessions
 * (seeded, so every run sees the same data), every figure of the summary and of every unit line, for
 * each session and for both, at three dates, compared with a recount in TypeScript from the raw rows;
 * and every drill-down list compared, row for row, with what the recount counted.
 */
describe('statistics against a recount of generated data', () => {
  let t: TestApp;
  let c: TestCommittee;
  let generated: GeneratedCommittee;
  let rows: Rows;
  let staff: Actor;
  let statistics: StatisticsService;

  /** Three past days (the generated data goes on after them) and today, the clock's day. */
  const DATES = ['2021-06-30', '2022-03-15', '2022-12-31', '2023-01-10'];

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2023-01-10'));
    c = await t.committee();
    generated = await generateCommittee(t.dataSource, c, 20_261_124);
    rows = await loadRows(t.dataSource, c.committeeId);
    staff = await new Scenario(t, c).actor('anyang-staff');
    statistics = t.app.get(StatisticsService);
  }, 120_000);

  afterAll(() => t.close());

  const scopes = () => [
    { name: 'first session', sessionIds: [generated.sessionIds[0]] },
    { name: 'second session', sessionIds: [generated.sessionIds[1]] },
    { name: 'both sessions', sessionIds: null },
  ];

  /** How the recount names a drill-down row. */
  const keyOf = (of: string, item: DrillItem): string =>
    of === 'proposal' ? (item.proposalId as string) : of === 'member' ? (item.userId as string) : of === 'form' ? `${item.proposalId}|${item.unitId}|${item.userId}` : `${item.proposalId}|${item.unitId}`;

  it('generates data that exercises every case', () => {
    const expected = recount(rows, null, '2022-12-31', ['A', 'B', 'C']).summary;
    for (const key of ['submitted', 'filed', 'merged', 'toOpinion', 'notFiled', 'withdrawn', 'replied', 'onTime', 'late', 'overdue', 'rehandled', 'gradeA', 'gradeB', 'gradeC', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'participants']) {
      expect([key, (expected[key] as number) > 0]).toEqual([key, true]);
    }
    expect(expected.participants).toBeLessThan(expected.members as number);
    expect(rows.assignments.some((a) => a.status === 'reassigned')).toBe(true);
    expect(rows.assignments.some((a) => a.role === 'separate')).toBe(true);
    expect(rows.assignments.some((a) => a.waived_at !== null)).toBe(true);
    expect(rows.assignments.some((a) => a.replied_at !== null && !rows.replies.some((r) => r.assignment_id === a.id))).toBe(true);
    expect(rows.replies.some((r) => r.dispatched_at !== null && r.due === null)).toBe(true);
    expect(rows.replies.some((r) => r.round === 2 && r.dispatched_at !== null)).toBe(true);
    expect(rows.forms.some((f) => f.proposer_user_id !== f.recorded_by_user_id)).toBe(true);
    expect(rows.events.some((e) => e.kind === 'clock-stopped')).toBe(true);
    expect(rows.events.some((e) => e.kind === 'extended')).toBe(true);
  });

  it.each(DATES)('matches the recount for each session and for both, the summary and every unit line, as of %s', async (asOf) => {
    for (const scope of scopes()) {
      const resolved = await statistics.scope(staff, scope.sessionIds, asOf);
      const view = await statistics.statisticsOf(staff, resolved);
      const expected = recount(rows, scope.sessionIds, asOf, resolved.gradeCodes);
      expect([scope.name, view.summary]).toEqual([scope.name, expected.summary]);
      expect([scope.name, view.units.map((line) => line.unitId).sort()]).toEqual([scope.name, [...expected.units.keys()].sort()]);
      for (const line of view.units) {
        expect([scope.name, line.unitName, line.figures]).toEqual([scope.name, line.unitName, expected.units.get(line.unitId)]);
      }
    }
  });

  it.each(DATES)('lists behind every figure exactly the rows the recount counted, as of %s', async (asOf) => {
    const resolved = await statistics.scope(staff, null, asOf);
    const expected = recount(rows, null, asOf, resolved.gradeCodes);
    const view = await statistics.statisticsOf(staff, resolved);
    for (const definition of view.definitions.summary) {
      const drill = await statistics.drillOf(staff, resolved, definition.key, null, null, 0);
      expect([definition.key, drill.total, drill.items.length]).toEqual([definition.key, view.summary?.[definition.drill], view.summary?.[definition.drill]]);
      if (definition.kind === 'count') {
        expect([definition.key, drill.items.map((item) => keyOf(definition.of, item)).sort()]).toEqual([definition.key, [...(expected.summaryLists[definition.key] ?? [])].sort()]);
      }
    }
    for (const line of view.units) {
      for (const definition of view.definitions.unit) {
        const drill = await statistics.drillOf(staff, resolved, definition.key, line.unitId, null, 0);
        expect([line.unitName, definition.key, drill.total]).toEqual([line.unitName, definition.key, line.figures[definition.drill]]);
        if (definition.kind === 'count') {
          const counted = expected.unitLists.get(line.unitId)?.[definition.key] ?? [];
          expect([line.unitName, definition.key, drill.items.map((item) => keyOf(definition.of, item)).sort()]).toEqual([line.unitName, definition.key, [...counted].sort()]);
        }
      }
    }
   }, 120_000); // a drill-down query per figure and unit line

  /** The figures, unit lines and every summary drill-down list of a scope, read from its kept and from its live fact rows. */
  async function keptAndLive(sessionIds: string[] | null, asOf: string) {
    const kept = await statistics.scope(staff, sessionIds, asOf);
    const live = { ...kept, facts: 'live' as const };
    const read = async (scope: typeof kept) => {
      const view = await statistics.statisticsOf(staff, scope);
      const drills: Record<string, unknown> = {};
      for (const definition of view.definitions.summary) drills[definition.key] = (await statistics.drillOf(staff, scope, definition.key, null, null, 0)).items;
      return { summary: view.summary, units: view.units, drills };
    };
    return { facts: kept.facts, kept: await read(kept), live: await read(live) };
  }

  it('reads today\'s figures from the kept statistics, and they are the live ones, drill-down lists included (ADR 14)', async () => {
    for (const scope of scopes()) {
      const today = await keptAndLive(scope.sessionIds, '2023-01-10');
      expect([scope.name, today.facts]).toEqual([scope.name, 'kept']);
      expect([scope.name, today.kept]).toEqual([scope.name, today.live]);
    }
    // A day before the committee's last change cannot be read from rows that stand for today.
    expect((await statistics.scope(staff, null, '2021-06-30')).facts).toBe('live');
  }, 120_000);

  it('keeps the kept statistics up to date through every table the facts are read from: each write marks its proposal', async () => {
    const db = t.dataSource;
    const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => ((await db.query(sql, params)) as T[])[0];
    await statistics.scope(staff, null, '2023-01-10'); // nothing marked from here on
    const marked = async (proposalId: string) => (await db.query('SELECT 1 FROM statistics_dirty WHERE proposal_id = $1', [proposalId])).length === 1;
    const before = (await keptAndLive(null, '2023-01-10')).kept.summary;

    // One write on each watched table, each on a different proposal of this committee (other specs' committees
    // share the database, with marks of their own), each changing a figure or a drill-down row.
    const replied = await one<{ id: string; proposal_id: string; assignment_id: string }>(
      "SELECT id, proposal_id, assignment_id FROM replies WHERE committee_id = $1 AND dispatched_at IS NOT NULL AND grade = 'A' AND round = 1 ORDER BY id LIMIT 1",
      [c.committeeId],
    );
    const form = await one<{ id: string; proposal_id: string }>(
      "SELECT id, proposal_id FROM feedback WHERE committee_id = $2 AND satisfaction = 'satisfied' AND proposal_id <> $1 ORDER BY id LIMIT 1",
      [replied.proposal_id, c.committeeId],
    );
    const event = await one<{ id: string; proposal_id: string }>(
      `SELECT e.id, a.proposal_id FROM deadline_events e JOIN deadlines d ON d.id = e.deadline_id JOIN assignments a ON a.id = d.assignment_id
       WHERE a.committee_id = $2 AND e.kind = 'set' AND d.status = 'open' AND a.proposal_id <> ALL($1::uuid[]) ORDER BY e.id LIMIT 1`,
      [[replied.proposal_id, form.proposal_id], c.committeeId],
    );
    const decision = await one<{ id: string; proposal_id: string }>(
      "SELECT d.id, d.proposal_id FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id WHERE p.committee_id = $1 AND d.outcome = 'not_filed' AND p.id <> ALL($2::uuid[]) ORDER BY d.id LIMIT 1",
      [c.committeeId, [replied.proposal_id, form.proposal_id, event.proposal_id]],
    );
    const proposer = await one<{ id: string; proposal_id: string }>(
      "SELECT pr.id, pr.proposal_id FROM proposers pr JOIN proposals p ON p.id = pr.proposal_id WHERE pr.role <> 'lead' AND p.committee_id = $1 AND p.submitted_at IS NOT NULL AND p.id <> ALL($2::uuid[]) ORDER BY pr.id LIMIT 1",
      [c.committeeId, [replied.proposal_id, form.proposal_id, event.proposal_id, decision.proposal_id]],
    );
    const waivable = await one<{ id: string; proposal_id: string }>(
      "SELECT id, proposal_id FROM assignments WHERE committee_id = $2 AND role = 'co' AND waived_at IS NULL AND status <> 'reassigned' AND proposal_id <> ALL($1::uuid[]) ORDER BY id LIMIT 1",
      [[replied.proposal_id, form.proposal_id, event.proposal_id, decision.proposal_id, proposer.proposal_id], c.committeeId],
    );
    const deadline = await one<{ id: string; proposal_id: string }>(
      "SELECT d.id, a.proposal_id FROM deadlines d JOIN assignments a ON a.id = d.assignment_id WHERE a.committee_id = $2 AND a.proposal_id <> ALL($1::uuid[]) ORDER BY d.id LIMIT 1",
      [[replied.proposal_id, form.proposal_id, event.proposal_id, decision.proposal_id, proposer.proposal_id, waivable.proposal_id], c.committeeId],
    );
    const filed = await one<{ id: string }>('SELECT id FROM proposals WHERE committee_id = $1 AND filed_at IS NOT NULL AND id <> ALL($2::uuid[]) ORDER BY id LIMIT 1', [
      c.committeeId,
      [replied, form, event, decision, proposer, waivable, deadline].map((row) => row.proposal_id),
    ]);
    const writes: Array<[string, string, () => Promise<unknown>]> = [
      ['replies', replied.proposal_id, () => db.query("UPDATE replies SET grade = 'C' WHERE id = $1", [replied.id])],
      ['feedback', form.proposal_id, () => db.query("UPDATE feedback SET satisfaction = 'dissatisfied' WHERE id = $1", [form.id])],
      ['deadline_events', event.proposal_id, () => db.query("UPDATE deadline_events SET to_date = DATE '2022-01-01' WHERE id = $1", [event.id])],
      ['review_decisions', decision.proposal_id, () => db.query('DELETE FROM review_decisions WHERE id = $1', [decision.id])],
      ['proposers', proposer.proposal_id, () => db.query('DELETE FROM proposers WHERE id = $1', [proposer.id])],
      ['assignments', waivable.proposal_id, () => db.query("UPDATE assignments SET waived_at = TIMESTAMPTZ '2022-12-01 10:00+08' WHERE id = $1", [waivable.id])],
      ['deadlines', deadline.proposal_id, () => db.query("UPDATE deadlines SET updated_at = now() WHERE id = $1", [deadline.id])],
      ['proposals', filed.id, () => db.query("UPDATE proposals SET filed_at = filed_at + interval '1 day' WHERE id = $1", [filed.id])],
    ];
    for (const [table, proposalId, write] of writes) {
      expect([table, await marked(proposalId)]).toEqual([table, false]);
      await write();
      expect([table, await marked(proposalId)]).toEqual([table, true]);
    }
    // A proposal's search document or status changing marks nothing: the facts do not read them.
    await db.query("UPDATE proposals SET title = title || ' ' WHERE id = $1", [decision.proposal_id]);
    const searchOnly = await one<{ id: string }>('SELECT id FROM proposals WHERE committee_id = $1 AND id <> ALL($2::uuid[]) ORDER BY id LIMIT 1', [
      c.committeeId,
      writes.map(([, id]) => id),
    ]);
    await db.query("UPDATE proposals SET search = to_tsvector('simple', 'x') WHERE id = $1", [searchOnly.id]);
    expect(await marked(searchOnly.id)).toBe(false);

    const after = await keptAndLive(null, '2023-01-10');
    expect(after.facts).toBe('kept');
    expect(after.kept).toEqual(after.live);
    expect(after.kept.summary).not.toEqual(before);
    expect(Number((await one<{ n: string }>('SELECT count(*) AS n FROM statistics_dirty WHERE committee_id = $1', [c.committeeId])).n)).toBe(0);
  }, 120_000);

  it('stays exact while writers and readers run at once: no refresh waits on a writer, no change is lost', async () => {
    const db = t.dataSource;
    const forms: Array<{ id: string }> = await db.query('SELECT id FROM feedback WHERE committee_id = $1 ORDER BY id LIMIT 40', [c.committeeId]);
    const events: Array<{ id: string }> = await db.query(
      `SELECT e.id FROM deadline_events e JOIN deadlines d ON d.id = e.deadline_id JOIN assignments a ON a.id = d.assignment_id
       WHERE a.committee_id = $1 AND e.kind = 'set' ORDER BY e.id LIMIT 40`,
      [c.committeeId],
    );
    // Each writer holds its transaction open a moment after marking, so refreshes meet marks still locked.
    const writer = (sql: string, id: string) =>
      db.transaction(async (manager) => {
        await manager.query(sql, [id]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    const writes = [
      ...forms.map((f, i) => writer(`UPDATE feedback SET satisfaction = '${i % 2 ? 'dissatisfied' : 'basically_satisfied'}' WHERE id = $1`, f.id)),
      ...events.map((e, i) => writer(`UPDATE deadline_events SET to_date = DATE '2022-06-01' + ${i} WHERE id = $1`, e.id)),
    ];
    const reads = Array.from({ length: 12 }, () => statistics.scope(staff, null, '2023-01-10').then((scope) => statistics.summaryOf(scope)));
    await Promise.all([...writes, ...reads]);
    const after = await keptAndLive(null, '2023-01-10');
    expect(after.facts).toBe('kept');
    expect(after.kept).toEqual(after.live);
  }, 120_000);
});
