import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig, DomainError } from '#app/core';
import { EdgeRedis } from './edge-redis.js';
import { AuthErrorCode } from './auth.errors.js';

/**
 * Counts a failure and, at the limit, replaces the count by a lock that expires on its own.
 * KEYS: counter, lock. ARGV: window seconds, limit, lockout seconds. Returns the count (0 once locked).
 */
const COUNT_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return 0
end
return n`;

type Subject = 'account' | 'address';

/**
 * Login throttling in Redis, so every API instance of a deployment shares the counts: failed logins are
 * counted per account (username) and per client address within LOGIN_WINDOW_SECONDS; reaching
 * LOGIN_MAX_FAILURES (account) or LOGIN_MAX_FAILURES_PER_IP (address) locks it for LOGIN_LOCKOUT_SECONDS.
 * Redis expires locks by itself; an administrator may lift an account's lock sooner. Keys live under
 * `<REDIS_PREFIX>:login:`.
 */
@Injectable()
export class LoginThrottle {
  private readonly redis: Redis;
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    private readonly config: AppConfig,
    connection: EdgeRedis,
  ) {
    this.redis = connection.client;
  }

  /**
   * Refuses (429, with Retry-After) while the account or the address is locked. While Redis cannot be
   * reached nobody can log in (closed: the counts would be lost), answered 503 LOGIN_UNAVAILABLE saying
   * so; people already signed in are not affected.
   */
  async assertAllowed(username: string, address: string): Promise<void> {
    const [account, client] = await Promise.all([this.redis.pttl(this.lockKey('account', username)), this.redis.pttl(this.lockKey('address', address))]).catch(
      () => {
        throw unavailable();
      },
    );
    if (account > 0) throw this.locked('account', account);
    if (client > 0) throw this.locked('address', client);
  }

  /** Counts a failed login; a failure that cannot be counted (Redis lost since the check) is 503 LOGIN_UNAVAILABLE, like the check. */
  async recordFailure(username: string, address: string): Promise<void> {
    const { LOGIN_WINDOW_SECONDS: window, LOGIN_LOCKOUT_SECONDS: lockout } = this.config;
    await Promise.all([
      this.redis.eval(COUNT_FAILURE, 2, this.countKey('account', username), this.lockKey('account', username), window, this.config.LOGIN_MAX_FAILURES, lockout),
      this.redis.eval(COUNT_FAILURE, 2, this.countKey('address', address), this.lockKey('address', address), window, this.config.LOGIN_MAX_FAILURES_PER_IP, lockout),
    ]).catch(() => {
      throw unavailable();
    });
  }

  /**
   * A successful login starts the account's count afresh (the address keeps its count). If Redis was lost
   * since the check, the login still stands: the count is left as it was, which only errs towards locking.
   */
  async recordSuccess(username: string): Promise<void> {
    await this.redis.del(this.countKey('account', username)).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'a successful login could not reset its failure count (Redis unreachable)');
    });
  }

  /** Lifts an account's lock and clears its count. Returns whether it was locked. */
  async unlock(username: string): Promise<boolean> {
    const [locked] = await Promise.all([this.redis.del(this.lockKey('account', username)), this.redis.del(this.countKey('account', username))]);
    return locked === 1;
  }

  /** Seconds until the account's lock ends, 0 when not locked. */
  async lockedFor(username: string): Promise<number> {
    const ms = await this.redis.pttl(this.lockKey('account', username));
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  private countKey(subject: Subject, value: string): string {
    return `${this.config.REDIS_PREFIX}:login:failures:${subject}:${encodeURIComponent(subject === 'account' ? value.toLowerCase() : value)}`;
  }

  private lockKey(subject: Subject, value: string): string {
    return `${this.config.REDIS_PREFIX}:login:locked:${subject}:${encodeURIComponent(subject === 'account' ? value.toLowerCase() : value)}`;
  }

  private locked(subject: Subject, ms: number): DomainError {
    const seconds = Math.ceil(ms / 1000);
    const minutes = Math.ceil(seconds / 60);
    return subject === 'account'
      ? new DomainError(
          'too_many',
          AuthErrorCode.ACCOUNT_LOCKED,
          `Too many failed logins for this account: try again in ${minutes} minute(s), or ask an administrator to unlock it`,
          { retryAfterSeconds: seconds },
        )
      : new DomainError('too_many', AuthErrorCode.ADDRESS_LOCKED, `Too many failed logins from your network address: try again in ${minutes} minute(s)`, {
          retryAfterSeconds: seconds,
        });
  }
}

/** 503: nobody logs in while failed logins cannot be counted (closed); people signed in are not affected. */
function unavailable(): DomainError {
  return new DomainError(
    'unavailable',
    AuthErrorCode.LOGIN_UNAVAILABLE,
    'Logging in is not possible for a moment (the service that counts failed logins cannot be reached); try again shortly. People already signed in can go on working.',
  );
}
