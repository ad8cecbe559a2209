import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 征询意见表 over HTTP: the member's form (result and attitude, how the unit made contact), and a paper form recorded by staff. */
describe('the feedback form', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let drafter: UserClient;

  const replied = async () => (await s.dispatched()).proposal.id;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-08-05'));
    c = await t.committee();
    s = new Scenario(t, c);
    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    drafter = await t.as(c.username('chending'));
  });

  afterAll(() => t.close());

  it('takes the member’s satisfaction with the result and the attitude, and how the unit made contact', async () => {
    const proposalId = await replied();
    const path = `/api/proposals/${proposalId}/feedback`;
    const mismatched = await member.post(path, { satisfaction: 'satisfied', contacted: false, contactMethod: 'phone', answered: true });
    expect([mismatched.status, mismatched.body.details.fields[0].field]).toEqual([400, 'contactMethod']);
    const badMethod = await member.post(path, { satisfaction: 'satisfied', contacted: true, contactMethod: 'pigeon', answered: true });
    expect([badMethod.status, badMethod.body.details.fields[0].field]).toEqual([400, 'contactMethod']);
    const given = await member.post(path, { satisfaction: 'basically_satisfied', attitudeSatisfaction: 'satisfied', contacted: true, contactMethod: 'face_to_face', answered: true, comments: '办理认真' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ satisfaction: 'basically_satisfied', attitudeSatisfaction: 'satisfied', contactMethod: 'face_to_face', recordedOnBehalf: false });
    expect((await drafter.get(path)).body.map((f: { comments: string }) => f.comments)).toEqual(['办理认真']);
  });

  it('lets committee staff record a proposer’s paper form, recorded as such; members cannot, and it counts once', async () => {
    const proposalId = await replied();
    const paper = `/api/proposals/${proposalId}/feedback/paper`;
    const form = { satisfaction: 'satisfied', attitudeSatisfaction: 'satisfied', contacted: true, contactMethod: 'phone', answered: true };
    expect((await member.post(paper, { ...form, proposerUserId: c.userId('yuanyuan') })).status).toBe(403);
    const notProposer = await staff.post(paper, { ...form, proposerUserId: c.userId('chending') });
    expect([notProposer.status, notProposer.body.details.fields[0].field]).toEqual([400, 'proposerUserId']);
    const recorded = await staff.post(paper, { ...form, proposerUserId: c.userId('yuanyuan') });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ proposerUserId: c.userId('yuanyuan'), recordedOnBehalf: true, recordedByUserId: c.userId('anyang-staff') });
    const twice = await member.post(`/api/proposals/${proposalId}/feedback`, form);
    expect([twice.status, twice.body.code]).toEqual([409, 'FEEDBACK_EXISTS']);
    const [entry] = await t.dataSource.query(`SELECT actor_user_id, after FROM audit_entries WHERE entity = 'feedback' AND entity_id = $1`, [recorded.body.id]);
    expect(entry).toMatchObject({ actor_user_id: c.userId('anyang-staff'), after: { paperForm: true, proposerUserId: c.userId('yuanyuan') } });
    const closed = await staff.post(`/api/proposals/${proposalId}/close`, { version: (await staff.get(`/api/proposals/${proposalId}`)).body.version });
    expect(closed.body.status).toBe('closed');
  });
});
