import { chinaTime } from '#app/demo';
import { Disclosure, documentNumberSeries } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Audit entries of one record with one action. */
const auditCount = async (t: TestApp, entityId: string, action: string): Promise<number> =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = $2', [entityId, action]))[0].n;

/** The two answers of a race: one winner with `status`, one loser with a 409 and a code saying why. */
const oneWinner = (answers: Array<{ status: number; body: { code?: string } }>, status: number) => {
  expect(answers.map((a) => a.status).sort()).toEqual([status, 409].sort());
  const loser = answers.find((a) => a.status === 409);
  expect(loser?.body.code).toEqual(expect.any(String));
  return { winner: answers.find((a) => a.status === status), loser };
};

/** Racing requests: exactly one wins, the other gets a clear 409, and no number is lost. */
describe('concurrent changes', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('two sign-offs of one reply: one document number is consumed, the loser gets 409', async () => {
    const { reply } = await s.awaitingSignOff();
    t.clock.set(chinaTime('2021-11-01'));
    const leader = await t.as(c.username('guochengji'));
    const [first, second] = await Promise.all([
      leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }),
      leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(['STALE_VERSION', 'REPLY_ILLEGAL_TRANSITION']).toContain(loser.body.code);
    const [series] = await t.dataSource.query('SELECT last_value FROM number_series WHERE committee_id = $1 AND series = $2', [
      c.committeeId,
      documentNumberSeries(c.unitIds.police, 'answer', 2021),
    ]);
    expect(series.last_value).toBe(1);
    const winner = first.status === 200 ? first : second;
    expect(winner.body.document.docNumber).toBe('安公警〔2021〕1号');
  });

  it('two committee staff filing the same proposal at once: one number, one 409', async () => {
    const member = await s.actor('yuanyuan');
    const staffActor = await s.actor('anyang-staff');
    let proposal = await s.proposals.create(member, { sessionId: c.sessionId, title: '关于测试并发立案的提案', body: '一、情况分析\n正文内容。' });
    proposal = await s.proposals.submit(member, proposal.id, proposal.version);
    proposal = await s.proposals.startReview(staffActor, proposal.id, proposal.version);
    const staff = await t.as(c.username('anyang-staff'));
    const before: Array<{ n: number }> = await t.dataSource.query('SELECT count(*)::int AS n FROM proposals WHERE session_id = $1 AND number IS NOT NULL', [c.sessionId]);
    const results = await Promise.all([
      staff.post(`/api/proposals/${proposal.id}/file`, { version: proposal.version }),
      staff.post(`/api/proposals/${proposal.id}/file`, { version: proposal.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const after: Array<{ n: number }> = await t.dataSource.query('SELECT count(*)::int AS n FROM proposals WHERE session_id = $1 AND number IS NOT NULL', [c.sessionId]);
    expect(after[0].n).toBe(before[0].n + 1);
    const numbers: Array<{ number: number }> = await t.dataSource.query('SELECT number FROM proposals WHERE session_id = $1 AND number IS NOT NULL ORDER BY number', [c.sessionId]);
    expect(numbers.map((row) => row.number)).toEqual(numbers.map((_, index) => index + 1));
  });

  it('two assignments of the same proposal: one assignment row, one 409', async () => {
    const proposal = await s.filed('关于测试并发交办的提案');
    const staff = await t.as(c.username('anyang-staff'));
    const results = await Promise.all([
      staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police }),
      staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.finance }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM assignments WHERE proposal_id = $1', [proposal.id]);
    expect(rows).toHaveLength(1);
  });

  it('two submits of one draft: one submission, one audit entry, one 409', async () => {
    const member = await t.as(c.username('yuanyuan'));
    const draft = await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于测试并发提交的提案', body: '一、情况分析\n正文内容。' });
    const answers = await Promise.all([0, 1].map(() => member.post(`/api/proposals/${draft.body.id}/submit`, { version: draft.body.version })));
    const { loser } = oneWinner(answers, 200);
    expect(['STALE_VERSION', 'PROPOSAL_ILLEGAL_TRANSITION']).toContain(loser?.body.code);
    const [row] = await t.dataSource.query('SELECT status, version FROM proposals WHERE id = $1', [draft.body.id]);
    expect(row).toEqual({ status: 'submitted', version: draft.body.version + 1 });
    expect(await auditCount(t, draft.body.id, 'proposal.submit')).toBe(1);
  });

  it('two acceptances (签收) of one assignment: one accepted, one audit entry, the window closed once, one 409', async () => {
    const proposal = await s.filed('关于测试并发签收的提案');
    t.clock.set(chinaTime('2021-03-02'));
    const staff = await s.actor('anyang-staff');
    const [assignment] = (await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police })).assignments;
    const drafter = await t.as(c.username('chending'));
    const answers = await Promise.all([0, 1].map(() => drafter.post(`/api/assignments/${assignment.id}/accept`, { version: assignment.version })));
    oneWinner(answers, 200);
    expect(await auditCount(t, assignment.id, 'assignment.accept')).toBe(1);
    const met: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM deadline_events e JOIN deadlines d ON d.id = e.deadline_id
       WHERE d.assignment_id = $1 AND d.kind = 'adjustment_window' AND e.kind = 'met'`,
      [assignment.id],
    );
    expect(met[0].n).toBe(1);
  });

  it('two decisions on one adjustment request (approve and reject at once): one decision, one new assignment at most, one 409', async () => {
    const proposal = await s.filed('关于测试并发调整决定的提案');
    t.clock.set(chinaTime('2021-03-02'));
    const [assignment] = (await s.assigning.assign(await s.actor('anyang-staff'), proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police })).assignments;
    const drafter = await t.as(c.username('chending'));
    const request = await drafter.post(`/api/assignments/${assignment.id}/adjustment-requests`, { reason: '本提案内容不属于我局职责范围，建议交财政局办理。' });
    expect(request.status).toBe(201);
    const staff = await t.as(c.username('anyang-staff'));
    const answers = await Promise.all([
      staff.post(`/api/adjustment-requests/${request.body.id}/approve`, { version: request.body.version, newUnitId: c.unitIds.finance }),
      staff.post(`/api/adjustment-requests/${request.body.id}/reject`, { version: request.body.version, reason: '职责范围已明确，请继续办理。' }),
    ]);
    const { winner } = oneWinner(answers, 200);
    const approved = winner === answers[0];
    const [row] = await t.dataSource.query('SELECT status FROM adjustment_requests WHERE id = $1', [request.body.id]);
    expect(row.status).toBe(approved ? 'approved' : 'rejected');
    const units: Array<{ unit_id: string; status: string }> = await t.dataSource.query('SELECT unit_id, status FROM assignments WHERE proposal_id = $1 ORDER BY created_at', [proposal.id]);
    expect(units.length).toBe(approved ? 2 : 1);
    const decisions: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action IN ('adjustment.approved', 'adjustment.rejected')`,
      [request.body.id],
    );
    expect(decisions[0].n).toBe(1);
  });

  it('two dispatches of one signed reply: sent once, one copy per office, the proposer told once, one 409', async () => {
    const { reply } = await s.awaitingSignOff();
    t.clock.set(chinaTime('2021-11-01'));
    const signed = await s.replySignOff.signOff(await s.actor('guochengji'), reply.id, { version: reply.version, disclosure: Disclosure.Full });
    const drafter = await t.as(c.username('chending'));
    const answers = await Promise.all([0, 1].map(() => drafter.post(`/api/replies/${signed.id}/dispatch`, { version: signed.version })));
    oneWinner(answers, 200);
    expect(await auditCount(t, signed.id, 'reply.dispatch')).toBe(1);
    const copies: Array<{ unit_id: string; n: number }> = await t.dataSource.query('SELECT unit_id, count(*)::int AS n FROM reply_copies WHERE reply_id = $1 GROUP BY unit_id', [signed.id]);
    expect(copies.filter((copy) => copy.n !== 1)).toEqual([]);
    const [proposalRow] = await t.dataSource.query('SELECT proposal_id FROM replies WHERE id = $1', [signed.id]);
    // Each notice the proposer gets about it (the reply received, the proposal replied …) came once.
    const told: Array<{ kind: string; n: number }> = await t.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM notifications WHERE recipient_user_id = $1 AND subject->>'id' IN ($2, $3) GROUP BY kind`,
      [c.userId('yuanyuan'), signed.id, proposalRow.proposal_id],
    );
    expect(told.map((row) => row.kind)).toContain('reply.received');
    expect(told.filter((row) => row.n !== 1)).toEqual([]);
  });

  it('two feedback forms from one proposer at once: one form, one audit entry, one 409', async () => {
    const { proposal } = await s.dispatched();
    const member = await t.as(c.username('yuanyuan'));
    const form = { satisfaction: 'satisfied', contacted: true, contactMethod: 'phone', answered: true };
    const answers = await Promise.all([0, 1].map(() => member.post(`/api/proposals/${proposal.id}/feedback`, form)));
    oneWinner(answers, 201);
    const rows: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM feedback WHERE proposal_id = $1', [proposal.id]);
    expect(rows).toHaveLength(1);
    expect(await auditCount(t, rows[0].id, 'feedback.submitted')).toBe(1);
  });
});
