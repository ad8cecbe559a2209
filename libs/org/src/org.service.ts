import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import {
  Clock,
  containsPattern,
  type DeadlineRules,
  DEFAULT_DEADLINE_RULES,
  DEFAULT_REMINDER_PLAN,
  DomainError,
  hashPassword,
  type ReminderPlanConfig,
  type ReminderPlanInput,
  reminderPlanWithDefaults,
  updateAtVersion,
} from '#app/core';
import { CppccSession } from './cppcc-session.entity.js';
import { Membership, Role, UNIT_ROLES } from './membership.entity.js';
import { Unit, UnitKind } from './unit.entity.js';
import { User } from './user.entity.js';

/** Who performs an org change, within which committee. */
export interface OrgActor {
  userId: string;
  committeeId: string;
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  parentId?: string | null;
  docPrefix?: string | null;
  workArea?: string | null;
  remitKeywords?: string[];
}

export interface SessionInput {
  name: string;
  term: number;
  meeting: number;
  year: number;
  plenaryStart: string;
  plenaryEnd: string;
  deadlineRules?: Partial<DeadlineRules>;
  reminderPlan?: ReminderPlanInput;
  defaultCopyUnitIds?: string[];
}

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

export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  docPrefix: string | null;
  workArea: string | null;
  remitKeywords: string[];
  version: number;
}

export interface SessionView {
  id: string;
  name: string;
  term: number;
  meeting: number;
  year: number;
  plenaryStart: string;
  plenaryEnd: string;
  deadlineRules: DeadlineRules;
  reminderPlan: ReminderPlanConfig;
  defaultCopyUnitIds: string[];
  version: number;
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

/** Rules given override the base; rules left out (absent or undefined) keep the base's. */
function withRules(base: DeadlineRules, given: Partial<DeadlineRules> | undefined): DeadlineRules {
  const overrides = Object.entries(given ?? {}).filter(([, rule]) => rule !== undefined);
  return { ...base, ...Object.fromEntries(overrides.map(([name, rule]) => [name, { amount: rule.amount, unit: rule.unit }])) };
}

/** Reminder settings given override the base, kind by kind and field by field. */
function withPlan(base: ReminderPlanConfig, given: ReminderPlanInput | undefined): ReminderPlanConfig {
  const merged = reminderPlanWithDefaults(base);
  for (const kind of Object.keys(merged) as Array<keyof ReminderPlanConfig>) {
    const fields = Object.entries(given?.[kind] ?? {}).filter(([, value]) => value !== undefined);
    Object.assign(merged[kind], Object.fromEntries(fields));
  }
  return merged;
}

/** A member as another member sees them: enough to invite, nothing private. */
export interface MemberView {
  id: string;
  displayName: string;
}

/** Remit keywords trimmed, without blanks or repeats, in the order given. */
function normaliseKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k.length > 0))];
}

export const toUnitView = (u: Unit): UnitView => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  docPrefix: u.docPrefix,
  workArea: u.workArea,
  remitKeywords: u.remitKeywords,
  version: u.version,
});

const toSessionView = (s: CppccSession): SessionView => ({
  id: s.id,
  name: s.name,
  term: s.term,
  meeting: s.meeting,
  year: s.year,
  plenaryStart: s.plenaryStart,
  plenaryEnd: s.plenaryEnd,
  deadlineRules: s.deadlineRules,
  reminderPlan: s.reminderPlan,
  defaultCopyUnitIds: s.defaultCopyUnitIds,
  version: s.version,
});

