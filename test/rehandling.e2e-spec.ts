import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

const FEEDBACK = { contacted: true, contactMethod: 'face_to_face', answered: true };

/**
 * After the feedback, over HTTP: 不满意 → 重新办理 with a new deadline and a second reply through the
 * same chain → a second 不满意 → 当面协商 → 办结; the feedback window (enforced, extended by the
 * committee); B/C replies followed up for a second result.
 */
describe('re-handling, consultation, the feedback window and follow-ups', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let drafter: UserClient;
  let leader: UserClient;
  let otherDrafter: UserClient;

  const current = async (id: string) => (await staff.get(`/api/proposals/${id}`)).body;
  const deadline = async (assignmentId: string, kind: string) =>
    (await staff.get(`/api/assignments/${assignmentId}`)).body.deadlines.find((d: { kind: string }) => d.kind === kind);
  const notices = async (client: UserClient, kind: string) =>
    (await client.get('/api/notifications?limit=100')).body.items.filter((n: { kind: string }) => n.kind === kind);

  /** The unit drafts, the leader signs off and the drafter sends the reply of an accepted assignment, over HTTP. */
  const replyOver = async (assignmentId: string, grade: string, body: string) => {
    const draft = await drafter.post(`/api/assignments/${assignmentId}/replies`, {
      body,
      grade,
      contactUnitId: c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
    });
    expect(draft.status).toBe(201);
    const submitted = await drafter.post(`/api/replies/${draft.body.id}/submit`, { version: draft.body.version });
    const signed = await leader.post(`/api/replies/${draft.body.id}/sign-off`, { version: submitted.body.version, disclosure: 'full' });
    expect(signed.status).toBe(200);
    const sent = await drafter.post(`/api/replies/${draft.body.id}/dispatch`, { version: signed.body.version });
    expect(sent.status).toBe(200);
    return sent.body;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    drafter = await t.as(c.username('chending'));
    leader = await t.as(c.username('guochengji'));
    await s.addUser('fin-drafter', '财政局起草人', Role.Drafter, 'finance');
    otherDrafter = await t.as(c.username('fin-drafter'));
  });

  afterAll(() => t.close());

  it('不满意 → 重新办理 → a second reply → 不满意 again → 当面协商 → 办结', async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const { proposal, assignment, reply: first } = await s.dispatched();
    const proposalId = proposal.id;

    // Re-handling follows a 不满意 only.
    t.clock.set(chinaTime('2021-08-09'));
    const tooSoon = await staff.post(`/api/proposals/${proposalId}/rehandling`, { version: (await current(proposalId)).version, reason: '委员不满意' });
    expect([tooSoon.status, tooSoon.body.code]).toEqual([409, 'NOT_DISSATISFIED']);
    expect((await member.post(`/api/proposals/${proposalId}/feedback`, { ...FEEDBACK, satisfaction: 'dissatisfied', comments: '措施不具体' })).status).toBe(201);

    // Only the committee orders it, with a reason, and a given due date must lie ahead.
    const version = (await current(proposalId)).version;
    expect((await drafter.post(`/api/proposals/${proposalId}/rehandling`, { version, reason: '委员不满意' })).status).toBe(403);
    const noReason = await staff.post(`/api/proposals/${proposalId}/rehandling`, { version });
    expect([noReason.status, noReason.body.details.fields[0].field]).toEqual([400, 'reason']);
    const pastDue = await staff.post(`/api/proposals/${proposalId}/rehandling`, { version, reason: '委员不满意', dueDate: '2021-08-01' });
    expect([pastDue.status, pastDue.body.details.fields[0].field]).toEqual([400, 'dueDate']);

    const ordered = await staff.post(`/api/proposals/${proposalId}/rehandling`, { version, reason: '委员认为措施不具体，请重新办理' });
    expect([ordered.status, ordered.body.status]).toEqual([200, 'rehandling']);
    const reopened = (await staff.get(`/api/assignments/${assignment.id}`)).body;
    expect([reopened.status, reopened.round, reopened.dueKind]).toEqual(['accepted', 2, 'reply']);
    // The session's re-handling rule: 3 months from the order.
    const replyDue = await deadline(assignment.id, 'reply');
    expect([replyDue.status, replyDue.dueDate, replyDue.explanation.rule]).toEqual(['open', '2021-11-09', 'rehandling']);
    expect(replyDue.history.map((h: { kind: string }) => h.kind)).toEqual(['set', 'met', 'set']);
    expect((await deadline(assignment.id, 'feedback')).status).toBe('met');
    expect((await notices(drafter, 'proposal.rehandling'))[0].title).toContain('委员认为措施不具体');
    expect(await notices(member, 'proposal.rehandling')).toHaveLength(1);
    const trail = (await staff.get(`/api/audit/${proposalId}`)).body.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['proposal.rehandle', 'proposal.rehandling-ordered']));

    // The second reply goes through the same chain, with its own number; the first is kept.
    t.clock.set(chinaTime('2021-09-20'));
    const second = await replyOver(assignment.id, 'A', '一、重新办理情况\n我局组织专项行动，逐条落实委员建议。');
    expect([second.round, second.kind, second.dueDate]).toEqual([2, 'answer', '2021-11-09']);
    expect(second.document.docNumber).not.toBe(first.document.docNumber);
    expect((await current(proposalId)).status).toBe('replied');
    const replies = (await staff.get(`/api/replies?proposalId=${proposalId}`)).body.items;
    expect(replies.map((r: { round: number; status: string }) => [r.round, r.status]).sort()).toEqual([
      [1, 'dispatched'],
      [2, 'dispatched'],
    ]);
    // The feedback window opens again with the second reply.
    const window = await deadline(assignment.id, 'feedback');
    expect([window.status, window.startDate]).toEqual(['open', '2021-09-20']);

    // The member rates the second reply; a second 不满意 cannot be re-handled again, it is met face to face.
    const rated = await member.post(`/api/proposals/${proposalId}/feedback`, { ...FEEDBACK, satisfaction: 'dissatisfied' });
    expect([rated.status, rated.body.replyId]).toEqual([201, second.id]);
    const third = await staff.post(`/api/proposals/${proposalId}/rehandling`, { version: (await current(proposalId)).version, reason: '仍不满意' });
    expect([third.status, third.body.code]).toEqual([409, 'CONSULTATION_NEXT']);
    const closing = await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version });
    expect([closing.status, closing.body.code]).toEqual([409, 'CONSULTATION_REQUIRED']);

    const meeting = { heldOn: '2021-09-28', place: '市政协提案委员会会议室', participants: '袁媛委员；郭成吉、陈丁；提案委工作人员', outcome: 'explained', summary: '市公安局说明了专项行动进展和条件限制，委员表示理解。' };
    const badOutcome = await staff.post(`/api/proposals/${proposalId}/consultations`, { ...meeting, outcome: 'happy' });
    expect([badOutcome.status, badOutcome.body.details.fields[0].field]).toEqual([400, 'outcome']);
    t.clock.set(chinaTime('2021-09-27'));
    const future = await staff.post(`/api/proposals/${proposalId}/consultations`, meeting);
    expect([future.status, future.body.details.fields[0].field]).toEqual([400, 'heldOn']);
    expect((await drafter.post(`/api/proposals/${proposalId}/consultations`, meeting)).status).toBe(403);
    t.clock.set(chinaTime('2021-09-28', 16));
    const recorded = await staff.post(`/api/proposals/${proposalId}/consultations`, meeting);
    expect([recorded.status, recorded.body.assignmentId, recorded.body.outcomeLabel]).toEqual([201, assignment.id, '作出说明，委员理解']);
    expect((await member.get(`/api/proposals/${proposalId}/consultations`)).body).toHaveLength(1);
    expect((await notices(member, 'consultation.recorded'))[0].title).toContain('作出说明');

    const closed = await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version });
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const consultedAgain = await staff.post(`/api/proposals/${proposalId}/consultations`, meeting);
    expect([consultedAgain.status, consultedAgain.body.code]).toEqual([409, 'NOT_REPLIED']);
  });

  it('holds members to the feedback window; staff record a late paper form or extend the window', async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const { proposal, assignment } = await s.dispatched();
    const window = await deadline(assignment.id, 'feedback');
    t.clock.set(chinaTime(window.dueDate, 18));
    // The window includes its last day.
    expect((await member.post(`/api/proposals/${proposal.id}/feedback`, { ...FEEDBACK, satisfaction: 'satisfied' })).status).toBe(201);

    const late = await s.dispatched();
    const lateWindow = await deadline(late.assignment.id, 'feedback');
    t.clock.set(chinaTime(lateWindow.dueDate));
    t.clock.set(new Date(t.clock.now().getTime() + 24 * 3600 * 1000));
    const refused = await member.post(`/api/proposals/${late.proposal.id}/feedback`, { ...FEEDBACK, satisfaction: 'satisfied' });
    expect([refused.status, refused.body.code, refused.body.details.feedbackDue]).toEqual([409, 'FEEDBACK_WINDOW_CLOSED', lateWindow.dueDate]);
    expect(refused.body.message).toContain('提案委');
    expect((await staff.get(`/api/proposals/${late.proposal.id}/feedback`)).body).toHaveLength(0);

    // The committee extends the window; the member may answer until the new date.
    const pastUntil = await staff.post(`/api/proposals/${late.proposal.id}/feedback-window`, { until: '2021-01-01', reason: '委员外出' });
    expect([pastUntil.status, pastUntil.body.details.fields[0].field]).toEqual([400, 'until']);
    expect((await member.post(`/api/proposals/${late.proposal.id}/feedback-window`, { until: '2021-12-31', reason: '委员外出' })).status).toBe(403);
    const extended = await staff.post(`/api/proposals/${late.proposal.id}/feedback-window`, { until: '2021-12-31', reason: '委员外出学习，延期征询' });
    expect(extended.status).toBe(200);
    const moved = await deadline(late.assignment.id, 'feedback');
    expect([moved.dueDate, moved.history.at(-1).kind, moved.history.at(-1).reason]).toEqual(['2021-12-31', 'extended', '委员外出学习，延期征询']);
    expect((await notices(member, 'feedback.window-extended'))[0].title).toContain('2021-12-31');
    const answered = await member.post(`/api/proposals/${late.proposal.id}/feedback`, { ...FEEDBACK, satisfaction: 'basically_satisfied' });
    expect(answered.status).toBe(201);
    const complete = await staff.post(`/api/proposals/${late.proposal.id}/feedback-window`, { until: '2022-01-31', reason: '再延' });
    expect([complete.status, complete.body.code]).toEqual([409, 'FEEDBACK_COMPLETE']);

    // A paper form that arrives after the window is still recorded by staff, marked late.
    const paper = await s.dispatched();
    const paperWindow = await deadline(paper.assignment.id, 'feedback');
    t.clock.set(new Date(chinaTime(paperWindow.dueDate).getTime() + 3 * 24 * 3600 * 1000));
    const recorded = await staff.post(`/api/proposals/${paper.proposal.id}/feedback/paper`, {
      ...FEEDBACK,
      satisfaction: 'satisfied',
      proposerUserId: c.userId('yuanyuan'),
    });
    expect([recorded.status, recorded.body.recordedOnBehalf]).toEqual([201, true]);
    const entry = (await staff.get(`/api/audit/${recorded.body.id}`)).body.find((e: { action: string }) => e.action === 'feedback.submitted');
    expect(entry.after).toMatchObject({ paperForm: true, late: true });
  });

  it('follows up a B reply for its second result, recorded by its unit; an A reply has none', async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const { proposal, reply } = await s.dispatched();
    const listed = (await staff.get(`/api/follow-ups?proposalId=${proposal.id}`)).body;
    expect(listed.total).toBe(1);
    const followUp = listed.items[0];
    // Six months after dispatch by the session's rule (2022-02-05 is a Saturday: moved to Monday the 7th).
    expect([followUp.replyId, followUp.firstGrade, followUp.status, followUp.dueDate, followUp.overdue]).toEqual([reply.id, 'B', 'open', '2022-02-07', false]);
    expect((await member.get(`/api/follow-ups/${followUp.id}`)).body.id).toBe(followUp.id);
    expect((await otherDrafter.get(`/api/follow-ups/${followUp.id}`)).status).toBe(404);
    expect((await otherDrafter.get('/api/follow-ups')).body.total).toBe(0);
    expect((await member.post(`/api/follow-ups/${followUp.id}/result`, { grade: 'A', text: '已解决' })).status).toBe(403);

    t.clock.set(chinaTime('2022-02-08'));
    const overdue = (await staff.get('/api/follow-ups?overdue=true&limit=100')).body.items.map((f: { id: string }) => f.id);
    expect(overdue).toContain(followUp.id);
    const badGrade = await drafter.post(`/api/follow-ups/${followUp.id}/result`, { grade: 'Z', text: '已解决' });
    expect([badGrade.status, badGrade.body.code]).toEqual([400, 'GRADE_UNKNOWN']);
    const noText = await drafter.post(`/api/follow-ups/${followUp.id}/result`, { grade: 'A' });
    expect([noText.status, noText.body.details.fields[0].field]).toEqual([400, 'text']);
    const done = await drafter.post(`/api/follow-ups/${followUp.id}/result`, { grade: 'A', text: '专项整治已完成，诈骗案件发案数同比下降三成。' });
    expect([done.status, done.body.status, done.body.resultGrade, done.body.overdue]).toEqual([200, 'done', 'A', false]);
    const twice = await drafter.post(`/api/follow-ups/${followUp.id}/result`, { grade: 'A', text: '再次记录' });
    expect([twice.status, twice.body.code]).toEqual([409, 'FOLLOW_UP_RECORDED']);
    expect((await notices(member, 'follow-up.recorded'))[0].title).toContain('由B类变为A类');
    // The first result stays as it was.
    expect((await staff.get(`/api/replies/${reply.id}`)).body.grade).toBe('B');

    // An A reply (the committee's first grade) is not followed up.
    t.clock.set(chinaTime('2021-08-05'));
    const { assignment } = await s.accepted();
    const answerA = await replyOver(assignment.id, 'A', '一、办理情况\n已全部落实。');
    expect((await staff.get(`/api/follow-ups?proposalId=${answerA.proposalId}`)).body.total).toBe(0);
  });
});
