import { chinaTime } from '#app/demo';
import { documentNumberSeries } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

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
});
