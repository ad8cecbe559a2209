import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config.js';

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, REDIS_PREFIX: 'cppcc', JWT_SECRET: DEV_JWT_SECRET, TIME_ZONE: 'Asia/Shanghai' });
  });

  it('converts and checks every variable, naming each one that is wrong', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_PREFIX: 'a:b' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_PREFIX: 'a:b' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL must be a postgres:// URL');
      expect(message).toContain('REDIS_PREFIX');
    }
  });

  it('refuses to start production on placeholder secrets or implicit services', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r' })).toThrow(
      /JWT_SECRET must be set/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short', DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r' })).toThrow(/at least 32/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'k'.repeat(48),
      DATABASE_URL: 'postgres://db/cppcc',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(ok.isProduction).toBe(true);
  });
});
