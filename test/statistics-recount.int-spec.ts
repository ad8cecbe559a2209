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

  const DATES = ['2021-06-30', '2022-03-15', '2022-12-31'];

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
});
