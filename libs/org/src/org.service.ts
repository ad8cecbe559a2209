import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import { Clock, containsPattern, DomainError, hashPassword } from '#app/core';
import { Membership, Role, UNIT_ROLES } from './membership.entity.js';
import { type OrgActor, recordOrgChange } from './org-audit.js';
import { UnitKind } from './unit.entity.js';
import { requireUnit } from './units.service.js';
import { User } from './user.entity.js';
import { OrgErrorCode } from './org.errors.js';
import { OrgEntity } from './org.vocabulary.js';

export interface MembershipInput {
  role: Role;
  unitId?: string | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  email?: string | null;
  memberships: MembershipInput[];
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  memberships: Array<{ id: string; role: Role; unitId: string | null }>;
}

/** A member as another member sees them: enough to invite, nothing private. */
export interface MemberView {
  id: string;
  displayName: string;
}

/** The 400 of {@link requireCommitteeUser}, naming `field`. */
export function notCommitteeUser(field: string, code: string = OrgErrorCode.USER_NOT_IN_COMMITTEE): DomainError {
  return new DomainError('invalid', code, `${field} must be a user of your committee`, {
    fields: [{ field, problems: [`${field} must be a user of your committee`] }],
  });
}

/** A user of the committee (any role), or a 400 naming `field`. */
export async function requireCommitteeUser(manager: EntityManager, committeeId: string, userId: string, field: string, code: string = OrgErrorCode.USER_NOT_IN_COMMITTEE): Promise<void> {
  if (!(await manager.getRepository(Membership).existsBy({ userId, committeeId }))) throw notCommitteeUser(field, code);
}

/** Which of `userIds` are users of the committee (any role), in one query. */
export async function committeeUserIds(manager: EntityManager, committeeId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await manager.getRepository(Membership).find({ where: { committeeId, userId: In([...new Set(userIds)]) } });
  return new Set(rows.map((row) => row.userId));
}

/**
 * Users and their memberships (roles, units) in one committee: the administrator's work, the member
 * search for co-signing, and who holds a role (the recipients of notices). Units: {@link UnitsService};
 * sessions: {@link SessionsService}.
 */
