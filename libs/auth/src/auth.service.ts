import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '#app/audit';
import { AppConfig, Clock, DomainError, hashPassword, verifyPassword } from '#app/core';
import { findUser, isMemberOf, membershipsOf, setUserPassword, type User, userById, userByUsername } from '#app/org';
import type { Actor } from './actor.js';
import { LoginThrottle } from './login-throttle.js';
import { passwordProblems } from './password-policy.js';
import { RefreshToken } from './refresh-token.entity.js';
import { Session, SessionEnd } from './session.entity.js';
import { AuthErrorCode } from './auth.errors.js';
import { AuthEntity } from './auth.vocabulary.js';

export interface AccessTokenPayload {
  sub: string;
  tv: number;
  /** The session (sessions.id, the refresh-token family): once it has ended, so has the token. */
  sid: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface MeView {
  id: string;
  username: string;
  displayName: string;
  memberships: Array<{ committeeId: string; role: string; unitId: string | null }>;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Passwords (argon2id), sessions, short-lived access tokens and rotating refresh tokens with reuse
 * detection. A login opens a session; its refresh tokens are one family and its access tokens carry its
 * id, so ending the session (logout, password change, reuse, last membership, deactivation) ends them all.
 */
@Injectable()
export class AuthService {
  /** Compared against when the username is unknown, so timing does not reveal which usernames exist. */
  private readonly decoyHash = hashPassword(randomUUID());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * The user for a username and password, or null. Refused with 429 while the account or the client's
   * address is locked (LoginThrottle); each failure counts towards both locks, a success clears the
   * account's count. Unknown usernames are counted like known ones, so locks reveal nothing either.
   */
  async validateCredentials(username: string, password: string, address: string): Promise<User | null> {
    await this.throttle.assertAllowed(username, address);
    const user = await userByUsername(this.dataSource.manager, username);
    const hash = user?.passwordHash ?? (await this.decoyHash);
    const ok = await verifyPassword(hash, password);
    if (!ok || !user?.active) {
      await this.throttle.recordFailure(username, address);
      return null;
    }
    await this.throttle.recordSuccess(username);
    return user;
  }

  /**
   * Changes the actor's own password. The current password is required (a wrong one counts as a failed
   * login); the new one must pass the password policy. Every session ends, the caller's too (refresh
   * tokens revoked, the token version bumped), so access tokens already issued stop working at once.
   * Returns a new pair, in a new session, for the device that made the change.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, address: string): Promise<TokenPair> {
    const user = await userById(this.dataSource.manager, actor.userId);
    await this.throttle.assertAllowed(user.username, address);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.throttle.recordFailure(user.username, address);
      throw DomainError.invalidField('currentPassword', 'currentPassword is not your current password', AuthErrorCode.WRONG_PASSWORD);
    }
    const problems = passwordProblems(newPassword, user.username);
    if (newPassword === currentPassword) problems.push('newPassword must differ from the current password');
    if (problems.length > 0) {
      throw new DomainError('invalid', AuthErrorCode.WEAK_PASSWORD, `Invalid request: ${problems.join('; ')}`, {
        fields: [{ field: 'newPassword', problems }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    const changed = await this.dataSource.transaction(async (manager) => {
      await setUserPassword(manager, user.id, passwordHash);
      await manager.update(RefreshToken, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      await manager.update(Session, { userId: user.id, endedAt: IsNull() }, { endedAt: now, endReason: SessionEnd.PasswordChanged });
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: AuthEntity.User,
        entityId: user.id,
        action: 'user.password-changed',
        after: { sessionsRevoked: true },
        at: now,
      });
      return userById(manager, user.id);
    });
    await this.throttle.recordSuccess(user.username);
    return this.startSession(changed);
  }

  /**
   * An administrator lifts the login lock of a user of their committee (404 for anyone else), audited
   * whether or not the account was locked at that moment.
   */
  async unlock(admin: Actor, userId: string): Promise<{ userId: string; wasLocked: boolean }> {
    const user = await findUser(this.dataSource.manager, userId);
    const inCommittee = user && (await isMemberOf(this.dataSource.manager, userId, admin.committeeId));
    if (!user || !inCommittee) throw DomainError.notFound('User', userId);
    const wasLocked = await this.throttle.unlock(user.username);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        committeeId: admin.committeeId,
        actorUserId: admin.userId,
        entity: AuthEntity.User,
        entityId: userId,
        action: 'user.unlocked',
        after: { wasLocked },
        at: this.clock.now(),
      }),
    );
    return { userId, wasLocked };
  }

  /** Opens a session for a user who has just proven who they are, and issues its first pair. */
  async startSession(user: User): Promise<TokenPair> {
    const sessionId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Session).insert({ id: sessionId, userId: user.id, createdAt: this.clock.now() });
      return this.issueTokens(manager, user, sessionId);
    });
  }

  private async issueTokens(manager: EntityManager, user: User, sessionId: string): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: user.id, tv: user.tokenVersion, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.getRepository(RefreshToken).insert({
      userId: user.id,
      familyId: sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.REFRESH_TTL_DAYS * 86_400_000),
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }

  /**
   * Trades a refresh token for a new pair in the same session. A token used twice revokes its whole
   * family and ends the session (a thief and the holder both lose it); a token of an ended session, or
   * of a deactivated user, is refused.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const invalid = new DomainError('unauthenticated', AuthErrorCode.REFRESH_TOKEN_INVALID, '登录已失效，请重新登录 (The refresh token is not valid; log in again)');
    const result = await this.dataSource.transaction(async (manager) => {
      const token = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(refreshToken) })
        .getOne();
      if (!token || token.revokedAt || token.expiresAt <= now) return null;
      if (token.usedAt) {
        await this.endSession(manager, token.familyId, SessionEnd.RefreshReused);
        return 'reused' as const;
      }
      const session = await manager.getRepository(Session).findOneBy({ id: token.familyId });
      if (!session || session.endedAt) return null;
      await manager.update(RefreshToken, { id: token.id }, { usedAt: now });
      const owner = await findUser(manager, token.userId);
      return owner?.active ? this.issueTokens(manager, owner, session.id) : null;
    });
    if (result === null || result === 'reused') throw invalid;
    return result;
  }

  /**
   * Ends the session the refresh token belongs to: its refresh tokens and its access tokens stop working
   * at once. Unknown tokens are ignored (logout is idempotent).
   */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (!token) return;
    await this.dataSource.transaction((manager) => this.endSession(manager, token.familyId, SessionEnd.Logout));
  }

  /** Ends one session (unless it has ended already, keeping the first reason) and revokes its refresh tokens. */
  private async endSession(manager: EntityManager, sessionId: string, reason: SessionEnd): Promise<void> {
    const now = this.clock.now();
    await manager.update(Session, { id: sessionId, endedAt: IsNull() }, { endedAt: now, endReason: reason });
    await manager.update(RefreshToken, { familyId: sessionId, revokedAt: IsNull() }, { revokedAt: now });
  }

  async me(userId: string): Promise<MeView> {
    const user = await userById(this.dataSource.manager, userId);
    const memberships = await membershipsOf(this.dataSource.manager, userId);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      memberships: memberships.map((m) => ({ committeeId: m.committeeId, role: m.role, unitId: m.unitId })),
    };
  }
}
