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
    expect(() => loadConfig({ TIME_ZONE: 'China/Beijing' })).toThrow(/TIME_ZONE must be an IANA time zone/);
    expect(loadConfig({ TIME_ZONE: 'America/New_York' }).TIME_ZONE).toBe('America/New_York');
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
      STORAGE_DIR: '/var/lib/cppcc/attachments',
    });
    expect(ok.isProduction).toBe(true);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'k'.repeat(48),
      DATABASE_URL: 'postgres://db/cppcc',
      REDIS_URL: 'redis://cache:6379',
      STORAGE_DIR: '/var/lib/cppcc/attachments',
    };
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

  it('throttles logins by default (5 per account, 50 per address in 15 minutes, locked 15 minutes) and takes one CORS origin', () => {
    const config = loadConfig({});
    expect([config.LOGIN_MAX_FAILURES, config.LOGIN_MAX_FAILURES_PER_IP, config.LOGIN_WINDOW_SECONDS, config.LOGIN_LOCKOUT_SECONDS]).toEqual([5, 50, 900, 900]);
    expect([config.CORS_ORIGIN, config.TRUST_PROXY]).toEqual(['', '']);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '0' })).toThrow(/LOGIN_MAX_FAILURES must not be less than 1/);
    expect(() => loadConfig({ CORS_ORIGIN: 'https://a.example.org, https://b.example.org' })).toThrow(/CORS_ORIGIN must be one origin/);
    expect(loadConfig({ CORS_ORIGIN: 'http://localhost:5173' }).CORS_ORIGIN).toBe('http://localhost:5173');
  });

  it('limits the public edges per address (120 and 60 requests a minute by default), validated', () => {
    const config = loadConfig({});
    expect([config.RATE_LIMIT_PUBLIC, config.RATE_LIMIT_AUTH, config.RATE_LIMIT_WINDOW_SECONDS, config.QUEUE_BOARD_SESSION_SECONDS]).toEqual([120, 60, 60, 900]);
    expect(loadConfig({ RATE_LIMIT_PUBLIC: '1000', RATE_LIMIT_WINDOW_SECONDS: '10' })).toMatchObject({ RATE_LIMIT_PUBLIC: 1000, RATE_LIMIT_WINDOW_SECONDS: 10 });
    expect(() => loadConfig({ RATE_LIMIT_AUTH: '0' })).toThrow(/RATE_LIMIT_AUTH must not be less than 1/);
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: 'a minute' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(() => loadConfig({ QUEUE_BOARD_SESSION_SECONDS: '86400' })).toThrow(/QUEUE_BOARD_SESSION_SECONDS must not be greater than 28800/);
  });

  it('serves the built web app from dist/web unless WEB_DIR names another folder', () => {
    expect(loadConfig({}).WEB_DIR).toBe('dist/web');
    expect(loadConfig({ WEB_DIR: '/srv/cppcc/web' }).WEB_DIR).toBe('/srv/cppcc/web');
    expect(() => loadConfig({ WEB_DIR: 'x'.repeat(1025) })).toThrow(/WEB_DIR/);
  });

  describe('attachment storage', () => {
    const s3 = { STORAGE_DRIVER: 's3', S3_BUCKET: 'cppcc-attachments', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret/key+example' };

    it('stores on disk under .data/attachments by default, up to 20 MiB an attachment', () => {
      expect(loadConfig({})).toMatchObject({
        STORAGE_DRIVER: 'disk',
        STORAGE_DIR: '.data/attachments',
        S3_ENDPOINT: '',
        S3_REGION: 'us-east-1',
        S3_BUCKET: '',
        S3_FORCE_PATH_STYLE: true,
        ATTACHMENT_MAX_BYTES: 20 * 1024 * 1024,
      });
      expect(loadConfig({ STORAGE_DIR: '/srv/attachments', ATTACHMENT_MAX_BYTES: '1048576' })).toMatchObject({
        STORAGE_DIR: '/srv/attachments',
        ATTACHMENT_MAX_BYTES: 1048576,
      });
    });

    it('checks the driver, the size limit and the S3 settings', () => {
      expect(() => loadConfig({ STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER must be disk or s3/);
      expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: String(200 * 1024 * 1024 + 1) })).toThrow(/ATTACHMENT_MAX_BYTES must not be greater than/);
      expect(loadConfig({ ATTACHMENT_MAX_BYTES: String(200 * 1024 * 1024) }).ATTACHMENT_MAX_BYTES).toBe(200 * 1024 * 1024);
      expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '0' })).toThrow(/ATTACHMENT_MAX_BYTES/);
      expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '2MB' })).toThrow(/ATTACHMENT_MAX_BYTES/);
      expect(() => loadConfig({ ...s3, S3_ENDPOINT: '127.0.0.1:9000' })).toThrow(/S3_ENDPOINT must be an http/);
      expect(() => loadConfig({ ...s3, S3_BUCKET: 'Attachments_2024' })).toThrow(/S3_BUCKET must be a bucket name/);
      expect(() => loadConfig({ ...s3, S3_REGION: 'China North' })).toThrow(/S3_REGION/);
      expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: 'has space' })).toThrow(/S3_SECRET_ACCESS_KEY must be printable/);
      expect(() => loadConfig({ S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE must be true or false/);
      expect(loadConfig({ S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(false);
      expect(loadConfig({ S3_FORCE_PATH_STYLE: 'true' }).S3_FORCE_PATH_STYLE).toBe(true);
    });

    it('needs a bucket and credentials for the s3 driver in every environment', () => {
      expect(loadConfig({ ...s3, S3_ENDPOINT: 'http://127.0.0.1:9000' })).toMatchObject({ ...s3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: true });
      for (const env of [{}, { NODE_ENV: 'test' }]) {
        let message = '';
        try {
          loadConfig({ ...env, STORAGE_DRIVER: 's3' });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toContain('S3_BUCKET must be set when STORAGE_DRIVER is s3');
        expect(message).toContain('S3_ACCESS_KEY_ID must be set when STORAGE_DRIVER is s3');
        expect(message).toContain('S3_SECRET_ACCESS_KEY must be set when STORAGE_DRIVER is s3');
      }
      expect(() => loadConfig({ ...s3, S3_BUCKET: '' })).toThrow(/S3_BUCKET must be set/);
      expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: '' })).toThrow(/S3_ACCESS_KEY_ID must be set/);
      expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_SECRET_ACCESS_KEY must be set/);
    });

    it('wants the disk folder named explicitly in production, and S3 credentials there too', () => {
      const production = { NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(48), DATABASE_URL: 'postgres://db/cppcc', REDIS_URL: 'redis://cache:6379' };
      expect(() => loadConfig(production)).toThrow(/STORAGE_DIR must be set explicitly in production/);
      expect(loadConfig({ ...production, STORAGE_DIR: '/var/lib/cppcc/attachments' }).STORAGE_DIR).toBe('/var/lib/cppcc/attachments');
      expect(loadConfig({ ...production, ...s3 }).STORAGE_DRIVER).toBe('s3');
      expect(() => loadConfig({ ...production, ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_SECRET_ACCESS_KEY must be set/);
    });
  });
});
