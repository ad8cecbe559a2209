import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#app/core';
import { Membership, Role, User } from '#app/org';
import type { Actor } from './actor.js';
import { permissionsOf } from './permissions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the {@link Actor} for a token from the database, so revoked roles stop working immediately. */
@Injectable()
export class ActorResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(userId: string, tokenVersion: number, requestedCommitteeId: string | undefined): Promise<Actor> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || !user.active || user.tokenVersion !== tokenVersion) {
      throw new DomainError('unauthenticated', 'TOKEN_REVOKED', 'Your session has ended; log in again');
    }
    const memberships = await this.dataSource.getRepository(Membership).findBy({ userId });
    const committeeIds = [...new Set(memberships.map((m) => m.committeeId))];
    const committeeId = this.pickCommittee(committeeIds, requestedCommitteeId);
    const mine = memberships.filter((m) => m.committeeId === committeeId);
    const roles = new Set(mine.map((m) => m.role));
    const unitsOf = (role: Role) => mine.filter((m) => m.role === role && m.unitId).map((m) => m.unitId as string);

    const leaderUnits = await this.withDescendants(committeeId, unitsOf(Role.Leader));
    return {
      userId: user.id,
      displayName: user.displayName,
      committeeId,
      roles,
      permissions: permissionsOf(roles),
      handlingUnitIds: [...new Set([...unitsOf(Role.Drafter), ...leaderUnits])],
      signingUnitIds: leaderUnits,
      officeUnitIds: unitsOf(Role.Office),
    };
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

  private async withDescendants(committeeId: string, unitIds: string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM units WHERE committee_id = $1 AND id = ANY($2::uuid[])
         UNION
         SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id WHERE u.committee_id = $1
       ) SELECT id FROM tree`,
      [committeeId, unitIds],
    );
    return rows.map((row) => row.id);
  }
}
