import { DEMO_PASSWORD } from '#app/demo';
import { Membership, Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('authentication', () => {
  let t: TestApp;
  let c: TestCommittee;
  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await createTestApp(new Date());
    c = await t.committee();
  });
  afterAll(() => t.close());

  it('answers a wrong password and an unknown user alike, without saying which', async () => {
    const wrong = await login(c.username('yuanyuan'), 'not-the-password');
    const unknown = await login('nobody-at-all', 'whatever-it-is');
    expect([wrong.status, wrong.body.code, wrong.body.message]).toEqual([401, 'BAD_CREDENTIALS', 'Wrong username or password']);
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([401, 'BAD_CREDENTIALS', 'Wrong username or password']);
    const missing = await t.http().post('/api/auth/login').send({ username: c.username('yuanyuan') });
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(missing.body.message).toContain('password');
  });

  it('issues a short-lived access token and tells the user who they are', async () => {
    const response = await login(c.username('chending'), DEMO_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.http().get('/api/auth/me').set('authorization', `Bearer ${response.body.accessToken}`);
    expect(me.body).toMatchObject({ username: c.username('chending'), displayName: '陈丁' });
    expect(me.body.memberships).toEqual([{ committeeId: c.committeeId, role: 'drafter', unitId: c.unitIds.police }]);
    const forged = await t.http().get('/api/auth/me').set('authorization', `Bearer ${response.body.accessToken}x`);
    expect(forged.status).toBe(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const first = (await login(c.username('yuanyuan'), DEMO_PASSWORD)).body;
    const second = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const replay = await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect([replay.status, replay.body.code]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
    // The thief's replay also ended the legitimate holder's session.
    const afterTheft = await t.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(afterTheft.status).toBe(401);
  });

  it('logs out: the refresh token stops working', async () => {
    const tokens = (await login(c.username('yuanyuan'), DEMO_PASSWORD)).body;
    expect((await t.http().post('/api/auth/logout').send({ refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await t.http().post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('asks a user of several committees which one they act in, and refuses one they do not belong to', async () => {
    const other = await t.committee();
    await t.dataSource.getRepository(Membership).insert({
      userId: c.userId('yuanyuan'),
      committeeId: other.committeeId,
      role: Role.Member,
      unitId: null,
    });
    const token = (await login(c.username('yuanyuan'), DEMO_PASSWORD)).body.accessToken;
    const ambiguous = await t.http().get('/api/proposals').set('authorization', `Bearer ${token}`);
    expect([ambiguous.status, ambiguous.body.code]).toEqual([400, 'COMMITTEE_REQUIRED']);
    const chosen = await t.http().get('/api/proposals').set('authorization', `Bearer ${token}`).set('x-committee-id', other.committeeId);
    expect(chosen.status).toBe(200);
    const stranger = await t.committee();
    const refused = await t.http().get('/api/proposals').set('authorization', `Bearer ${token}`).set('x-committee-id', stranger.committeeId);
    expect([refused.status, refused.body.code]).toEqual([403, 'COMMITTEE_NOT_MEMBER']);
  });

  it('sets security headers and a request id on every answer', async () => {
    const response = await t.http().get('/api/health').set('x-request-id', 'trace-me-123');
    expect(response.headers['x-request-id']).toBe('trace-me-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