/** Units, CPPCC sessions, users and memberships of one committee (the administrator's work). */
@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async listUnits(committeeId: string, kind?: UnitKind): Promise<UnitView[]> {
    const units = await this.dataSource
      .getRepository(Unit)
      .find({ where: { committeeId, ...(kind ? { kind } : {}) }, order: { name: 'ASC' } });
    return units.map(toUnitView);
  }

  async createUnit(actor: OrgActor, input: UnitInput): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      if (input.parentId) await this.requireUnit(manager, actor.committeeId, input.parentId);
      const unit = await manager.save(
        manager.create(Unit, {
          committeeId: actor.committeeId,
          name: input.name,
          kind: input.kind,
          parentId: input.parentId ?? null,
          docPrefix: input.docPrefix ?? null,
          workArea: input.workArea ?? null,
          remitKeywords: normaliseKeywords(input.remitKeywords ?? []),
        }),
      );
      await this.auditChange(manager, actor, 'unit', unit.id, 'unit.created', null, toUnitView(unit));
      return toUnitView(unit);
    });
  }

  async updateUnit(actor: OrgActor, id: string, version: number, input: Partial<UnitInput>): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => (await this.updateUnitIn(manager, actor, id, version, input)).after);
  }

  /** Updates a unit, audited, in the caller's transaction (what depends on its name is updated in the same one). */
  async updateUnitIn(manager: EntityManager, actor: OrgActor, id: string, version: number, input: Partial<UnitInput>): Promise<{ before: UnitView; after: UnitView }> {
    const before = await this.requireUnit(manager, actor.committeeId, id);
    if (input.parentId) {
      await this.requireUnit(manager, actor.committeeId, input.parentId);
      await this.refuseCycle(manager, id, input.parentId);
    }
    const changes = input.remitKeywords ? { ...input, remitKeywords: normaliseKeywords(input.remitKeywords) } : input;
    await updateAtVersion(manager, Unit, 'Unit', id, version, changes);
    const after = await manager.getRepository(Unit).findOneByOrFail({ id });
    await this.auditChange(manager, actor, 'unit', id, 'unit.updated', toUnitView(before), toUnitView(after));
    return { before: toUnitView(before), after: toUnitView(after) };
  }

  async listSessions(committeeId: string): Promise<SessionView[]> {
    const sessions = await this.dataSource
      .getRepository(CppccSession)
      .find({ where: { committeeId }, order: { year: 'DESC', name: 'ASC' } });
    return sessions.map(toSessionView);
  }

  async getSession(committeeId: string, id: string): Promise<CppccSession> {
    const session = await this.dataSource.getRepository(CppccSession).findOneBy({ id, committeeId });
    if (!session) throw DomainError.notFound('Session', id);
    return session;
  }

  async createSession(actor: OrgActor, input: SessionInput): Promise<SessionView> {
    this.checkWindow(input.plenaryStart, input.plenaryEnd);
    return this.dataSource.transaction(async (manager) => {
      await this.requireOffices(manager, actor.committeeId, input.defaultCopyUnitIds ?? []);
      const session = await manager.save(
        manager.create(CppccSession, {
          ...input,
          committeeId: actor.committeeId,
          deadlineRules: withRules(DEFAULT_DEADLINE_RULES, input.deadlineRules),
          reminderPlan: withPlan(DEFAULT_REMINDER_PLAN, input.reminderPlan),
          defaultCopyUnitIds: input.defaultCopyUnitIds ?? [],
        }),
      );
      await this.auditChange(manager, actor, 'session', session.id, 'session.created', null, toSessionView(session));
      return toSessionView(session);
    });
  }

  async updateSession(actor: OrgActor, id: string, version: number, input: Partial<SessionInput>): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.getSession(actor.committeeId, id);
      this.checkWindow(input.plenaryStart ?? before.plenaryStart, input.plenaryEnd ?? before.plenaryEnd);
      await this.requireOffices(manager, actor.committeeId, input.defaultCopyUnitIds ?? []);
      const { deadlineRules, reminderPlan, ...rest } = input;
      const changes = {
        ...rest,
        ...(deadlineRules ? { deadlineRules: withRules({ ...DEFAULT_DEADLINE_RULES, ...before.deadlineRules }, deadlineRules) } : {}),
        ...(reminderPlan ? { reminderPlan: withPlan(before.reminderPlan, reminderPlan) } : {}),
      };
      await updateAtVersion(manager, CppccSession, 'Session', id, version, changes);
      const after = await manager.getRepository(CppccSession).findOneByOrFail({ id });
      await this.auditChange(manager, actor, 'session', id, 'session.updated', toSessionView(before), toSessionView(after));
      return toSessionView(after);
    });
  }

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
        throw new DomainError('conflict', 'USERNAME_TAKEN', `The username ${input.username} is already taken`);
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
      await this.auditChange(manager, actor, 'user', user.id, 'user.created', null, { ...view });
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
      await this.auditChange(manager, actor, 'user', userId, action, { ...before }, { ...after });
      return after;
    });
  }

  private async insertMembership(manager: EntityManager, actor: OrgActor, userId: string, input: MembershipInput): Promise<void> {
    const needsUnit = UNIT_ROLES.has(input.role);
    if (needsUnit !== Boolean(input.unitId)) {
      throw new DomainError(
        'invalid',
        'MEMBERSHIP_UNIT',
        needsUnit ? `memberships.unitId is required for the role ${input.role}` : `memberships.unitId must be empty for the role ${input.role}`,
      );
    }
    if (input.unitId) {
      const unit = await this.requireUnit(manager, actor.committeeId, input.unitId);
      const wantsOffice = input.role === 'office';
      if ((unit.kind === UnitKind.Office) !== wantsOffice) {
        throw new DomainError('invalid', 'MEMBERSHIP_UNIT_KIND', `Unit ${unit.name} is not a unit the role ${input.role} can belong to`);
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

  private async requireUnit(manager: EntityManager, committeeId: string, id: string): Promise<Unit> {
    const unit = await manager.getRepository(Unit).findOneBy({ id, committeeId });
    if (!unit) throw DomainError.notFound('Unit', id);
    return unit;
  }

  private async requireOffices(manager: EntityManager, committeeId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await manager.getRepository(Unit).countBy({ id: In(ids), committeeId, kind: UnitKind.Office });
    if (found !== new Set(ids).size) {
      throw new DomainError('invalid', 'COPY_UNIT_NOT_OFFICE', 'defaultCopyUnitIds must name offices (抄送单位) of this committee');
    }
  }

  private async refuseCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = $1
         UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT id FROM up WHERE id = $2`,
      [parentId, id],
    );
    if (rows.length > 0) throw new DomainError('invalid', 'UNIT_CYCLE', 'parentId would make the unit its own ancestor');
  }

  private checkWindow(start: string, end: string): void {
    if (start > end) throw new DomainError('invalid', 'PLENARY_WINDOW', 'plenaryStart must not be after plenaryEnd');
  }

  private auditChange(
    manager: EntityManager,
    actor: OrgActor,
    entity: string,
    entityId: string,
    action: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    return this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity,
      entityId,
      action,
      before: before as Record<string, unknown> | null,
      after: after as Record<string, unknown> | null,
      at: this.clock.now(),
    });
  }
}
