import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 答复模板 over HTTP: a unit's template per reply kind, and new drafts that start from it. */
describe('reply templates', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let drafter: UserClient;
  let staff: UserClient;
  let path: string;

  const template = {
    opening: '{memberName}委员：您领衔提出的《{proposalTitle}》（第{proposalNumber}号）收悉，{unitName}高度重视。',
    scaffold: '一、当前形势分析\n\n二、我们采取的措施\n\n三、存在问题和下步打算\n',
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    drafter = await t.as(c.username('chending'));
    staff = await t.as(c.username('anyang-staff'));
    path = `/api/units/${c.unitIds.police}/reply-templates`;
  });

  afterAll(() => t.close());

  it('starts a unit on the built-in templates, and a draft on its scaffold, which does not count as written', async () => {
    const list = (await drafter.get(path)).body;
    expect(list.map((x: { kind: string; isDefault: boolean }) => [x.kind, x.isDefault])).toEqual([
      ['answer', true],
      ['separate_answer', true],
      ['co_opinion', true],
    ]);
    const { assignment } = await s.accepted();
    const draft = (await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS })).body;
    expect(draft.text).toContain('一、基本情况\n\n二、采取的措施');
    const unwritten = await drafter.post(`/api/replies/${draft.id}/submit`, { version: draft.version });
    expect([unwritten.status, unwritten.body.code, unwritten.body.details.missing]).toEqual([400, 'REPLY_INCOMPLETE', ['body']]);
  });

  it('lets the unit set its own, checking placeholders, contact unit, offices and the version', async () => {
    const cases: Array<[object, string]> = [
      [{ ...template, opening: '您好{name}，来信收悉。' }, 'opening'],
      [{ ...template, contactUnitId: c.unitIds.finance }, 'contactUnitId'],
      [{ ...template, copyUnitIds: [c.unitIds.finance] }, 'copyUnitIds'],
      [{ ...template, scaffold: '' }, 'scaffold'],
    ];
    for (const [body, field] of cases) {
      const refused = await drafter.put(`${path}/answer`, body);
      expect([refused.status, fieldsOf(refused.body)]).toEqual([400, [field]]);
    }
    const set = await drafter.put(`${path}/answer`, {
      ...template,
      contactUnitId: c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
      copyUnitIds: [c.unitIds['office-party']],
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ kind: 'answer', isDefault: false, version: 1, ...template });
    const noVersion = await drafter.put(`${path}/answer`, template);
    expect([noVersion.status, fieldsOf(noVersion.body)]).toEqual([400, ['version']]);
    const stale = await drafter.put(`${path}/answer`, { ...template, version: 7 });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    expect((await drafter.put(`${path}/answers`, template)).status).toBe(400);
    const trail = (await staff.get(`/api/audit/${c.unitIds.police}`)).body.map((e: { action: string }) => e.action);
    expect(trail).toContain('reply-template.set');
  });

  it('is the unit’s own: staff read it, other units and members cannot see or change it', async () => {
    expect((await staff.get(path)).body.find((x: { kind: string }) => x.kind === 'answer').isDefault).toBe(false);
    expect((await staff.put(`${path}/answer`, { ...template, version: 1 })).status).toBe(403);
    const otherUnit = await t.as(c.username('zhaolei'));
    expect((await otherUnit.get(path)).status).toBe(404);
    expect((await otherUnit.put(`${path}/answer`, { ...template, version: 1 })).status).toBe(404);
    expect((await (await t.as(c.username('yuanyuan'))).get(path)).status).toBe(404);
  });

  it('starts the unit’s next reply from it: opening filled in, scaffold, contacts and copies', async () => {
    const { proposal, assignment } = await s.accepted();
    const draft = (await drafter.post(`/api/assignments/${assignment.id}/replies`, { grade: 'A' })).body;
    expect(draft.document).toMatchObject({
      opening: `袁媛委员：您领衔提出的《${proposal.title}》（第${proposal.number}号）收悉，安阳市公安局高度重视。`,
      body: template.scaffold,
      contactUnit: '安阳市公安局经侦支队',
      contacts: ANYANG_CONTACTS,
      copies: ['市委办公室'],
    });
    const written = await drafter.put(`/api/replies/${draft.id}`, { version: draft.version, body: `${template.scaffold}当前，电信网络诈骗案件多发。` });
    const submitted = await drafter.post(`/api/replies/${draft.id}/submit`, { version: written.body.version });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'awaiting_signoff']);
  });

  it('goes back to the default when the unit removes its own', async () => {
    const removed = await drafter.delete(`${path}/answer`);
    expect([removed.status, removed.body.isDefault]).toEqual([200, true]);
    expect((await drafter.delete(`${path}/answer`)).status).toBe(404);
  });
});
