import { API_STARTED } from '#app/core';
import { DEMO_PASSWORD } from '#app/demo';
import { freePort, spawnBuilt, type TestCommittee } from '#app/testing';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Runs the built API (as `npm run start:api` does) with the test run's database and Redis prefix, keeping all it prints. */
const startApi = (env: Record<string, string>) => spawnBuilt('api', { WEB_DIR: '/nonexistent', ...env }, { keepChars: Infinity });

/** Security hygiene of the HTTP surface: CORS limited to one origin, secrets kept out of logs, production refusing defaults. */
describe('security hygiene', () => {
  describe('CORS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(new Date(), { CORS_ORIGIN: 'https://zx.example.org' });
    });
    afterAll(() => t.close());

    const preflight = (app: TestApp, origin: string) =>
      app.http().options('/api/proposals').set('origin', origin).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization,content-type');

    it('answers a preflight from the configured origin, and gives another origin nothing to go on', async () => {
      const allowed = await preflight(t, 'https://zx.example.org');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://zx.example.org');
      expect(allowed.headers['access-control-allow-methods']).toContain('POST');
      const refused = await preflight(t, 'https://evil.example.com');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http().get('/api/health').set('origin', 'https://evil.example.com');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('is off by default: same origin only', async () => {
      const plain = await createTestApp(new Date());
      try {
        const response = await preflight(plain, 'https://zx.example.org');
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await plain.close();
      }
    });

    it('refuses a CORS_ORIGIN that is not one origin', async () => {
      await expect(createTestApp(new Date(), { CORS_ORIGIN: '*' })).rejects.toThrow(/CORS_ORIGIN must be one origin/);
    });
  });

  describe('the running API', () => {
    let t: TestApp;
    let c: TestCommittee;
    beforeAll(async () => {
      t = await createTestApp(new Date());
      c = await t.committee();
    });
    afterAll(() => t.close());

    it('logs each request of a login, a refresh and a password change with its audit entries, without the password, the tokens or cookies', async () => {
      const port = await freePort();
      const api = startApi({ PORT: String(port), LOG_LEVEL: 'info' });
      try {
        const base = `http://127.0.0.1:${port}/api`;
        for (let i = 0; !API_STARTED.test(api.output()) && i < 300; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(api.output()).toMatch(API_STARTED);
        const post = (path: string, body: object, headers: Record<string, string> = {}) =>
          fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'session=cookie-secret-value', ...headers }, body: JSON.stringify(body) });
        const login = await post('/auth/login', { username: c.username('wangpeng'), password: DEMO_PASSWORD });
        expect(login.status).toBe(200);
        const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
        const refreshed = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
        expect(refreshed.status).toBe(200);
        const next = (await refreshed.json()) as { accessToken: string; refreshToken: string };
        const changed = await post('/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Log-Redaction-2026!' }, { authorization: `Bearer ${next.accessToken}` });
        expect(changed.status).toBe(200);
        const after = (await changed.json()) as { accessToken: string; refreshToken: string };

        // pino writes asynchronously: wait (bounded) for the line of each of the three requests.
        const requestLines = () => api.output().split('\n').filter((line) => line.includes('"url":"/api/auth/'));
        for (let i = 0; requestLines().length < 3 && i < 100; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
        // Each completion line says how many audit entries the request wrote: only the password change writes one.
        expect(requestLines().map((line) => JSON.parse(line) as { req: { url: string }; audit?: number }).map((line) => [line.req.url, line.audit])).toEqual([
          ['/api/auth/login', 0],
          ['/api/auth/refresh', 0],
          ['/api/auth/password', 1],
        ]);
        const logs = api.output();
        expect(logs).toContain('"authorization":"[Redacted]"');
        expect(logs).toContain('"cookie":"[Redacted]"');
        for (const secret of [DEMO_PASSWORD, 'Log-Redaction-2026!', 'cookie-secret-value', tokens.accessToken, tokens.refreshToken, next.accessToken, next.refreshToken, after.accessToken, after.refreshToken]) {
          expect(logs).not.toContain(secret);
        }
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
    });
  });

  it('refuses to start in production without a secret of its own, saying what to set', async () => {
    const api = startApi({ NODE_ENV: 'production', JWT_SECRET: '', STORAGE_DIR: '/var/lib/cppcc', PORT: '0' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('Invalid configuration:');
    expect(api.output()).toContain('JWT_SECRET must be set to a random secret of at least 32 characters in production');
    const placeholder = startApi({ NODE_ENV: 'production', JWT_SECRET: 'dev-only-insecure-jwt-secret-do-not-use-in-production', STORAGE_DIR: '/var/lib/cppcc' });
    expect(await placeholder.exited).toBe(1);
    expect(placeholder.output()).toContain('JWT_SECRET must be set');
    expect(placeholder.output()).not.toContain('dev-only-insecure');
  });
});
