import type { EntityManager } from 'typeorm';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules, type ReminderPlanConfig, reminderPlanWithDefaults } from '#app/core';
import { joinSessionSql } from '#app/org';
import { proposalsSql } from '#app/proposals';

/** The deadline rules and reminder plan that apply to a proposal. */
export interface RuleContext {
  rules: DeadlineRules;
  plan: ReminderPlanConfig;
}

/** The deadline rules and reminder plan of each proposal (its session's, with its own overrides), in one query. */
export async function rulesOfMany(manager: EntityManager, proposalIds: readonly string[]): Promise<Map<string, RuleContext>> {
  const rows: Array<{ id: string; session_id: string; session_rules: DeadlineRules; plan: ReminderPlanConfig | null; proposal_rules: Partial<DeadlineRules> | null }> =
    await manager.query(
      `SELECT p.id, p.session_id, s.deadline_rules AS session_rules, s.reminder_plan AS plan, p.deadline_rules AS proposal_rules
       FROM ${proposalsSql('p')} ${joinSessionSql('p.session_id', 's')} WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(proposalIds)]],
    );
  // One plan object per session, so that callers can group deadlines by it.
  const plans = new Map<string, ReminderPlanConfig>();
  return new Map(
    rows.map((row) => {
      if (!plans.has(row.session_id)) plans.set(row.session_id, reminderPlanWithDefaults(row.plan));
      return [row.id, { rules: { ...DEFAULT_DEADLINE_RULES, ...row.session_rules, ...(row.proposal_rules ?? {}) }, plan: plans.get(row.session_id) as ReminderPlanConfig }];
    }),
  );
}

export async function rulesOf(manager: EntityManager, proposalId: string): Promise<RuleContext> {
  return (await rulesOfMany(manager, [proposalId])).get(proposalId) as RuleContext;
}

export async function rulesOfAssignment(manager: EntityManager, assignmentId: string): Promise<RuleContext> {
  const [row]: Array<{ proposal_id: string }> = await manager.query('SELECT proposal_id FROM assignments WHERE id = $1', [assignmentId]);
  return rulesOf(manager, row.proposal_id);
}
