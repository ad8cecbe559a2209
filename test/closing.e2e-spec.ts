import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 办结 over HTTP: after the lead proposer's feedback, or once the feedback window has passed; reopened only by the committee. */
describe('closing and reopening a proposal', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let drafter: UserClient;

  /** A proposal whose reply was dispatched on 2021-08-05. */
  const replied = async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const { proposal, assignment } = await s.dispatched();
    return { proposalId: proposal.id, assignmentId: assignment.id };
  };
  const current = async (id: string) => (await staff.get(`/api/proposals/${id}`)).body;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    drafter = await t.as(c.username('chending'));
  });

  afterAll(() => t.close());

  it('waits for the lead proposer’s feedback while the window runs, then may close without it, recorded as such', async () => {
    const { proposalId, assignmentId } = await replied();
    const early = await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version });
    expect([early.status, early.body.code]).toEqual([409, 'FEEDBACK_MISSING']);
    const window = (await staff.get(`/api/assignments/${assignmentId}`)).body.deadlines.find((d: { kind: string }) => d.kind === 'feedback');
    expect(early.body.message).toContain(window.dueDate);
    t.clock.set(chinaTime(window.dueDate));
    expect((await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version })).body.code).toBe('FEEDBACK_MISSING');

    t.clock.set(chinaTime('2021-10-08'));
    const closed = await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version });
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const trail = (await staff.get(`/api/audit/${proposalId}`)).body.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['proposal.close', 'proposal.closed-without-feedback']));
    const assignment = (await staff.get(`/api/assignments/${assignmentId}`)).body;
    expect(assignment.status).toBe('closed');
    expect(assignment.deadlines.find((d: { kind: string }) => d.kind === 'feedback').status).toBe('cancelled');
  });

  it('is reopened only by the committee, with a reason: replied again, the unit back to replied, everyone told', async () => {
    const { proposalId, assignmentId } = await replied();
    await member.post(`/api/proposals/${proposalId}/feedback`, { satisfaction: 'basically_satisfied', contacted: true, answered: true });
    const closed = (await staff.post(`/api/proposals/${proposalId}/close`, { version: (await current(proposalId)).version })).body;
    expect(closed.status).toBe('closed');
    expect((await drafter.post(`/api/proposals/${proposalId}/reopen`, { version: closed.version, reason: '补充办理' })).status).toBe(403);
    const noReason = await staff.post(`/api/proposals/${proposalId}/reopen`, { version: closed.version });
    expect([noReason.status, noReason.body.details.fields[0].field]).toEqual([400, 'reason']);

    const reopened = await staff.post(`/api/proposals/${proposalId}/reopen`, { version: closed.version, reason: '委员反映问题仍未解决，需补充答复' });
    expect([reopened.status, reopened.body.status, reopened.body.closedAt]).toEqual([200, 'replied', null]);
    expect((await staff.get(`/api/assignments/${assignmentId}`)).body.status).toBe('replied');
    for (const client of [member, drafter]) {
      const told = (await client.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'proposal.reopened');
      expect(told.title).toContain('委员反映问题仍未解决');
    }
    const again = await staff.post(`/api/proposals/${proposalId}/reopen`, { version: reopened.body.version, reason: '再次开启' });
    expect([again.status, again.body.code]).toEqual([409, 'PROPOSAL_ILLEGAL_TRANSITION']);
    const closedAgain = await staff.post(`/api/proposals/${proposalId}/close`, { version: reopened.body.version });
    expect(closedAgain.body.status).toBe('closed');
  });
});
