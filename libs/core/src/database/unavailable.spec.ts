import { isDatabaseUnavailable } from './unavailable.js';

const named = (name: string, message = 'x'): Error => Object.assign(new Error(message), { name });

describe('isDatabaseUnavailable', () => {
  it('knows a dropped connection by its SQLSTATE, errno, message or TypeORM "already released" error, also wrapped', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(named('QueryRunnerAlreadyReleasedError'))).toBe(true);
    expect(isDatabaseUnavailable(named('QueryRunnerProviderAlreadyReleasedError'))).toBe(true);
    expect(isDatabaseUnavailable({ driverError: Object.assign(new Error('x'), { code: '08006' }) })).toBe(true);
  });

  it('leaves every other error a fault of the request or of the code', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(named('EntityNotFoundError'))).toBe(false);
    expect(isDatabaseUnavailable(named('QueryRunnerAlreadyReleasedErrorX'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
