import type { EntityManager } from 'typeorm';
import { joinAssignmentSql, leftJoinDeadlineSql } from '#app/handling';
import { unitNameSql } from '#app/org';
import { repliesSql } from '#app/replies';

/** A dispatched answer of the assignment's current handling round: the one the proposers rate now. */
export interface CurrentAnswer {
  replyId: string;
  assignmentId: string;
  unitId: string;
  unitName: string;
  round: number;
  dispatchedAt: Date;
  /** the feedback window (征询意见期限) of this answer */
  feedbackDue: string | null;
  feedbackStatus: string | null;
  /** some proposer rated this answer 不满意 */
  dissatisfied: boolean;
}

/**
 * The answers (答复, 分办答复) of a proposal that the proposers rate now: dispatched, of the round their
 * assignment is in (a re-handled unit's first answer no longer counts), oldest first.
 */
export async function currentAnswers(manager: EntityManager, proposalId: string): Promise<CurrentAnswer[]> {
  const rows: Array<{
    reply_id: string;
    assignment_id: string;
    unit_id: string;
    unit_name: string;
    round: number;
    dispatched_at: Date;
    feedback_due: string | null;
    feedback_status: string | null;
    dissatisfied: boolean;
  }> = await manager.query(
    `SELECT r.id AS reply_id, r.assignment_id, a.unit_id, ${unitNameSql('a.unit_id')} AS unit_name, r.round, r.dispatched_at,
            to_char(d.due_date, 'YYYY-MM-DD') AS feedback_due, d.status AS feedback_status,
            EXISTS (SELECT 1 FROM feedback f WHERE f.reply_id = r.id AND f.satisfaction = 'dissatisfied') AS dissatisfied
     FROM ${repliesSql('r')}
     ${joinAssignmentSql('r.assignment_id', 'a', "a.round = r.round AND a.status <> 'reassigned'")}
     ${leftJoinDeadlineSql('a.id', 'feedback', 'd')}
     WHERE r.proposal_id = $1 AND r.kind IN ('answer', 'separate_answer') AND r.status = 'dispatched'
     ORDER BY r.dispatched_at, r.id`,
    [proposalId],
  );
  return rows.map((row) => ({
    replyId: row.reply_id,
    assignmentId: row.assignment_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    round: row.round,
    dispatchedAt: row.dispatched_at,
    feedbackDue: row.feedback_due,
    feedbackStatus: row.feedback_status,
    dissatisfied: row.dissatisfied,
  }));
}

/** How many times a unit handles a proposal before a remaining 不满意 goes to 当面协商. */
export const HANDLING_ROUNDS = 2;
