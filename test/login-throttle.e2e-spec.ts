import { Redis } from 'ioredis';
import { AuditEntry } from '#app/audit';
import { DEMO_PASSWORD } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { fieldsOf } from './helpers/http.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Login throttling across two API instances (two Nest apps in one process on the same Redis prefix),
 * lockout and unlock, password change and role change ending sessions at once. Each test logs in from
 * addresses of its own (X-Forwarded-For, trusted from loopback), so counts never mix.
 */
describe('login throttling and sessions', () => {
  const env = { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_WINDOW_SECONDS: '900', LOGIN_LOCKOUT_SECONDS: '900' };
  let one: TestApp;
  let two: TestApp;
  let c: TestCommittee;
  let redis: Redis;
  let address = 0;
  const nextAddress = () => `203.0.113.${++address}`;
  const login = (app: TestApp, username: string, password: string, from: string) =>
    app.http().post('/api/auth/login').set('x-forwarded-for', from).send({ username, password });

  beforeAll(async () => {
    one = await createTestApp(new Date(), env);
    two = await createTestApp(new Date(), env);
    c = await one.committee();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await redis.quit();
    await one.close();
    await two.close();
  });

  it('locks an account after 5 failures counted on both instances, with a 429, Retry-After and what to do', async () => {
    // Each attempt from an address of its own: only the account's count can lock.
    const username = c.username('chending');
    for (const app of [one, two, one, two]) expect((await login(app, username, 'wrong-password', nextAddress())).status).toBe(401);
    // Still open after 4: the right password works, and starts the count afresh.
    expect((await login(two, username, DEMO_PASSWORD, nextAddress())).status).toBe(200);
    for (const app of [one, two, one, two]) expect((await login(app, username, 'wrong-password', nextAddress())).status).toBe(401);
    expect((await login(one, username, 'wrong-password', nextAddress())).status).toBe(401); // the 5th since the success
    for (const app of [one, two]) {
      const locked = await login(app, username, DEMO_PASSWORD, nextAddress()); // the right password, from elsewhere
      expect([locked.status, locked.body.code]).toEqual([429, 'ACCOUNT_LOCKED']);
      expect(locked.body.message).toMatch(/try again in 15 minute\(s\), or ask an administrator to unlock it/);
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(890);
      expect(retryAfter).toBeLessThanOrEqual(900);
    }
    // The lock ends by itself: Redis holds it with the lockout period as its time to live.
    const ttl = await redis.pttl(`${process.env.REDIS_PREFIX}:login:locked:account:${encodeURIComponent(username)}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900_000);
    // Another account is not affected.
    expect((await login(two, c.username('wangpeng'), DEMO_PASSWORD, nextAddress())).status).toBe(200);
  });

  it('locks an address after 8 failures on any accounts, unknown ones included; other addresses still log in', async () => {
    const from = nextAddress();
    for (let i = 0; i < 8; i += 1) expect((await login(i % 2 ? one : two, `nobody-${i}-${c.tag}`, 'wrong-password', from)).status).toBe(401);
    const locked = await login(one, c.username('anyang-swb'), DEMO_PASSWORD, from);
    expect([locked.status, locked.body.code]).toEqual([429, 'ADDRESS_LOCKED']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(two, c.username('anyang-swb'), DEMO_PASSWORD, nextAddress())).status).toBe(200);
  });

  it('lets an administrator of the committee unlock an account, audited; nobody else', async () => {
    const username = c.username('wangpeng');
    for (let i = 0; i < 5; i += 1) await login(one, username, 'wrong-password', nextAddress());
    expect((await login(two, username, DEMO_PASSWORD, nextAddress())).status).toBe(429);
    const path = `/api/admin/users/${c.userId('wangpeng')}/unlock`;

    const staff = await one.as(c.username('anyang-staff'));
    expect((await staff.post(path)).status).toBe(403);
    const strangers = await one.committee();
    const otherAdmin = await one.as(strangers.username('anyang-admin'));
    expect((await otherAdmin.post(path)).status).toBe(404);
    expect((await login(one, username, DEMO_PASSWORD, nextAddress())).status).toBe(429);

    const admin = await two.as(c.username('anyang-admin'));
    const unlocked = await admin.post(path);
    expect([unlocked.status, unlocked.body]).toEqual([200, { userId: c.userId('wangpeng'), wasLocked: true }]);
    expect((await login(one, username, DEMO_PASSWORD, nextAddress())).status).toBe(200);
    const entries = await one.dataSource.getRepository(AuditEntry).findBy({ entityId: c.userId('wangpeng'), action: 'user.unlocked' });
    expect(entries.map((e) => [e.actorUserId, e.after])).toEqual([[c.userId('anyang-admin'), { wasLocked: true }]]);
  });

  it('changes a password only with the current one and a strong new one; every session ends at once', async () => {
    const username = c.username('guochengji');
    const first = (await login(one, username, DEMO_PASSWORD, nextAddress())).body;
    const second = (await login(two, username, DEMO_PASSWORD, nextAddress())).body;
    const change = (token: string, body: object) => one.http().post('/api/auth/password').set('authorization', `Bearer ${token}`).send(body);

    const wrong = await change(first.accessToken, { currentPassword: 'not-it-at-all', newPassword: '签发-2026-new-secret' });
    expect([wrong.status, wrong.body.code, fieldsOf(wrong.body)]).toEqual([400, 'WRONG_PASSWORD', ['currentPassword']]);
    const weak = await change(first.accessToken, { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect([weak.status, weak.body.code, fieldsOf(weak.body)]).toEqual([400, 'WEAK_PASSWORD', ['newPassword']]);
    expect(weak.body.message).toContain('10 to 128 characters');
    const missing = await change(first.accessToken, { currentPassword: DEMO_PASSWORD });
    expect([missing.status, fieldsOf(missing.body)]).toEqual([400, ['newPassword']]);
    // Nothing changed by the refusals: the old sessions still work.
    expect((await one.http().get('/api/auth/me').set('authorization', `Bearer ${second.accessToken}`)).status).toBe(200);

    const changed = await change(first.accessToken, { currentPassword: DEMO_PASSWORD, newPassword: '签发-2026-new-secret' });
    expect(changed.status).toBe(200);
    for (const app of [one, two]) {
      for (const old of [first, second]) {
        const me = await app.http().get('/api/auth/me').set('authorization', `Bearer ${old.accessToken}`);
        expect([me.status, me.body.code]).toEqual([401, 'SESSION_ENDED']);
        expect((await app.http().post('/api/auth/refresh').send({ refreshToken: old.refreshToken })).status).toBe(401);
      }
    }
    expect((await two.http().get('/api/auth/me').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);
    expect((await login(two, username, DEMO_PASSWORD, nextAddress())).status).toBe(401);
    expect((await login(one, username, '签发-2026-new-secret', nextAddress())).status).toBe(200);
    const audited = await one.dataSource.getRepository(AuditEntry).findBy({ entityId: c.userId('guochengji'), action: 'user.password-changed' });
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0])).not.toContain('签发-2026');
  });

  it('ends access tokens at once when a role or unit changes', async () => {
    const token = (await login(one, c.username('yuanyuan'), DEMO_PASSWORD, nextAddress())).body.accessToken as string;
    const me = () => two.http().get('/api/proposals').set('authorization', `Bearer ${token}`);
    expect((await me()).status).toBe(200);
    const admin = await one.as(c.username('anyang-admin'));
    const added = await admin.post(`/api/admin/users/${c.userId('yuanyuan')}/memberships`, { role: Role.Drafter, unitId: c.unitIds.finance });
    expect(added.status).toBe(201);
    expect([(await me()).status, (await me()).body.code]).toEqual([401, 'TOKEN_REVOKED']);

    const fresh = (await login(two, c.username('yuanyuan'), DEMO_PASSWORD, nextAddress())).body.accessToken as string;
    const membershipId = (added.body.memberships as Array<{ id: string; role: string }>).find((m) => m.role === Role.Drafter)?.id;
    expect((await admin.delete(`/api/admin/users/${c.userId('yuanyuan')}/memberships/${membershipId}`)).status).toBe(200);
    expect((await one.http().get('/api/proposals').set('authorization', `Bearer ${fresh}`)).status).toBe(401);
  });
});
