import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#app/core';
import { Role } from '#app/org';
import type { Actor } from './actor.js';
import { permissionsOf } from './permissions.js';

interface UserRow {
  id: string;
  display_name: string;
  active: boolean;
  token_version: number;
  memberships: Array<{ committeeId: string; role: Role; unitId: string | null }>;
  led: Array<{ committeeId: string; id: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the {@link Actor} for a token from the database, so revoked roles stop working immediately. */
@Injectable()
export class ActorResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(userId: string, tokenVersion: number, requestedCommitteeId: string | undefined): Promise<Actor> {
    const user = UUID.test(userId) ? await this.load(userId) : undefined;
    if (!user || !user.active || user.token_version !== tokenVersion) {
      throw new DomainError('unauthenticated', 'TOKEN_REVOKED', 'Your session has ended; log in again');
    }
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
   * The user, their memberships and the units they lead with those units' descendants, in one statement:
   * every authenticated request runs it, and three round trips through the entity layer were most of the
   * get-one route's own cost (bench/README.md). Deliberately not cached: a role change or a deactivation
   * raises `token_version` in this row, and reading it on every request is what makes the old token stop
   * working at once, in every API process, with nothing to invalidate.
   */
  private async load(userId: string): Promise<UserRow | undefined> {
    const [row]: UserRow[] = await this.dataSource.query(
      `WITH RECURSIVE led AS (
         SELECT m.committee_id, u.id FROM memberships m JOIN units u ON u.id = m.unit_id AND u.committee_id = m.committee_id
         WHERE m.user_id = $1 AND m.role = $2
         UNION
         SELECT led.committee_id, u.id FROM units u JOIN led ON u.parent_id = led.id AND u.committee_id = led.committee_id
       )
       SELECT u.id, u.display_name, u.active, u.token_version,
              (SELECT coalesce(json_agg(json_build_object('committeeId', m.committee_id, 'role', m.role, 'unitId', m.unit_id)), '[]')
               FROM memberships m WHERE m.user_id = u.id) AS memberships,
              (SELECT coalesce(json_agg(json_build_object('committeeId', led.committee_id, 'id', led.id)), '[]') FROM led) AS led
       FROM users u WHERE u.id = $1`,
      [userId, Role.Leader],
    );
    return row;
  }

  private pickCommittee(committeeIds: string[], requested: string | undefined): string {
    if (requested !== undefined) {
      if (!UUID.test(requested) || !committeeIds.includes(requested)) {
        throw new DomainError(
          'forbidden',
          'COMMITTEE_NOT_MEMBER',
          'You are not a member of the committee named in the X-Committee-Id header',
        );
      }
      return requested;
    }
    if (committeeIds.length === 1) return committeeIds[0];
    if (committeeIds.length === 0) {
      throw new DomainError('forbidden', 'NO_MEMBERSHIP', 'Your account belongs to no committee; ask an administrator');
    }
    throw new DomainError(
      'invalid',
      'COMMITTEE_REQUIRED',
      'You belong to several committees: name one in the X-Committee-Id header',
      { committeeIds },
    );
  }
}
