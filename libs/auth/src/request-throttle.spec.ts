import { AppConfig } from '#app/core';
import { EdgeRedis } from './edge-redis.js';
import { addressKey, RequestThrottle } from './request-throttle.js';

describe('addressKey: what the request limits count', () => {
  it('counts an IPv4 address as it is, written plainly or IPv4-mapped', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

/** Nothing listening where Redis should be (port 1): the public pages and sign-in stay available. */
describe('RequestThrottle while Redis cannot be reached', () => {
  let connection: EdgeRedis;
  let throttle: RequestThrottle;
  beforeAll(() => {
    const config = Object.assign(new AppConfig(), { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: `rate-spec-${process.pid}` });
    connection = new EdgeRedis(config);
    throttle = new RequestThrottle(connection, config);
  });
  afterAll(() => connection.onModuleDestroy());

  it('lets the request through (0 seconds to wait) rather than failing it', async () => {
    expect(await throttle.hit('public', '203.0.113.7', 1, 60)).toBe(0);
    expect(await throttle.hit('public', '203.0.113.7', 1, 60)).toBe(0);
  });
});
