import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DomainError, QUEUES, reminderJobId } from '#app/core';
import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import { Disclosure, type ReplyView } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** 发送 through ReplyDispatchService itself (no HTTP), asserting on the rows it writes. */
describe('ReplyDispatchService.dispatch on the real database', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  const one = async <T>(sql: string, params: unknown[]): Promise<T> => (await t.dataSource.query(sql, params))[0];
  const copiesOf = async (replyId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT unit_id FROM reply_copies WHERE reply_id = $1 ORDER BY unit_id`, [replyId])).map((row: { unit_id: string }) => row.unit_id);
  const noticesOf = (replyId: string): Promise<Array<{ recipient_user_id: string; kind: string; title: string }>> =>
    t.dataSource.query(`SELECT recipient_user_id, kind, title FROM notifications WHERE subject->>'id' = $1 ORDER BY kind, recipient_user_id`, [replyId]);
  const feedbackDeadlineOf = (assignmentId: string) =>
    one<{ id: string; status: string; start_date: string; due_date: string } | undefined>(
      `SELECT id, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM deadlines WHERE assignment_id = $1 AND kind = 'feedback'`,
      [assignmentId],
    );
  const followUpsOf = (replyId: string): Promise<Array<{ status: string; first_grade: string; due_date: string }>> =>
    t.dataSource.query(`SELECT status, first_grade, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM follow_ups WHERE reply_id = $1`, [replyId]);
  const rejection = async (promise: Promise<unknown>): Promise<DomainError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a DomainError, but the call succeeded');
  };
  /** Everything dispatch writes, to compare before and after a refused call. */
  const footprint = async (reply: ReplyView) => ({
    reply: await one(`SELECT status, version, dispatched_at FROM replies WHERE id = $1`, [reply.id]),
    assignment: await one(`SELECT status, version FROM assignments WHERE id = $1`, [reply.assignmentId]),
    proposal: await one(`SELECT status, version FROM proposals WHERE id = $1`, [reply.proposalId]),
    copies: await copiesOf(reply.id),
    notices: await noticesOf(reply.id),
    feedback: await feedbackDeadlineOf(reply.assignmentId),
    followUps: await followUpsOf(reply.id),
    audit: await t.dataSource.query(`SELECT id FROM audit_entries WHERE entity_id = ANY($1) ORDER BY id`, [[reply.id, reply.assignmentId, reply.proposalId]]),
  });
  const signed = async (grade = 'B') => {
    const { proposal, assignment } = await s.accepted();
    const drafter = await s.actor('chending');
    const draft = await s.replyDrafting.createDraft(drafter, assignment.id, { body: '一、基本情况\n正文。', grade, contactUnitId: c.unitIds['police-economic'], contacts: ANYANG_CONTACTS });
    const submitted = await s.replyReview.submit(drafter, draft.id, draft.version);
    const reply = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });
    return { proposal, assignment, reply };
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('copies to the session’s offices, tells the member, replies assignment and proposal, and opens feedback (with reminders) and a follow-up for a B grade', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await signed('B');
    t.clock.set(chinaTime('2021-09-01'));

    const sent = await s.replyDispatch.dispatch(await s.actor('chending'), reply.id, reply.version);

    expect(sent.status).toBe('dispatched');
    expect(await one(`SELECT status FROM assignments WHERE id = $1`, [reply.assignmentId])).toEqual({ status: 'replied' });
    expect(await one(`SELECT status FROM proposals WHERE id = $1`, [reply.proposalId])).toEqual({ status: 'replied' });
    const offices = [c.unitIds['office-party'], c.unitIds['office-government'], c.unitIds['office-committee']].sort();
    expect(await copiesOf(reply.id)).toEqual(offices);

    const notices = await noticesOf(reply.id);
    expect(notices.filter((n) => n.kind === 'reply.received')).toEqual([
      { recipient_user_id: c.userId('yuanyuan'), kind: 'reply.received', title: expect.stringContaining('您的提案已收到答复') },
    ]);
    expect(notices.filter((n) => n.kind === 'reply.copied').map((n) => n.recipient_user_id).sort()).toEqual(
      [c.userId('anyang-swb'), c.userId('anyang-zfb'), c.userId('anyang-tawb')].sort(),
    );

    const feedback = await feedbackDeadlineOf(reply.assignmentId);
    expect(feedback).toMatchObject({ status: 'open', start_date: '2021-09-01' });
    expect((feedback?.due_date ?? '') > '2021-09-01').toBe(true);
    const reminders: Array<{ id: string; point: string; status: string }> = await t.dataSource.query(
      `SELECT id, point, status FROM reminders WHERE deadline_id = $1 ORDER BY fire_at`,
      [feedback?.id],
    );
    expect(reminders.length).toBeGreaterThan(0);
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ status: 'planned', point: expect.stringMatching(/^feedback-/) });
      // Scheduled after commit: BullMQ holds a job for each planned reminder.
      expect(await t.app.get<Queue>(getQueueToken(QUEUES.reminders)).getJob(reminderJobId({ reminderId: reminder.id }))).toBeDefined();
    }

    const [followUp, ...more] = await followUpsOf(reply.id);
    expect(more).toEqual([]);
    expect(followUp).toMatchObject({ status: 'open', first_grade: 'B' });
    expect(followUp.due_date > '2021-09-01').toBe(true);
  });

  it('opens no follow-up for an A grade (已解决), but still the feedback window', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply } = await signed('A');
    await s.replyDispatch.dispatch(await s.actor('chending'), reply.id, reply.version);
    expect(await followUpsOf(reply.id)).toEqual([]);
    expect(await feedbackDeadlineOf(reply.assignmentId)).toMatchObject({ status: 'open' });
  });

  it('copies a lead answer to its co-unit too, whose drafters and leader are told', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const proposal = await s.filed('关于会办单位抄送的提案');
    t.clock.set(chinaTime('2021-08-05'));
    const staff = await s.actor('anyang-staff');
    const financeLeader = await s.addUser('finance-leader', '金融局领导', Role.Leader, 'finance');
    await s.addUser('finance-drafter', '金融局经办人', Role.Drafter, 'finance');
    const { assignments } = await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] });
    const lead = assignments.find((a) => a.unitId === c.unitIds.police);
    const co = assignments.find((a) => a.unitId === c.unitIds.finance);
    if (!lead || !co) throw new Error('expected a lead and a co assignment');
    const accepted = await s.handling.accept(await s.actor('chending'), lead.id, lead.version);
    // The co-unit's opinion (会办意见) goes in first: it is copied to the lead unit, whose drafters are told.
    const financeDrafter = await s.actor('finance-drafter');
    const coAccepted = await s.handling.accept(financeDrafter, co.id, co.version);
    const opinionDraft = await s.replyDrafting.createDraft(financeDrafter, coAccepted.id, { body: '会办意见正文。', contactUnitId: c.unitIds.finance, contacts: ANYANG_CONTACTS });
    const opinionSubmitted = await s.replyReview.submit(financeDrafter, opinionDraft.id, opinionDraft.version);
    const opinion = await s.replySignOff.signOff(await s.actor('finance-leader'), opinionSubmitted.id, { version: opinionSubmitted.version, disclosure: Disclosure.Full });
    await s.replyDispatch.dispatch(financeDrafter, opinion.id, opinion.version);
    expect(await copiesOf(opinion.id)).toEqual([c.unitIds.police]);
    expect((await noticesOf(opinion.id)).map((n) => n.recipient_user_id)).toContain(c.userId('chending'));
    expect(await followUpsOf(opinion.id)).toEqual([]);
    expect((await one<{ status: string }>(`SELECT status FROM proposals WHERE id = $1`, [proposal.id])).status).not.toBe('replied');

    const drafter = await s.actor('chending');
    const draft = await s.replyDrafting.createDraft(drafter, accepted.id, { body: '正文。', grade: 'B', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS });
    const submitted = await s.replyReview.submit(drafter, draft.id, draft.version);
    const reply = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });

    await s.replyDispatch.dispatch(drafter, reply.id, reply.version);

    expect(await copiesOf(reply.id)).toContain(c.unitIds.finance);
    expect((await noticesOf(reply.id)).filter((n) => n.kind === 'reply.copied').map((n) => n.recipient_user_id)).toContain(financeLeader);
  });

  it('refuses an unsigned reply, a stale version and a user outside the unit, with nothing written', async () => {
    t.clock.set(chinaTime('2021-03-01'));
    const { reply: unsigned } = await s.awaitingSignOff();
    const unsignedBefore = await footprint(unsigned);
    expect((await rejection(s.replyDispatch.dispatch(await s.actor('chending'), unsigned.id, unsigned.version))).kind).toBe('conflict');
    expect(await footprint(unsigned)).toEqual(unsignedBefore);

    const { reply } = await signed('B');
    const before = await footprint(reply);
    expect((await rejection(s.replyDispatch.dispatch(await s.actor('chending'), reply.id, reply.version - 1))).kind).toBe('conflict');
    for (const username of ['yuanyuan', 'anyang-swb']) {
      expect(['forbidden', 'not_found']).toContain((await rejection(s.replyDispatch.dispatch(await s.actor(username), reply.id, reply.version))).kind);
    }
    expect(await footprint(reply)).toEqual(before);
    expect(before.copies).toEqual([]);
    expect(before.feedback).toBeUndefined();
  });
});