@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The committee's members (委员), by name or username, for a member inviting co-signers: id and name
   * only (no phone or e-mail), active users, by name.
   */
  async searchMembers(committeeId: string, q: string | undefined, limit: number, offset: number): Promise<{ items: MemberView[]; total: number; limit: number; offset: number }> {
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.active')
      .andWhere('EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.committee_id = :committeeId AND m.role = :role)', { committeeId, role: Role.Member });
    const text = q?.trim();
    if (text) {
      builder.andWhere('(u.display_name ILIKE :pattern OR u.username ILIKE :pattern)', { pattern: containsPattern(text) });
    }
    const [users, total] = await builder.orderBy('u.display_name', 'ASC').addOrderBy('u.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
    return { items: users.map((u) => ({ id: u.id, displayName: u.displayName })), total, limit, offset };
  }

  async listUsers(committeeId: string): Promise<UserView[]> {
    const memberships = await this.dataSource.getRepository(Membership).find({ where: { committeeId } });
    const userIds = [...new Set(memberships.map((m) => m.userId))];
    if (userIds.length === 0) return [];
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(userIds) }, order: { username: 'ASC' } });
    return users.map((user) => this.toUserView(user, memberships));
  }

  /** Creates a user with memberships in the admin's committee, or adds memberships to an existing username. */
  async createUser(actor: OrgActor, input: UserInput): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(User).existsBy({ username: input.username })) {
        throw new DomainError('conflict', OrgErrorCode.USERNAME_TAKEN, `The username ${input.username} is already taken`);
      }
      const user = await manager.save(
        manager.create(User, {
          username: input.username,
          displayName: input.displayName,
          passwordHash: await hashPassword(input.password),
          phone: input.phone ?? null,
          email: input.email ?? null,
        }),
      );
      for (const membership of input.memberships) await this.insertMembership(manager, actor, user.id, membership);
      const memberships = await manager.getRepository(Membership).findBy({ userId: user.id, committeeId: actor.committeeId });
      const view = this.toUserView(user, memberships);
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.User, entityId: user.id, action: 'user.created', before: null, after: { ...view }, at: this.clock.now() });
      return view;
    });
  }

  async addMembership(actor: OrgActor, userId: string, input: MembershipInput): Promise<UserView> {
    return this.changeMemberships(actor, userId, 'membership.added', (manager) =>
      this.insertMembership(manager, actor, userId, input),
    );
  }

  async removeMembership(actor: OrgActor, userId: string, membershipId: string): Promise<UserView> {
    return this.changeMemberships(actor, userId, 'membership.removed', async (manager) => {
      const result = await manager.delete(Membership, { id: membershipId, userId, committeeId: actor.committeeId });
      if (result.affected !== 1) throw DomainError.notFound('Membership', membershipId);
    });
  }

  /** Users holding one of the roles in a committee, optionally for given units (recipients of notices). */
  async userIdsWithRole(manager: EntityManager, committeeId: string, roles: Role | Role[], unitIds?: string[]): Promise<string[]> {
    const rows = await manager.getRepository(Membership).find({
      where: { committeeId, role: In([roles].flat()), ...(unitIds ? { unitId: In(unitIds) } : {}) },
    });
    return [...new Set(rows.map((row) => row.userId))];
  }

  /** {@link userIdsWithRole} for many units in one query: each unit's users with one of the roles. */
  async userIdsWithRoleByUnit(manager: EntityManager, committeeId: string, roles: Role | Role[], unitIds: string[]): Promise<Map<string, string[]>> {
    const byUnit = new Map<string, string[]>(unitIds.map((unitId) => [unitId, []]));
    if (unitIds.length === 0) return byUnit;
    const rows = await manager.getRepository(Membership).find({ where: { committeeId, role: In([roles].flat()), unitId: In([...new Set(unitIds)]) } });
    for (const row of rows) {
      const users = byUnit.get(row.unitId as string);
      if (users && !users.includes(row.userId)) users.push(row.userId);
    }
    return byUnit;
  }

  private async changeMemberships(
    actor: OrgActor,
    userId: string,
    action: string,
    change: (manager: EntityManager) => Promise<void>,
  ): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ id: userId });
      const inCommittee = await manager.getRepository(Membership).existsBy({ userId, committeeId: actor.committeeId });
      if (!user || !inCommittee) throw DomainError.notFound('User', userId);
      const before = this.toUserView(user, await manager.getRepository(Membership).findBy({ userId, committeeId: actor.committeeId }));
      await change(manager);
      // Roles changed: tokens issued before now must not carry the old authority.
      await manager.increment(User, { id: userId }, 'tokenVersion', 1);
      const after = this.toUserView(user, await manager.getRepository(Membership).findBy({ userId, committeeId: actor.committeeId }));
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.User, entityId: userId, action, before: { ...before }, after: { ...after }, at: this.clock.now() });
      return after;
    });
  }

  private async insertMembership(manager: EntityManager, actor: OrgActor, userId: string, input: MembershipInput): Promise<void> {
    const needsUnit = UNIT_ROLES.has(input.role);
    if (needsUnit !== Boolean(input.unitId)) {
      throw new DomainError(
        'invalid',
        OrgErrorCode.MEMBERSHIP_UNIT,
        needsUnit ? `memberships.unitId is required for the role ${input.role}` : `memberships.unitId must be empty for the role ${input.role}`,
      );
    }
    if (input.unitId) {
      const unit = await requireUnit(manager, actor.committeeId, input.unitId);
      const wantsOffice = input.role === 'office';
      if ((unit.kind === UnitKind.Office) !== wantsOffice) {
        throw new DomainError('invalid', OrgErrorCode.MEMBERSHIP_UNIT_KIND, `Unit ${unit.name} is not a unit the role ${input.role} can belong to`);
      }
    }
    await manager.insert(Membership, {
      userId,
      committeeId: actor.committeeId,
      role: input.role,
      unitId: input.unitId ?? null,
    });
  }

  private toUserView(user: User, memberships: Membership[]): UserView {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      phone: user.phone,
      email: user.email,
      active: user.active,
      memberships: memberships
        .filter((m) => m.userId === user.id)
        .map((m) => ({ id: m.id, role: m.role, unitId: m.unitId })),
    };
  }
}
