import { deleteRedisKeys } from '#app/core';
import { DEMO_PASSWORD } from '#app/demo';
import { type Spawned, startApi, stop, type TestCommittee } from '#app/testing';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Issue #16: `/api/public/*` and `/api/auth/*` are limited per client address (RATE_LIMIT_*), counted in
 * Redis so that every API instance shares the count. Low limits and a Redis prefix of this spec's own,
 * so the rest of the run (which logs in from 127.0.0.1 a great deal) neither trips nor feeds them.
 */
describe('request rate limits at the public edges', () => {
  const basePrefix = process.env.REDIS_PREFIX as string;
  const prefix = `${basePrefix}-rate`;
  const env = { REDIS_PREFIX: prefix, TRUST_PROXY: 'loopback', RATE_LIMIT_PUBLIC: '5', RATE_LIMIT_AUTH: '3', RATE_LIMIT_WINDOW_SECONDS: '60' };
  let t: TestApp;
  let c: TestCommittee;

  beforeAll(async () => {
    t = await createTestApp(new Date(), env);
    c = await t.committee();
  });
  afterAll(async () => {
    await t?.close();
    await deleteRedisKeys(process.env.REDIS_URL as string, prefix);
  });

  const from = (address: string) => ({
    get: (path: string) => t.http().get(path).set('x-forwarded-for', address),
    login: (username: string, password = DEMO_PASSWORD) => t.http().post('/api/auth/login').set('x-forwarded-for', address).send({ username, password }),
  });

  it('limits public search per address: 429 RATE_LIMITED with Retry-After, in Chinese first, for every public route; other addresses go on', async () => {
    const client = from('203.0.113.10');
    for (let i = 0; i < 5; i += 1) expect((await client.get('/api/public/replies?q=道路')).status).toBe(200);
    const refused = await client.get('/api/public/replies?q=道路');
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.body.message).toMatch(/^请求过于频繁/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // One count for the whole edge, whichever public route.
    expect((await client.get('/api/public/committees')).status).toBe(429);
    expect((await client.get(`/api/public/verify/${'0'.repeat(64)}`)).status).toBe(429);
    // Another address has its own count; the address's logins (another edge) and the health check are not affected.
    expect((await from('203.0.113.11').get('/api/public/replies?q=道路')).status).toBe(200);
    expect((await client.login(c.username('yuanyuan'))).status).toBe(200);
    expect((await client.get('/api/health')).status).toBe(200);
  });

  it('limits logins per address before the password is checked, even the right one; signed-in work is not limited', async () => {
    const client = from('203.0.113.20');
    const first = await client.login(c.username('yuanyuan'));
    expect(first.status).toBe(200);
    expect((await client.login(c.username('yuanyuan'), 'wrong-password')).status).toBe(401);
    expect((await client.login(c.username('chending'))).status).toBe(200);
    const refused = await client.login(c.username('chending'));
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // /api/auth/* is one edge: refresh from the address is refused as well.
    expect((await t.http().post('/api/auth/refresh').set('x-forwarded-for', '203.0.113.20').send({ refreshToken: first.body.refreshToken })).status).toBe(429);
    // The API behind the login is not rate-limited.
    for (let i = 0; i < 6; i += 1) {
      const page = await t.http().get('/api/proposals?limit=1').set('x-forwarded-for', '203.0.113.20').set('authorization', `Bearer ${first.body.accessToken}`);
      expect(page.status).toBe(200);
    }
  });

  describe('on two API processes', () => {
    const shared = `${prefix}-two`;
    let apis: Array<Spawned & { url: string; instance: string }> = [];
    beforeAll(async () => {
      apis = await Promise.all([0, 1].map(() => startApi({ REDIS_PREFIX: shared, RATE_LIMIT_PUBLIC: '6', RATE_LIMIT_AUTH: '4', RATE_LIMIT_WINDOW_SECONDS: '60' })));
    }, 120_000);
    afterAll(async () => {
      await Promise.all(apis.map((api) => stop(api)));
      await deleteRedisKeys(process.env.REDIS_URL as string, shared);
    }, 60_000);

    it('shares one count: requests alternating between the instances are limited as if to one', async () => {
      expect(new Set(apis.map((api) => api.instance)).size).toBe(2);
      const answers: Array<{ status: number; instance: string | null }> = [];
      for (let i = 0; i < 10; i += 1) {
        const response = await fetch(`${apis[i % 2].url}/api/public/replies?q=${encodeURIComponent('道路')}`);
        answers.push({ status: response.status, instance: response.headers.get('x-instance') });
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
      // Both refused, each having counted only half of the requests itself.
      expect(new Set(answers.slice(6).map((a) => a.instance)).size).toBe(2);

      const logins: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const response = await fetch(`${apis[i % 2].url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: c.username('yuanyuan'), password: DEMO_PASSWORD }),
        });
        logins.push(response.status);
      }
      expect(logins).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
});
