import { ANYANG_PROPOSAL_365, chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Steps taken out of order, or by the wrong hands, are refused with a code and change nothing. */
describe('out-of-order and wrong-hand steps', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('cannot assign, give feedback on or close a proposal that is only submitted', async () => {
    const member = await t.as(c.username('yuanyuan'));
    const staff = await t.as(c.username('anyang-staff'));
    const drafter = await t.as(c.username('chending'));
    let proposal = (await member.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365 })).body;
    expect((await drafter.post(`/api/proposals/${proposal.id}/submit`, { version: 1 })).status).toBe(403);
    proposal = (await member.post(`/api/proposals/${proposal.id}/submit`, { version: 1 })).body;

    const assign = await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police });
    expect([assign.status, assign.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);
    const feedback = await member.post(`/api/proposals/${proposal.id}/feedback`, { satisfaction: 'satisfied', contacted: true, answered: true });
    expect([feedback.status, feedback.body.code]).toEqual([409, 'NOT_REPLIED']);
    const close = await staff.post(`/api/proposals/${proposal.id}/close`, { version: proposal.version });
    expect([close.status, close.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);

    const after = (await staff.get(`/api/proposals/${proposal.id}`)).body;
    expect(after).toMatchObject({ status: 'submitted', version: proposal.version });
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM assignments WHERE proposal_id = $1', [proposal.id]);
    expect(n).toBe(0);
  });

  it('cannot draft a reply before the assignment is accepted, nor accept at a stale version', async () => {
    const proposal = await s.filed('关于顺序测试的提案');
    const staff = await s.actor('anyang-staff');
    const [assignment] = (await s.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: c.unitIds.police })).assignments;
    const drafter = await t.as(c.username('chending'));
    const early = await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'A' });
    expect([early.status, early.body.code]).toEqual([409, 'ASSIGNMENT_NOT_ACCEPTED']);
    const stale = await drafter.post(`/api/assignments/${assignment.id}/accept`, { version: assignment.version + 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM replies WHERE assignment_id = $1', [assignment.id]);
    expect(n).toBe(0);
    expect((await drafter.get(`/api/assignments/${assignment.id}`)).body.status).toBe('assigned');
  });

  it('refuses a due date that is not after the assignment date', async () => {
    const proposal = await s.filed('关于期限测试的提案');
    const staff = await t.as(c.username('anyang-staff'));
    const response = await staff.post(`/api/proposals/${proposal.id}/assignments`, {
      version: proposal.version,
      leadUnitId: c.unitIds.police,
      replyDueDate: '2021-02-01',
    });
    expect([response.status, response.body.code]).toEqual([400, 'DUE_DATE_PAST']);
    const given = await staff.post(`/api/proposals/${proposal.id}/assignments`, {
      version: proposal.version,
      leadUnitId: c.unitIds.police,
      replyDueDate: '2021-05-31',
    });
    expect(given.body.assignments[0]).toMatchObject({ dueDate: '2021-05-31', dueExplanation: { unit: 'given', due: '2021-05-31' } });
  });
});
