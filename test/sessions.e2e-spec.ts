import { Session } from '#app/auth';
import { DEMO_PASSWORD } from '#app/demo';
import { Membership, Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Issue #16: a session ends at once — its access tokens answer 401 SESSION_ENDED on the next request,
 * not when they expire — on logout, on a password change, when the user's last membership goes and when
 * the user is deactivated.
 */
describe('sessions', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  const login = async (username: string, password = DEMO_PASSWORD): Promise<{ accessToken: string; refreshToken: string }> => {
    const response = await t.http().post('/api/auth/login').send({ username, password });
    expect(response.status).toBe(200);
    return response.body;
  };
  const me = (accessToken: string) => t.http().get('/api/auth/me').set('authorization', `Bearer ${accessToken}`);
  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });
  const sessionOf = async (accessToken: string) => {
    const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string };
    return t.dataSource.getRepository(Session).findOneByOrFail({ id: sid });
  };

  beforeAll(async () => {
    t = await createTestApp(new Date());
    c = await t.committee();
    s = new Scenario(t, c);
  });
  afterAll(() => t.close());

  it('ends on logout: the access token is refused at once, other sessions of the user go on', async () => {
    const phone = await login(c.username('yuanyuan'));
    const desk = await login(c.username('yuanyuan'));
    expect((await me(phone.accessToken)).status).toBe(200);

    expect((await t.http().post('/api/auth/logout').send({ refreshToken: phone.refreshToken })).status).toBe(204);
    const after = await me(phone.accessToken);
    expect([after.status, after.body.code]).toEqual([401, 'SESSION_ENDED']);
    expect(after.body.message).toMatch(/^会话已结束/);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect(await sessionOf(phone.accessToken)).toMatchObject({ endReason: 'logout', endedAt: expect.any(Date) });
    // Logging out on the phone leaves the desk signed in.
    expect((await me(desk.accessToken)).status).toBe(200);
    // Twice is harmless, and ending is for good: the first reason stays.
    expect((await t.http().post('/api/auth/logout').send({ refreshToken: phone.refreshToken })).status).toBe(204);
    expect((await sessionOf(phone.accessToken)).endReason).toBe('logout');
  });

  it('ends a refreshed session too: every access token of the session, old and new', async () => {
    const first = await login(c.username('yuanyuan'));
    const second = (await refresh(first.refreshToken)).body as { accessToken: string; refreshToken: string };
    expect((await sessionOf(second.accessToken)).id).toBe((await sessionOf(first.accessToken)).id);
    expect((await t.http().post('/api/auth/logout').send({ refreshToken: second.refreshToken })).status).toBe(204);
    for (const token of [first.accessToken, second.accessToken]) expect((await me(token)).body.code).toBe('SESSION_ENDED');
  });

  it('ends every session on a password change; the new pair works', async () => {
    const username = c.username('chending');
    const [changing, other] = [await login(username), await login(username)];
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', `Bearer ${changing.accessToken}`)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: '会话-2026-new-secret' });
    expect(changed.status).toBe(200);
    for (const old of [changing, other]) {
      const answer = await me(old.accessToken);
      expect([answer.status, answer.body.code]).toEqual([401, 'SESSION_ENDED']);
      expect((await refresh(old.refreshToken)).status).toBe(401);
      expect((await sessionOf(old.accessToken)).endReason).toBe('password-changed');
    }
    expect((await me(changed.body.accessToken)).status).toBe(200);
    const refreshed = await refresh(changed.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect((await me(refreshed.body.accessToken)).status).toBe(200);
  });

  it('ends every session when the last membership goes, not before, and not back when one is added again', async () => {
    const userId = await s.addUser('session-drafter', '会话测试', Role.Drafter, 'police');
    const admin = await t.as(c.username('anyang-admin'));
    const added = await admin.post(`/api/admin/users/${userId}/memberships`, { role: Role.Drafter, unitId: c.unitIds.finance });
    expect(added.status).toBe(201);
    const [police, finance] = await Promise.all(
      [c.unitIds.police, c.unitIds.finance].map((unitId) => t.dataSource.getRepository(Membership).findOneByOrFail({ userId, unitId })),
    );

    const before = await login(c.username('session-drafter'));
    expect((await admin.delete(`/api/admin/users/${userId}/memberships/${police.id}`)).status).toBe(200);
    // One membership left: the session goes on (a role change only asks for a fresh access token).
    expect((await me(before.accessToken)).body.code).toBe('TOKEN_REVOKED');
    const kept = await refresh(before.refreshToken);
    expect(kept.status).toBe(200);
    expect((await me(kept.body.accessToken)).status).toBe(200);

    expect((await admin.delete(`/api/admin/users/${userId}/memberships/${finance.id}`)).status).toBe(200);
    const after = await me(kept.body.accessToken);
    expect([after.status, after.body.code]).toEqual([401, 'SESSION_ENDED']);
    expect((await refresh(kept.body.refreshToken)).status).toBe(401);
    expect((await sessionOf(kept.body.accessToken)).endReason).toBe('no-membership');

    // Given a membership again (the committee's administrators no longer see the user, so straight into
    // the table), the user logs in anew; the ended session stays ended.
    await t.dataSource.getRepository(Membership).insert({ userId, committeeId: c.committeeId, role: Role.Drafter, unitId: c.unitIds.police });
    expect((await me(kept.body.accessToken)).body.code).toBe('SESSION_ENDED');
    expect((await me((await login(c.username('session-drafter'))).accessToken)).status).toBe(200);
  });

  it('ends every session when the user is deactivated (users.active), and they stay ended', async () => {
    const tokens = await login(c.username('wangpeng'));
    expect((await me(tokens.accessToken)).status).toBe(200);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [c.userId('wangpeng')]);
    expect((await me(tokens.accessToken)).body.code).toBe('SESSION_ENDED');
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ username: c.username('wangpeng'), password: DEMO_PASSWORD })).status).toBe(401);
    await t.dataSource.query('UPDATE users SET active = true WHERE id = $1', [c.userId('wangpeng')]);
    expect((await sessionOf(tokens.accessToken)).endReason).toBe('deactivated');
    expect((await me(tokens.accessToken)).body.code).toBe('SESSION_ENDED');
  });

  it('refuses a token without a session, or with another user\'s', async () => {
    const mine = await login(c.username('yuanyuan'));
    const theirs = await login(c.username('anyang-staff'));
    const { JwtService } = await import('@nestjs/jwt');
    const jwt = t.app.get(JwtService);
    const sid = (await sessionOf(theirs.accessToken)).id;
    const user = await t.dataSource.query('SELECT token_version FROM users WHERE id = $1', [c.userId('yuanyuan')]);
    for (const payload of [
      { sub: c.userId('yuanyuan'), tv: user[0].token_version },
      { sub: c.userId('yuanyuan'), tv: user[0].token_version, sid },
      { sub: c.userId('yuanyuan'), tv: user[0].token_version, sid: 'not-a-uuid' },
    ]) {
      const forged = await me(await jwt.signAsync(payload));
      expect([forged.status, forged.body.code]).toEqual([401, 'SESSION_ENDED']);
    }
    expect((await me(mine.accessToken)).status).toBe(200);
  });
});
