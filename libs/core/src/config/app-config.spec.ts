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

  it('leaves e-mail and SMS off unless configured, and checks their addresses', () => {
    expect(loadConfig({})).toMatchObject({
      SMTP_URL: '',
      SMS_GATEWAY_URL: '',
      SMS_GATEWAY_TOKEN: '',
      MAIL_FROM: '政协提案办理系统 <noreply@localhost>',
      APP_BASE_URL: 'http://localhost:3000',
    });
    expect(loadConfig({ SMTP_URL: 'smtp://user:pass@127.0.0.1:2525', SMS_GATEWAY_URL: 'http://127.0.0.1:8080/sms' })).toMatchObject({
      SMTP_URL: 'smtp://user:pass@127.0.0.1:2525',
      SMS_GATEWAY_URL: 'http://127.0.0.1:8080/sms',
    });
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'sms-gateway:8080' })).toThrow(/SMS_GATEWAY_URL must be an http/);
    expect(() => loadConfig({ APP_BASE_URL: 'zx.example.org' })).toThrow(/APP_BASE_URL/);
    expect(() => loadConfig({ MAIL_FROM: '政协提案办理系统' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMS_GATEWAY_TOKEN: 'two words' })).toThrow(/SMS_GATEWAY_TOKEN/);
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
    const production = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(48), DATABASE_URL: 'postgres://db/cppcc', REDIS_URL: 'redis://cache:6379' };
    expect(() => loadConfig({ ...production, SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be/);
    expect(() => loadConfig({ ...production, SMS_GATEWAY_URL: 'https://sms.example.org/send', APP_BASE_URL: 'https://zx.example.org' })).toThrow(
      /SMS_GATEWAY_TOKEN must be set/,
    );
    expect(() => loadConfig({ ...production, SMTP_URL: 'smtp://mail.example.org:587', APP_BASE_URL: 'https://zx.example.org' })).toThrow(/MAIL_FROM must be set/);
    expect(() => loadConfig({ ...production, SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'zx@example.org' })).toThrow(/APP_BASE_URL must be set/);
    const channels = loadConfig({
      ...production,
      SMTP_URL: 'smtps://user:secret@mail.example.org',
      MAIL_FROM: '某市政协提案委 <zx@example.org>',
      SMS_GATEWAY_URL: 'https://sms.example.org/send',
      SMS_GATEWAY_TOKEN: 't0ken',
      APP_BASE_URL: 'https://zx.example.org',
    });
    expect(channels.SMS_GATEWAY_TOKEN).toBe('t0ken');
  });
});
