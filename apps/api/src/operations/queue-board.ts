import { createHmac, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuthService, clientAddress } from '#app/auth';
import { AppConfig, Clock, DomainError, QUEUES } from '#app/core';
import { holdsRole, Role } from '#app/org';
import { ApiErrorCode } from '../common/api.errors.js';

export const QUEUE_BOARD_PATH = '/api/admin/queues';
export const QUEUE_BOARD_COOKIE = 'cppcc_queue_board';

/**
 * Bull Board for operators at /api/admin/queues. A browser page cannot send a bearer token, so it asks
 * for the username and password of an administrator (HTTP Basic, over TLS in production) — once: the
 * password is checked (argon2, through the login throttle) and answered with a short signed session
 * cookie, which the page's assets and its polling then carry instead of each verifying the password.
 */
export function mountQueueBoard(app: INestApplication): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    // The events queue carries only the outbox drain's scheduled job; its failures show on `domain_events` rows and in the logs.
    queues: [QUEUES.reminders, QUEUES.deliveries].map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  const sessions = new BoardSessions(app.get(AppConfig), app.get(Clock), app.get<DataSource>(getDataSourceToken()));
  app.use(QUEUE_BOARD_PATH, adminOnly(app.get(AuthService), sessions), adapter.getRouter());
}

/**
 * The board's session: `<user id>.<token version>.<expiry, unix seconds>.<HMAC-SHA256>` in an HttpOnly,
 * SameSite=Strict cookie scoped to the board, signed with a key derived from JWT_SECRET for this one use.
 * Each request checks the signature and the expiry, and that the user is still an active administrator
 * whose roles and password have not changed since (token version): one indexed query, no argon2.
 */
export class BoardSessions {
  private readonly key: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('cppcc queue board session v1').digest();
  }

  /** The Set-Cookie value of a new session for an administrator who has just given their password. */
  issue(userId: string, tokenVersion: number, request: Request): string {
    // Secure over TLS, and always in production (TLS may end at a proxy that TRUST_PROXY does not name).
    const secure = request.secure || this.config.NODE_ENV === 'production';
    const seconds = this.config.QUEUE_BOARD_SESSION_SECONDS;
    const payload = `${userId}.${tokenVersion}.${Math.floor(this.clock.now().getTime() / 1000) + seconds}`;
    const value = `${payload}.${this.sign(payload)}`;
    return `${QUEUE_BOARD_COOKIE}=${value}; Path=${QUEUE_BOARD_PATH}; Max-Age=${seconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  /** Whether the request carries a valid session of a user who is still an administrator. */
  async valid(request: Request): Promise<boolean> {
    const value = cookie(request, QUEUE_BOARD_COOKIE);
    const parts = value?.split('.') ?? [];
    if (parts.length !== 4) return false;
    const [userId, version, expires, signature] = parts;
    const expected = this.sign(`${userId}.${version}.${expires}`);
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) return false;
    if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= this.clock.now().getTime()) return false;
    return holdsRole(this.dataSource.manager, userId, Role.Admin, Number(version));
  }

  /** Whether a user is an administrator of any committee. */
  async isAdmin(userId: string): Promise<boolean> {
    return holdsRole(this.dataSource.manager, userId, Role.Admin);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const UUID_AND_NUMBERS = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.\d{1,10}\.\d{1,12}\./i;

function adminOnly(auth: AuthService, sessions: BoardSessions) {
  const refuse = (response: Response) =>
    response
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="cppcc-queues", charset="UTF-8"')
      .json({ statusCode: 401, code: ApiErrorCode.UNAUTHENTICATED, message: '队列看板仅供管理员使用：请用管理员账号登录 (The queue board is for administrators: sign in with an administrator account)' });
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      // The session first: a browser resends the Basic credentials it was given with every request, and
      // those must not cost an argon2 verification each time.
      if (UUID_AND_NUMBERS.test(cookie(request, QUEUE_BOARD_COOKIE) ?? '') && (await sessions.valid(request))) return next();
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Basic ')) return void refuse(response);
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1 || decoded.length > 300) return void refuse(response);
      const user = await auth.validateCredentials(decoded.slice(0, colon), decoded.slice(colon + 1), clientAddress(request));
      if (!user || !(await sessions.isAdmin(user.id))) return void refuse(response);
      response.append('Set-Cookie', sessions.issue(user.id, user.tokenVersion, request));
      next();
    } catch (error) {
      // A locked account or address: the same 429 and Retry-After as the login route.
      if (error instanceof DomainError && error.kind === 'too_many') {
        return void response
          .status(429)
          .set('Retry-After', String(error.details?.retryAfterSeconds ?? 60))
          .json({ statusCode: 429, code: error.code, message: error.message });
      }
      next(error);
    }
  };
}
