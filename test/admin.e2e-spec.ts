import { Membership, Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

describe('administration of a committee', () => {
  let t: TestApp;
  let c: TestCommittee;
  let admin: UserClient;
  let neighbour: TestCommittee;

  beforeAll(async () => {
    t = await createTestApp(new Date());
    c = await t.committee();
    neighbour = await t.committee();
    admin = await t.as(c.username('anyang-admin'));
  });
  afterAll(() => t.close());

  it('is for administrators only', async () => {
    const staff = await t.as(c.username('anyang-staff'));
    const response = await staff.post('/api/admin/units', { name: '安阳市教育局', kind: 'handling' });
    expect([response.status, response.body.code]).toEqual([403, 'PERMISSION_DENIED']);
  });

  it('manages units: nested, versioned, audited, and within the committee', async () => {
    const created = await admin.post('/api/admin/units', { name: '安阳市教育局', kind: 'handling', docPrefix: '安教', workArea: '教育工作' });
    expect(created.status).toBe(201);
    const child = await admin.post('/api/admin/units', { name: '安阳市教育局基础教育科', kind: 'handling', parentId: created.body.id });
    expect(child.body.parentId).toBe(created.body.id);
    const duplicate = await admin.post('/api/admin/units', { name: '安阳市教育局', kind: 'handling' });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'DUPLICATE']);
    const badKind = await admin.post('/api/admin/units', { name: 'X局', kind: 'bureau' });
    expect([badKind.status, badKind.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(badKind.body.message).toContain('kind');
    const foreignParent = await admin.post('/api/admin/units', { name: 'Y局', kind: 'handling', parentId: neighbour.unitIds.police });
    expect([foreignParent.status, foreignParent.body.code]).toEqual([404, 'UNIT_NOT_FOUND']);

    const renamed = await admin.patch(`/api/admin/units/${created.body.id}`, { version: 1, name: '安阳市教育体育局' });
    expect(renamed.body).toMatchObject({ name: '安阳市教育体育局', version: 2 });
    const stale = await admin.patch(`/api/admin/units/${created.body.id}`, { version: 1, name: '又改名' });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    const cycle = await admin.patch(`/api/admin/units/${created.body.id}`, { version: 2, parentId: child.body.id });
    expect([cycle.status, cycle.body.code]).toEqual([400, 'UNIT_CYCLE']);
    const foreign = await admin.patch(`/api/admin/units/${neighbour.unitIds.police}`, { version: 1, name: '篡改' });
    expect(foreign.status).toBe(404);

    const trail = await admin.get(`/api/audit/${created.body.id}`);
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['unit.created', 'unit.updated']);
    expect(trail.body[1].before.name).toBe('安阳市教育局');
    expect(trail.body[1].after.name).toBe('安阳市教育体育局');
  });

  it('manages CPPCC sessions with their plenary window and default copies', async () => {
    const base = { name: '政协十三届安阳市委员会五次会议', term: 13, meeting: 5, year: 2022, plenaryStart: '2022-03-01', plenaryEnd: '2022-03-04' };
    const backwards = await admin.post('/api/admin/sessions', { ...base, plenaryStart: '2022-03-05' });
    expect([backwards.status, backwards.body.code]).toEqual([400, 'PLENARY_WINDOW']);
    const notOffice = await admin.post('/api/admin/sessions', { ...base, defaultCopyUnitIds: [c.unitIds.police] });
    expect([notOffice.status, notOffice.body.code]).toEqual([400, 'COPY_UNIT_NOT_OFFICE']);
    const badDate = await admin.post('/api/admin/sessions', { ...base, plenaryEnd: '2022-02-30x' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toContain('plenaryEnd');
    const created = await admin.post('/api/admin/sessions', { ...base, defaultCopyUnitIds: [c.unitIds['office-party']] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      deadlineRules: { replyDue: { amount: 3, unit: 'calendar_months' }, adjustmentWindow: { amount: 5, unit: 'working_days' } },
      defaultCopyUnitIds: [c.unitIds['office-party']],
    });
    const badRule = await admin.patch(`/api/admin/sessions/${created.body.id}`, { version: 1, deadlineRules: { replyDue: { amount: 2, unit: 'weeks' } } });
    expect(badRule.body.message).toContain('deadlineRules.replyDue.unit');
    const updated = await admin.patch(`/api/admin/sessions/${created.body.id}`, { version: 1, deadlineRules: { replyDue: { amount: 2, unit: 'calendar_months' } } });
    expect(updated.body).toMatchObject({
      deadlineRules: { replyDue: { amount: 2, unit: 'calendar_months' }, feedbackWindow: { amount: 15, unit: 'working_days' } },
      version: 2,
    });
    const member = await t.as(c.username('yuanyuan'));
    const visible = await member.get('/api/sessions');
    expect(visible.body.map((s: { name: string }) => s.name)).toContain(base.name);
  });

  it('creates users with roles, checking unit roles against unit kinds', async () => {
    const needsUnit = await admin.post('/api/admin/users', { username: `x1-${c.tag}`, displayName: '某人', password: 'long-enough-pass', memberships: [{ role: 'drafter' }] });
    expect([needsUnit.status, needsUnit.body.code]).toEqual([400, 'MEMBERSHIP_UNIT']);
    const wrongKind = await admin.post('/api/admin/users', {
      username: `x2-${c.tag}`,
      displayName: '某人',
      password: 'long-enough-pass',
      memberships: [{ role: 'office', unitId: c.unitIds.police }],
    });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([400, 'MEMBERSHIP_UNIT_KIND']);
    const nothingWritten = await admin.get('/api/admin/users');
    expect(nothingWritten.body.map((u: { username: string }) => u.username)).not.toContain(`x2-${c.tag}`);
    const shortPassword = await admin.post('/api/admin/users', { username: `x3-${c.tag}`, displayName: '某人', password: 'short', memberships: [] });
    expect(shortPassword.body.message).toContain('password');
    const badRole = await admin.post('/api/admin/users', { username: `x4-${c.tag}`, displayName: '某人', password: 'long-enough-pass', memberships: [{ role: 'king' }] });
    expect(badRole.body.message).toContain('memberships.0.role');
    const taken = await admin.post('/api/admin/users', { username: c.username('yuanyuan'), displayName: '重名', password: 'long-enough-pass', memberships: [] });
    expect([taken.status, taken.body.code]).toEqual([409, 'USERNAME_TAKEN']);

    const created = await admin.post('/api/admin/users', {
      username: `sunli-${c.tag}`,
      displayName: '孙丽',
      password: 'long-enough-pass',
      memberships: [{ role: 'leader', unitId: c.unitIds.finance }],
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const removed = await admin.delete(`/api/admin/users/${created.body.id}/memberships/${created.body.memberships[0].id}`);
    expect(removed.body.memberships).toEqual([]);
  });

  it('shows the queues (Bull Board) to administrators only, and reports queue lag in the health check', async () => {
    const basic = (username: string, password = 'cppcc-demo-2026') => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const anonymous = await t.http().get('/api/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Basic');
    expect((await t.http().get('/api/admin/queues').set('authorization', basic(c.username('anyang-staff')))).status).toBe(401);
    expect((await t.http().get('/api/admin/queues').set('authorization', basic(c.username('anyang-admin'), 'wrong'))).status).toBe(401);
    const board = await t.http().get('/api/admin/queues').set('authorization', basic(c.username('anyang-admin')));
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
    const queues = await t.http().get('/api/admin/queues/api/queues').set('authorization', basic(c.username('anyang-admin')));
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deliveries', 'reminders']);

    const health = await t.http().get('/api/health');
    expect(health.body.queue).toMatchObject({ behind: expect.any(Boolean), dueReminders: expect.any(Number), lagSeconds: expect.any(Number) });
  });

  it('checks the queue board password once, then holds a short signed session (HttpOnly, SameSite=Strict)', async () => {
    const basic = (username: string, password = 'cppcc-demo-2026') => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const signedIn = await t.http().get('/api/admin/queues').set('authorization', basic(c.username('anyang-admin')));
    expect(signedIn.status).toBe(200);
    const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []);
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^cppcc_queue_board=[^;]+; Path=\/api\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict$/);
    const session = setCookie[0].split(';')[0];
    const withCookie = (path: string, value = session) => t.http().get(path).set('cookie', value);

    // The assets and the polling go on with the cookie alone; no new cookie, no password.
    const polled = await withCookie('/api/admin/queues/api/queues');
    expect(polled.status).toBe(200);
    expect(polled.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deliveries', 'reminders']);
    expect(polled.headers['set-cookie']).toBeUndefined();
    // A browser keeps resending the Basic credentials: with a valid session they are not checked again.
    expect((await withCookie('/api/admin/queues/api/queues').set('authorization', basic(c.username('anyang-admin'), 'not-checked'))).status).toBe(200);

    // Forged: another signature, another user in a well-signed shape, or garbage.
    const [name, value] = session.split('=');
    const [userId, version, expires, signature] = value.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const forged of [
      `${name}=${userId}.${version}.${expires}.${flipped}`,
      `${name}=${c.userId('anyang-staff')}.${version}.${expires}.${signature}`,
      `${name}=${userId}.${version}.${Number(expires) + 86_400}.${signature}`,
      `${name}=nonsense`,
    ]) {
      const refused = await withCookie('/api/admin/queues/api/queues', forged);
      expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(refused.headers['www-authenticate']).toContain('Basic');
    }

    // Expired: 15 minutes later the password is asked again.
    const now = t.clock.now();
    try {
      t.clock.advance(901_000);
      expect((await withCookie('/api/admin/queues/api/queues')).status).toBe(401);
    } finally {
      t.clock.set(now);
    }
    expect((await withCookie('/api/admin/queues/api/queues')).status).toBe(200);
    // No longer an administrator with the same roles (token version): the session ends at once.
    await t.dataSource.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [c.userId('anyang-admin')]);
    try {
      expect((await withCookie('/api/admin/queues/api/queues')).status).toBe(401);
    } finally {
      // Back as it was, for the other tests' administrator token.
      await t.dataSource.query('UPDATE users SET token_version = token_version - 1 WHERE id = $1', [c.userId('anyang-admin')]);
    }
  });

  it('never shows a user’s roles in another committee', async () => {
    await t.dataSource.getRepository(Membership).insert({ userId: c.userId('wangpeng'), committeeId: neighbour.committeeId, role: Role.Member, unitId: null });
    const changed = await admin.post(`/api/admin/users/${c.userId('wangpeng')}/memberships`, { role: 'leader', unitId: c.unitIds.police });
    expect(changed.status).toBe(201);
    expect(changed.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['drafter', 'leader']);
    const trail = await admin.get(`/api/audit/${c.userId('wangpeng')}`);
    expect(JSON.stringify(trail.body)).not.toContain(neighbour.committeeId);
  });
});
