import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DomainError, QUEUES, reminderJobId } from '#app/core';
import { chinaTime } from '#app/demo';
import type { ProposalView } from '#app/proposals';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** 交办 and 交办会 through AssigningService itself (no HTTP), asserting on the rows they write. */
describe('AssigningService on the real database', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  const assignmentsOf = (proposalId: string): Promise<Array<{ id: string; unit_id: string; role: string; status: string }>> =>
    t.dataSource.query(`SELECT id, unit_id, role, status FROM assignments WHERE proposal_id = $1 ORDER BY role, unit_id`, [proposalId]);
  const deadlinesOf = async (assignmentId: string): Promise<Array<{ id: string; kind: string; status: string; start_date: string; due_date: string }>> =>
    t.dataSource.query(
      `SELECT id, kind, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM deadlines WHERE assignment_id = $1 ORDER BY kind`,
      [assignmentId],
    );
  const remindersOf = (deadlineId: string): Promise<Array<{ id: string; point: string; status: string }>> =>
    t.dataSource.query(`SELECT id, point, status FROM reminders WHERE deadline_id = $1 ORDER BY fire_at`, [deadlineId]);
  const noticesOf = (assignmentId: string): Promise<Array<{ recipient_user_id: string; kind: string; title: string }>> =>
    t.dataSource.query(`SELECT recipient_user_id, kind, title FROM notifications WHERE subject->>'id' = $1 ORDER BY recipient_user_id`, [assignmentId]);
  const proposalRow = (id: string) => t.dataSource.query(`SELECT status, version FROM proposals WHERE id = $1`, [id]).then((rows) => rows[0]);
  /** Everything an assignment writes for these proposals. */
  const footprint = async (proposalIds: string[]) => ({
    proposals: await t.dataSource.query(`SELECT id, status, version FROM proposals WHERE id = ANY($1) ORDER BY id`, [proposalIds]),
    assignments: await t.dataSource.query(`SELECT id FROM assignments WHERE proposal_id = ANY($1)`, [proposalIds]),
    deadlines: await t.dataSource.query(`SELECT d.id FROM deadlines d JOIN assignments a ON a.id = d.assignment_id WHERE a.proposal_id = ANY($1)`, [proposalIds]),
    notices: await t.dataSource.query(`SELECT n.id FROM notifications n JOIN assignments a ON a.id::text = n.subject->>'id' WHERE a.proposal_id = ANY($1)`, [proposalIds]),
    audit: await t.dataSource.query(`SELECT id FROM audit_entries WHERE entity_id = ANY($1) OR after->>'proposalId' = ANY($2) ORDER BY id`, [proposalIds, proposalIds]),
  });
  const rejection = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a DomainError, but the call succeeded');
  };
  const filed = async (title: string): Promise<ProposalView> => {
    t.clock.set(chinaTime('2021-03-01'));
    const proposal = await s.filed(title);
    t.clock.set(chinaTime('2021-08-05'));
    return proposal;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('a lead unit with a co-unit: assignments, deadlines opened with reminders planned and scheduled, each unit told, audit entries', async () => {
    const proposal = await filed('关于主办会办交办的提案');
    const staff = await s.actor('anyang-staff');

    const result = await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] });

    expect(await proposalRow(proposal.id)).toMatchObject({ status: 'assigned' });
    const rows = await assignmentsOf(proposal.id);
    expect(rows.map((row) => [row.role, row.unit_id, row.status]).sort()).toEqual(
      [
        ['co', c.unitIds.finance, 'assigned'],
        ['lead', c.unitIds.police, 'assigned'],
      ].sort(),
    );
    expect(result.assignments.map((a) => a.id).sort()).toEqual(rows.map((row) => row.id).sort());
    const lead = rows.find((row) => row.role === 'lead') as (typeof rows)[number];
    const co = rows.find((row) => row.role === 'co') as (typeof rows)[number];

    const leadDeadlines = await deadlinesOf(lead.id);
    expect(leadDeadlines.map((d) => d.kind)).toEqual(['adjustment_window', 'first_contact', 'reply']);
    expect((await deadlinesOf(co.id)).map((d) => d.kind)).toEqual(['adjustment_window', 'co_opinion']);
    for (const deadline of [...leadDeadlines, ...(await deadlinesOf(co.id))]) {
      expect(deadline).toMatchObject({ status: 'open', start_date: '2021-08-05' });
      expect(deadline.due_date > '2021-08-05').toBe(true);
    }
    const reply = leadDeadlines.find((d) => d.kind === 'reply') as (typeof leadDeadlines)[number];
    const planned = await remindersOf(reply.id);
    expect(planned.map((r) => r.point)).toEqual(['reply-30d', 'reply-15d', 'reply-7d', 'reply-0d', 'reply-overdue-7d']);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    for (const reminder of planned) {
      expect(reminder.status).toBe('planned');
      expect(await queue.getJob(reminderJobId({ reminderId: reminder.id }))).toBeDefined();
    }

    // Each unit is told, in Chinese, with the due date it is held to.
    const leadNotices = await noticesOf(lead.id);
    expect(leadNotices.map((n) => n.recipient_user_id)).toEqual(expect.arrayContaining([c.userId('chending'), c.userId('wangpeng'), c.userId('guochengji')]));
    for (const notice of leadNotices) {
      expect(notice.kind).toBe('assignment.created');
      expect(notice.title).toContain(`交由安阳市公安局主办，请于${reply.due_date}前办复`);
    }
    const coDue = (await deadlinesOf(co.id)).find((d) => d.kind === 'co_opinion')?.due_date;
    const coNotices = await noticesOf(co.id);
    // The finance bureau has no users in the demo committee: nobody to tell, nothing written.
    for (const notice of coNotices) expect(notice.title).toContain(`会办，请于${coDue}前向主办单位提出会办意见`);

    const audit: Array<{ entity_id: string; action: string }> = await t.dataSource.query(`SELECT entity_id, action FROM audit_entries WHERE entity_id = ANY($1) ORDER BY id`, [[lead.id, co.id]]);
    expect(audit.filter((a) => a.action === 'assignment.created').map((a) => a.entity_id).sort()).toEqual([lead.id, co.id].sort());
  });

  it('refuses co-units without a lead, a non-handling unit, a stale version and a past due date, each naming its field, with nothing written', async () => {
    const proposal = await filed('关于交办拒绝的提案');
    const staff = await s.actor('anyang-staff');
    const before = await footprint([proposal.id]);

    const cases: Array<[Parameters<typeof s.assigning.assign>[2], string, string]> = [
      [{ version: proposal.version, coUnitIds: [c.unitIds.finance] }, 'invalid', 'ASSIGNMENT_UNITS_INVALID'],
      [{ version: proposal.version, leadUnitId: c.unitIds['office-party'] }, 'invalid', 'UNIT_NOT_HANDLING'],
      [{ version: proposal.version, leadUnitId: c.unitIds.police, replyDueDate: '2021-08-05' }, 'invalid', 'DUE_DATE_PAST'],
      [{ version: proposal.version + 1, leadUnitId: c.unitIds.police }, 'conflict', ''],
    ];
    for (const [input, kind, code] of cases) {
      const error = await rejection(s.assigning.assign(staff, proposal.id, input)).catch((failure: Error) => {
        throw new Error(`${JSON.stringify(input)}: ${failure.message}`);
      });
      expect([JSON.stringify(input), error.kind]).toEqual([JSON.stringify(input), kind]);
      if (code) expect(error.code).toBe(code);
    }
    expect(await footprint([proposal.id])).toEqual(before);
    expect(before.assignments).toEqual([]);
  });

  it('交办会: many proposals in one action, each with its units, deadlines and notices', async () => {
    const a = await filed('关于交办会甲的提案');
    const b = await filed('关于交办会乙的提案');
    const staff = await s.actor('anyang-staff');

    const results = await s.assigning.assignMany(staff, [
      { proposalId: a.id, version: a.version, leadUnitId: c.unitIds.police },
      { proposalId: b.id, version: b.version, separateUnitIds: [c.unitIds.police, c.unitIds.finance] },
    ]);

    expect(results.map((r) => r.proposalId)).toEqual([a.id, b.id]);
    expect((await assignmentsOf(a.id)).map((row) => row.role)).toEqual(['lead']);
    expect((await assignmentsOf(b.id)).map((row) => row.role)).toEqual(['separate', 'separate']);
    for (const id of [a.id, b.id]) {
      expect(await proposalRow(id)).toMatchObject({ status: 'assigned' });
      for (const assignment of await assignmentsOf(id)) {
        const deadlines = await deadlinesOf(assignment.id);
        expect(deadlines.map((d) => d.kind)).toEqual(['adjustment_window', 'first_contact', 'reply']);
        expect((await remindersOf(deadlines[2].id)).length).toBeGreaterThan(0);
      }
    }
    const [policeA] = await assignmentsOf(a.id);
    expect((await noticesOf(policeA.id)).map((n) => n.recipient_user_id)).toContain(c.userId('chending'));
  });

  it('交办会: one refused item (its index named) leaves nothing written for any item', async () => {
    const a = await filed('关于交办会全有全无甲的提案');
    const b = await filed('关于交办会全有全无乙的提案');
    const c3 = await filed('关于交办会全有全无丙的提案');
    const staff = await s.actor('anyang-staff');
    const ids = [a.id, b.id, c3.id];
    const before = await footprint(ids);

    const unitError = await rejection(
      s.assigning.assignMany(staff, [
        { proposalId: a.id, version: a.version, leadUnitId: c.unitIds.police },
        { proposalId: b.id, version: b.version, leadUnitId: c.unitIds.finance },
        { proposalId: c3.id, version: c3.version, leadUnitId: c.unitIds['office-government'] },
      ]),
    );
    expect(unitError).toMatchObject({ kind: 'invalid', code: 'UNIT_NOT_HANDLING' });
    expect(unitError.message).toMatch(/^items\[2\]: /);
    expect(unitError.details?.fields).toEqual([expect.objectContaining({ field: 'items[2].leadUnitId' })]);

    const staleError = await rejection(
      s.assigning.assignMany(staff, [
        { proposalId: a.id, version: a.version, leadUnitId: c.unitIds.police },
        { proposalId: b.id, version: b.version + 5, leadUnitId: c.unitIds.finance },
      ]),
    );
    expect(staleError.kind).toBe('conflict');
    expect(staleError.message).toMatch(/^items\[1\]: /);

    const duplicate = await rejection(
      s.assigning.assignMany(staff, [
        { proposalId: a.id, version: a.version, leadUnitId: c.unitIds.police },
        { proposalId: a.id, version: a.version, leadUnitId: c.unitIds.finance },
      ]),
    );
    expect(duplicate).toMatchObject({ kind: 'invalid', code: 'DUPLICATE_PROPOSAL' });

    expect(await footprint(ids)).toEqual(before);
    expect(before.assignments).toEqual([]);
    for (const id of ids) expect(await proposalRow(id)).toMatchObject({ status: 'filed' });
  });
});
