import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import type { Request } from 'express';
import { AppConfig, DomainError } from '#app/core';
import { EdgeRedis } from './edge-redis.js';
import { clientAddress } from './local.strategy.js';
import { AuthErrorCode } from './auth.errors.js';

/**
 * One fixed window per key, counted and judged in one atomic step, so every API instance shares the
 * count: the window's hits (expiring with it) and, past the limit, a block key that lasts a whole window.
 * KEYS: hits, block. ARGV: window ms, limit. Returns 0 when allowed, else the ms left in the block.
 */
const HIT = `
local block = redis.call('PTTL', KEYS[2])
if block > 0 then return block end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[1])
end
return 0`;

/** The edges limited per client address — the controllers at these paths — each with its own count. */
export type Edge = 'public' | 'auth';
const EDGES: readonly Edge[] = ['public', 'auth'];

/**
 * Request counts per edge and client address in Redis (`<REDIS_PREFIX>:rate:<edge>:<address>`), on the
 * edge connection. While Redis cannot be reached a request goes through (logged): the public pages and
 * sign-in stay available, and failed logins are still counted closed by LoginThrottle.
 */
@Injectable()
export class RequestThrottle {
  private readonly logger = new Logger(RequestThrottle.name);

  constructor(
    private readonly connection: EdgeRedis,
    private readonly config: AppConfig,
  ) {}

  /** Counts one request; returns 0 when it may go on, else the seconds until the address may try again. */
  async hit(edge: Edge, address: string, limit: number, windowSeconds: number): Promise<number> {
    const key = `${this.config.REDIS_PREFIX}:rate:${edge}:${encodeURIComponent(address)}`;
    try {
      const blockedMs = (await this.connection.client.eval(HIT, 2, `${key}:hits`, `${key}:blocked`, windowSeconds * 1000, limit)) as number;
      return blockedMs > 0 ? Math.ceil(blockedMs / 1000) : 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'a request could not be counted against its rate limit (Redis unreachable): let through');
      return 0;
    }
  }
}

/**
 * Global guard: requests to `/api/public/*` and `/api/auth/*` are counted per client address (Express's
 * `request.ip`, which TRUST_PROXY decides; an IPv6 address by its /64) in one window per edge, shared by
 * the edge's routes and by every API instance. Past RATE_LIMIT_PUBLIC / RATE_LIMIT_AUTH within
 * RATE_LIMIT_WINDOW_SECONDS: 429 RATE_LIMITED with Retry-After, for a whole window. Registered after the
 * JWT guard and before any route's own guard, so a flood of logins costs no argon2.
 */
@Injectable()
export class RequestThrottleGuard implements CanActivate {
  constructor(
    private readonly throttle: RequestThrottle,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const path = Reflect.getMetadata(PATH_METADATA, context.getClass()) as unknown;
    const edge = EDGES.find((name) => name === path);
    if (!edge) return true;
    const limit = edge === 'public' ? this.config.RATE_LIMIT_PUBLIC : this.config.RATE_LIMIT_AUTH;
    const address = addressKey(clientAddress(context.switchToHttp().getRequest<Request>()));
    const seconds = await this.throttle.hit(edge, address, limit, this.config.RATE_LIMIT_WINDOW_SECONDS);
    if (seconds > 0) {
      throw new DomainError(
        'too_many',
        AuthErrorCode.RATE_LIMITED,
        `请求过于频繁，请 ${seconds} 秒后再试 (Too many requests from your network address: try again in ${seconds} second(s))`,
        { retryAfterSeconds: seconds },
      );
    }
    return true;
  }
}

/**
 * What is counted for an address: an IPv4 address (also written IPv4-mapped, `::ffff:a.b.c.d`) as it is,
 * an IPv6 address by its /64 — one host usually holds a whole /64, so counting single addresses would let
 * it rotate through them.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
