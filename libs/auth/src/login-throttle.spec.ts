import { AppConfig, DomainError } from '#app/core';
import { EdgeRedis } from './edge-redis.js';
import { LoginThrottle } from './login-throttle.js';

/** The throttle with nothing listening where Redis should be (port 1): every call meets a refused connection. */
describe('LoginThrottle while Redis cannot be reached', () => {
  let throttle: LoginThrottle;
  let connection: EdgeRedis;
  beforeAll(() => {
    const config = Object.assign(new AppConfig(), { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: `throttle-spec-${process.pid}` });
    connection = new EdgeRedis(config);
    throttle = new LoginThrottle(config, connection);
  });
  afterAll(() => connection.onModuleDestroy());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (error: unknown) => (error instanceof DomainError ? `${error.kind} ${error.code}` : `other: ${String(error)}`),
    );

  it('refuses the check with 503 LOGIN_UNAVAILABLE (closed: failures could not be counted)', async () => {
    expect(await refusal(throttle.assertAllowed('yuanyuan', '10.0.0.1'))).toBe('unavailable LOGIN_UNAVAILABLE');
  });

  it('answers a failure it cannot count with the same 503, not an internal error', async () => {
    expect(await refusal(throttle.recordFailure('yuanyuan', '10.0.0.1'))).toBe('unavailable LOGIN_UNAVAILABLE');
  });

  it('lets a successful login stand when its count cannot be reset', async () => {
    expect(await refusal(throttle.recordSuccess('yuanyuan'))).toBe('allowed');
  });
});
