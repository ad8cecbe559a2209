import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import {
  Clock,
  type DeadlineRules,
  DEFAULT_DEADLINE_RULES,
  DEFAULT_REMINDER_PLAN,
  DomainError,
  type ReminderPlanConfig,
  type ReminderPlanInput,
  reminderPlanWithDefaults,
  updateAtVersion,
} from '#app/core';
import { CppccSession } from './cppcc-session.entity.js';
import { type OrgActor, recordOrgChange } from './org-audit.js';
import { requireOffices } from './units.service.js';
import { OrgErrorCode } from './org.errors.js';
import { OrgEntity } from './org.vocabulary.js';

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

export interface SessionView extends Omit<SessionInput, 'deadlineRules' | 'reminderPlan' | 'defaultCopyUnitIds'> {
  id: string;
  deadlineRules: DeadlineRules;
  reminderPlan: ReminderPlanConfig;
  defaultCopyUnitIds: string[];
  version: number;
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

function checkWindow(start: string, end: string): void {
  if (start > end) throw new DomainError('invalid', OrgErrorCode.PLENARY_WINDOW, 'plenaryStart must not be after plenaryEnd');
}

/** The committee's CPPCC sessions (届次): plenary window, deadline rules, reminder plan, default copy units. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
    checkWindow(input.plenaryStart, input.plenaryEnd);
    return this.dataSource.transaction(async (manager) => {
      await requireOffices(manager, actor.committeeId, input.defaultCopyUnitIds ?? []);
      const session = await manager.save(
        manager.create(CppccSession, {
          ...input,
          committeeId: actor.committeeId,
          deadlineRules: withRules(DEFAULT_DEADLINE_RULES, input.deadlineRules),
          reminderPlan: withPlan(DEFAULT_REMINDER_PLAN, input.reminderPlan),
          defaultCopyUnitIds: input.defaultCopyUnitIds ?? [],
        }),
      );
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.Session, entityId: session.id, action: 'session.created', before: null, after: toSessionView(session), at: this.clock.now() });
      return toSessionView(session);
    });
  }

  async updateSession(actor: OrgActor, id: string, version: number, input: Partial<SessionInput>): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.getSession(actor.committeeId, id);
      checkWindow(input.plenaryStart ?? before.plenaryStart, input.plenaryEnd ?? before.plenaryEnd);
      await requireOffices(manager, actor.committeeId, input.defaultCopyUnitIds ?? []);
      const { deadlineRules, reminderPlan, ...rest } = input;
      const changes = {
        ...rest,
        ...(deadlineRules ? { deadlineRules: withRules({ ...DEFAULT_DEADLINE_RULES, ...before.deadlineRules }, deadlineRules) } : {}),
        ...(reminderPlan ? { reminderPlan: withPlan(before.reminderPlan, reminderPlan) } : {}),
      };
      await updateAtVersion(manager, CppccSession, 'Session', id, version, changes);
      const after = await manager.getRepository(CppccSession).findOneByOrFail({ id });
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.Session, entityId: id, action: 'session.updated', before: toSessionView(before), after: toSessionView(after), at: this.clock.now() });
      return toSessionView(after);
    });
  }
}
