import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#app/core';
import { Role, userActorSql } from '#app/org';
import type { Actor } from './actor.js';
import type { AccessTokenPayload } from './auth.service.js';
import { permissionsOf } from './permissions.js';
import { AuthErrorCode } from './auth.errors.js';

interface UserRow {
  id: string;
  display_name: string;
  active: boolean;
  token_version: number;
  /** The token's session: true while it lasts, false once ended, null when there is no such session of this user. */
  session_live: boolean | null;
  memberships: Array<{ committeeId: string; role: Role; unitId: string | null }>;
  led: Array<{ committeeId: string; id: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the {@link Actor} for a token from the database, so an ended session and revoked roles stop
 * working immediately.
 */
@Injectable()
export class ActorResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The actor of an access token: refused (401) once its session has ended — logout, password change,
   * refresh-token reuse, the user's last membership removed, the user deactivated — and once the user's
   * roles changed since it was issued (`tv`).
   */
  async resolve(token: Pick<AccessTokenPayload, 'sub' | 'tv' | 'sid'>, requestedCommitteeId: string | undefined): Promise<Actor> {
    const valid = typeof token.sub === 'string' && UUID.test(token.sub) && typeof token.sid === 'string' && UUID.test(token.sid);
    const user = valid ? await this.load(token.sub, token.sid) : undefined;
    if (!user || !user.active || user.session_live !== true) {
      throw new DomainError('unauthenticated', AuthErrorCode.SESSION_ENDED, '会话已结束，请重新登录 (Your session has ended: log in again)');
    }
    if (user.token_version !== token.tv) {
      throw new DomainError('unauthenticated', AuthErrorCode.TOKEN_REVOKED, '您的角色已变更，请重新登录 (Your roles have changed since you logged in: log in again)');
    }
    return this.toActor(user, requestedCommitteeId);
  }

  /**
   * The actor of a user the server itself acts for (the demo history, test scenarios): no token, so no
   * session; an inactive user still has none.
   */
  async actorOf(userId: string, committeeId: string | undefined): Promise<Actor> {
    const user = UUID.test(userId) ? await this.load(userId, null) : undefined;
    if (!user || !user.active) throw new DomainError('unauthenticated', AuthErrorCode.SESSION_ENDED, '该用户已停用 (This user is not active)');
    return this.toActor(user, committeeId);
  }

  private toActor(user: UserRow, requestedCommitteeId: string | undefined): Actor {
    const memberships = user.memberships;
    const committeeIds = [...new Set(memberships.map((m) => m.committeeId))];
    const committeeId = this.pickCommittee(committeeIds, requestedCommitteeId);
    const mine = memberships.filter((m) => m.committeeId === committeeId);
    const roles = new Set(mine.map((m) => m.role));
    const unitsOf = (role: Role) => mine.filter((m) => m.role === role && m.unitId).map((m) => m.unitId as string);

    const leaderUnits = [...new Set(user.led.filter((u) => u.committeeId === committeeId).map((u) => u.id))];
    return {
      userId: user.id,
      displayName: user.display_name,
      committeeId,
      roles,
      permissions: permissionsOf(roles),
      handlingUnitIds: [...new Set([...unitsOf(Role.Drafter), ...leaderUnits])],
      signingUnitIds: leaderUnits,
      officeUnitIds: unitsOf(Role.Office),
    };
  }

  /**
   * The user, whether the token's session lasts, their memberships and the units they lead with those
   * units' descendants, in one statement: every authenticated request runs it, and three round trips
   * through the entity layer were most of the get-one route's own cost (bench/README.md). Deliberately not
   * cached: an ended session (`sessions.ended_at`), a role change (`token_version`) or a deactivation is
   * read on every request, which is what makes the old token stop working at once, in every API process,
   * with nothing to invalidate.
   */
  private async load(userId: string, sessionId: string | null): Promise<UserRow | undefined> {
    const [row]: UserRow[] = await this.dataSource.query(
      userActorSql('(SELECT s.ended_at IS NULL FROM sessions s WHERE s.id = $3::uuid AND s.user_id = u.id) AS session_live'),
      [userId, Role.Leader, sessionId],
    );
    return row;
  }

  private pickCommittee(committeeIds: string[], requested: string | undefined): string {
    if (requested !== undefined) {
      if (!UUID.test(requested) || !committeeIds.includes(requested)) {
        throw new DomainError(
          'forbidden',
          AuthErrorCode.COMMITTEE_NOT_MEMBER,
          'You are not a member of the committee named in the X-Committee-Id header',
        );
      }
      return requested;
    }
    if (committeeIds.length === 1) return committeeIds[0];
    if (committeeIds.length === 0) {
      throw new DomainError('forbidden', AuthErrorCode.NO_MEMBERSHIP, 'Your account belongs to no committee; ask an administrator');
    }
    throw new DomainError(
      'invalid',
      AuthErrorCode.COMMITTEE_REQUIRED,
      'You belong to several committees: name one in the X-Committee-Id header',
      { committeeIds },
    );
  }
}
