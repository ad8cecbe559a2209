import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsTimeZone,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** Secrets that ship in the repository for local development only; production refuses them. */
export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-do-not-use-in-production';

const MIB = 1024 * 1024;

/**
 * Every environment variable the system reads, with its default. This is the only place that
 * reads `process.env`; the README documents each variable.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cppcc';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Reminder jobs a worker holds at once. The jobs in hand are delivered as sets (one transaction each,
   * at most two at a time, so two pooled connections): the more in hand, the larger the sets when a
   * burst is due at 09:00 (bench/README.md).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  REMINDER_CONCURRENCY = 100;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Key prefix for every BullMQ key, so several deployments (or test runs) share one Redis safely. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 letters, digits, _ or -' })
  REDIS_PREFIX = 'cppcc';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @MaxLength(512)
  JWT_SECRET = DEV_JWT_SECRET;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TTL_DAYS = 14;

  /** Failed logins of one account within LOGIN_WINDOW_SECONDS before it is locked (for LOGIN_LOCKOUT_SECONDS). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** Failed logins from one client address within the window before the address is locked. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  /** How long failed logins are counted (seconds). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400)
  LOGIN_WINDOW_SECONDS = 900;

  /** How long a lock lasts (seconds); an administrator may lift an account's lock sooner. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /**
   * Requests one client address may make to `/api/public/*` (search, replies, PDFs, verify) within
   * RATE_LIMIT_WINDOW_SECONDS, counted in Redis across every API instance; past it, 429 with Retry-After
   * until the window's end. Offices behind one NAT address share it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PUBLIC = 120;

  /** Requests one client address may make to `/api/auth/*` (login, refresh, logout, me, password) within the window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_AUTH = 60;

  /** The window of RATE_LIMIT_PUBLIC and RATE_LIMIT_AUTH (seconds); an address past a limit waits this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * How long the queue board's session lasts (seconds): its password is checked once (argon2), then a
   * signed HttpOnly cookie carries the session until this much later.
   */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(28_800)
  QUEUE_BOARD_SESSION_SECONDS = 900;

  /**
   * Express `trust proxy`: empty = the socket's address is the client's; behind a load balancer set it
   * (e.g. `loopback`, `10.0.0.0/8` or the number of proxies) so that per-address login limits count clients,
   * not the balancer.
   */
  @IsString()
  @MaxLength(200)
  TRUST_PROXY = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Browser origin allowed by CORS (`https://host[:port]`); empty means CORS is off (same-origin only). */
  @ValidateIf((config: AppConfig) => config.CORS_ORIGIN !== '')
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { message: 'CORS_ORIGIN must be one origin such as https://proposals.example.org (scheme, host and port only)' })
  CORS_ORIGIN = '';

  /** IANA zone in which dates on documents and deadlines are reckoned, and the web app shows times. */
  @IsTimeZone({ message: 'TIME_ZONE must be an IANA time zone such as Asia/Shanghai' })
  TIME_ZONE = 'Asia/Shanghai';

  /**
   * From this day of the year (MM-DD) until next year's State Council schedule is loaded, admins and staff
   * see a banner, each committee's admins get one inbox notice, and the health check says so.
   */
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'CALENDAR_NOTICE_FROM must be a day of the year as MM-DD, e.g. 11-01' })
  CALENDAR_NOTICE_FROM = '11-01';

  /** Public address of the system, for links in e-mails and SMS. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'APP_BASE_URL must be an http:// or https:// URL' })
  APP_BASE_URL = 'http://localhost:3000';

  /** SMTP server for e-mail notices, e.g. smtp://user:pass@mail.example.org:587; empty = no e-mail. */
  @ValidateIf((config: AppConfig) => config.SMTP_URL !== '')
  @IsUrl({ protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false }, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = '';

  /** Sender of e-mail notices: an address, optionally with a display name (`名称 <user@host>`). */
  @IsString()
  @MaxLength(300)
  @Matches(/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, { message: 'MAIL_FROM must be an e-mail address, optionally as "Name <user@host>"' })
  MAIL_FROM = '政协提案办理系统 <noreply@localhost>';

  /** SMS gateway: receives POST {to, text} as JSON; empty = no SMS. */
  @ValidateIf((config: AppConfig) => config.SMS_GATEWAY_URL !== '')
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'SMS_GATEWAY_URL must be an http:// or https:// URL' })
  SMS_GATEWAY_URL = '';

  /** Bearer token sent to the SMS gateway. */
  @IsString()
  @MaxLength(1024)
  @Matches(/^[\x21-\x7e]*$/, { message: 'SMS_GATEWAY_TOKEN must be printable ASCII without spaces' })
  SMS_GATEWAY_TOKEN = '';

  /** Where attachment bytes are kept: `disk` (under STORAGE_DIR) or `s3` (an S3-compatible object store). */
  @IsIn(['disk', 's3'], { message: 'STORAGE_DRIVER must be disk or s3' })
  STORAGE_DRIVER: 'disk' | 's3' = 'disk';

  /** Root folder of the disk driver, relative to the working directory unless absolute. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  STORAGE_DIR = '.data/attachments';

  /** S3-compatible server, e.g. http://127.0.0.1:9000 for MinIO; empty = AWS S3 itself. */
  @ValidateIf((config: AppConfig) => config.S3_ENDPOINT !== '')
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT = '';

  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION = 'us-east-1';

  /** Required with the s3 driver (checked in loadConfig). The bucket must exist; the system does not create it. */
  @ValidateIf((config: AppConfig) => config.S3_BUCKET !== '')
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name: 3-63 lowercase letters, digits, dots or hyphens' })
  S3_BUCKET = '';

  @IsString()
  @MaxLength(256)
  @Matches(/^[\x21-\x7e]*$/, { message: 'S3_ACCESS_KEY_ID must be printable ASCII without spaces' })
  S3_ACCESS_KEY_ID = '';

  @IsString()
  @MaxLength(1024)
  @Matches(/^[\x21-\x7e]*$/, { message: 'S3_SECRET_ACCESS_KEY must be printable ASCII without spaces' })
  S3_SECRET_ACCESS_KEY = '';

  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most S3-compatible servers need; false = virtual-hosted. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE = true;

  /** Largest attachment accepted, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200 * MIB, { message: `ATTACHMENT_MAX_BYTES must not be greater than ${200 * MIB} (200 MiB)` })
  ATTACHMENT_MAX_BYTES = 20 * MIB;

  /** The built web app (apps/web, `npm run build:web`) the API serves from its own origin, relative to the working directory unless absolute. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  WEB_DIR = 'dist/web';

  /** Most rows one Excel export may hold; a larger one is refused (400) with a request to narrow the filters. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000, { message: 'EXPORT_MAX_ROWS must not be greater than 1000000' })
  EXPORT_MAX_ROWS = 100_000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Reads, converts and checks the environment. Throws one error listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const present = Object.fromEntries(
    known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (config.STORAGE_DRIVER === 's3') {
    if (!config.S3_BUCKET) problems.push('S3_BUCKET must be set when STORAGE_DRIVER is s3');
    if (!config.S3_ACCESS_KEY_ID) problems.push('S3_ACCESS_KEY_ID must be set when STORAGE_DRIVER is s3');
    if (!config.S3_SECRET_ACCESS_KEY) problems.push('S3_SECRET_ACCESS_KEY must be set when STORAGE_DRIVER is s3');
  }
  if (config.isProduction) {
    if (config.STORAGE_DRIVER === 'disk' && !env.STORAGE_DIR) {
      problems.push('STORAGE_DIR must be set explicitly in production when STORAGE_DRIVER is disk (a persistent, backed-up folder)');
    }
    if (!env.JWT_SECRET || config.JWT_SECRET === DEV_JWT_SECRET) {
      problems.push('JWT_SECRET must be set to a random secret of at least 32 characters in production');
    }
    if (!env.DATABASE_URL) problems.push('DATABASE_URL must be set explicitly in production');
    if (!env.REDIS_URL) problems.push('REDIS_URL must be set explicitly in production');
    if (config.SMS_GATEWAY_URL && !config.SMS_GATEWAY_TOKEN) {
      problems.push('SMS_GATEWAY_TOKEN must be set in production when SMS_GATEWAY_URL is');
    }
    if (config.SMTP_URL && !env.MAIL_FROM) problems.push('MAIL_FROM must be set explicitly in production when SMTP_URL is');
    if ((config.SMTP_URL || config.SMS_GATEWAY_URL) && !env.APP_BASE_URL) {
      problems.push('APP_BASE_URL must be set explicitly in production when e-mail or SMS is configured (messages link to it)');
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
