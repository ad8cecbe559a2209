import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { chainPendingAuditEntries } from '#app/audit';
import type { TestCommittee } from '#app/testing';

/** A small deterministic PRNG (mulberry32): the same seed gives the same committee every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;
/** A China date plus a number of days. */
export const plusDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The instant `minute` minutes after midnight of a China date. */
const instant = (date: string, minute: number): Date => new Date(Date.parse(`${date}T00:00:00+08:00`) + minute * 60_000);
/** The China date of an instant. */
export const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

type Row = Record<string, unknown>;

export interface GeneratedCommittee {
  sessionIds: [string, string];
  unitIds: string[];
  memberIds: string[];
}

/**
 * Fills a test committee with a few hundred proposals over two sessions, written straight into the tables
 * in the shape the services leave them: unfiled ones (draft, under review, 不予立案, 转为意见建议, 撤案),
 * merged ones (their proposers joining the target), filed ones assigned to a lead unit with co-units or to
 * several 分办 units, some assignments reassigned, deadlines with their events (set, extended, clock
 * stopped and resumed, met, cancelled), replies on time and late (a fifth without their due date, as
 * before the column was filled), waived co-units, feedback of all three satisfactions from every
 * proposer (a quarter on paper), re-handling (audit entry, round 2 with its own reply and forms) and a
 * few proposals brought over from an earlier system (assignments replied without reply rows). Times fall
 * at any minute of the day, so China dates and UTC dates differ.
 */
export async function generateCommittee(dataSource: DataSource, c: TestCommittee, seed: number, proposalsPerSession = 160): Promise<GeneratedCommittee> {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const minute = () => between(0, 1439);
  const staffId = c.userId('anyang-staff');
  const rows: Record<string, Row[]> = {};
  const add = (table: string, row: Row) => (rows[table] ??= []).push(row);

  const unitIds = [c.unitIds.police, c.unitIds.finance, c.unitIds['police-economic']];
  for (const name of ['安阳市教育局', '安阳市交通运输局', '安阳市生态环境局', '安阳市卫生健康委员会']) {
    const id = randomUUID();
    add('units', { id, committee_id: c.committeeId, name: `${name}-${c.tag}`, kind: 'handling' });
    unitIds.push(id);
  }
  const memberIds = [c.userId('yuanyuan')];
  for (let i = 0; i < 48; i += 1) {
    const id = randomUUID();
    add('users', { id, username: `member${i}-${c.tag}`, display_name: `委员${i}`, password_hash: 'not-a-login' });
    add('memberships', { user_id: id, committee_id: c.committeeId, role: 'member' });
    // the last eight never propose nor co-sign: 委员参与率 stays below 1
    if (i < 40) memberIds.push(id);
  }
  const secondSession = randomUUID();
  add('cppcc_sessions', {
    id: secondSession,
    committee_id: c.committeeId,
    name: `政协十三届安阳市委员会五次会议-${c.tag}`,
    term: 13,
    meeting: 5,
    year: 2022,
    plenary_start: '2022-01-10',
    plenary_end: '2022-01-14',
    deadline_rules: {},
    reminder_plan: {},
  });
  const sessions: Array<[string, number]> = [
    [c.sessionId, 2021],
    [secondSession, 2022],
  ];

  const event = (deadlineId: string, kind: string, at: Date, toDate: string | null, fromDate: string | null = null) =>
    add('deadline_events', { deadline_id: deadlineId, kind, at: at.toISOString(), to_date: toDate, from_date: fromDate });

  for (const [sessionId, year] of sessions) {
    let number = 0;
    const filedSoFar: Array<{ id: string; proposers: string[]; replied: boolean }> = [];
    for (let i = 0; i < proposalsPerSession; i += 1) {
      const id = randomUUID();
      const lead = pick(memberIds);
      const cosigners = [...new Set(Array.from({ length: between(0, 3) }, () => pick(memberIds)))].filter((m) => m !== lead);
      add('proposers', { proposal_id: id, user_id: lead, role: 'lead' });
      for (const m of cosigners) add('proposers', { proposal_id: id, user_id: m, role: 'co_signer' });
      const proposal: Row = { id, committee_id: c.committeeId, session_id: sessionId, title: `生成的提案${year}-${i}`, body: '正文。', status: 'draft' };
      add('proposals', proposal);
      if (chance(0.04)) continue; // a draft never submitted
      const submitted = instant(plusDays(`${year}-01-10`, between(0, 80)), minute());
      proposal.submitted_at = submitted.toISOString();
      const roll = random();
      const decided = () => new Date(submitted.getTime() + between(1, 20) * DAY + between(0, 600) * 60_000);
      const decide = (outcome: string, status: string, extra: Row = {}) => {
        add('review_decisions', { proposal_id: id, outcome, decided_by_user_id: staffId, decided_at: decided().toISOString(), ...extra });
        proposal.status = status;
      };
      if (roll < 0.04) {
        proposal.status = 'under_review';
        continue;
      }
      if (roll < 0.14) {
        if (roll < 0.08) decide('not_filed', 'not_filed', { reason_code: 'other' });
        else if (roll < 0.11) decide('to_opinion', 'to_opinion');
        else decide('withdrawn', 'withdrawn');
        continue;
      }
      const target = filedSoFar.filter((p) => !p.replied);
      if (roll < 0.21 && target.length > 0) {
        const into = pick(target);
        decide('merged', 'merged', { target_proposal_id: into.id });
        proposal.merged_into_id = into.id;
        for (const m of [lead, ...cosigners].filter((m) => !into.proposers.includes(m))) {
          add('proposers', { proposal_id: into.id, user_id: m, role: 'co_signer', via_proposal_id: id });
          into.proposers.push(m);
        }
        continue;
      }
      number += 1;
      const filedAt = new Date(submitted.getTime() + between(1, 20) * DAY + between(0, 600) * 60_000);
      Object.assign(proposal, { number, filed_at: filedAt.toISOString(), status: 'filed' });
      const record = { id, proposers: [lead, ...cosigners], replied: false };
      filedSoFar.push(record);
      if (chance(0.05)) continue; // filed, not assigned yet
      const assignedAt = new Date(filedAt.getTime() + between(1, 30) * DAY + between(0, 600) * 60_000);
      proposal.status = 'in_handling';
      const separate = chance(0.2);
      const chosen = [...unitIds].sort(() => random() - 0.5);
      const roles: Array<'lead' | 'co' | 'separate'> = separate ? Array.from({ length: between(2, 3) }, () => 'separate' as const) : ['lead', ...Array.from({ length: between(0, 2) }, () => 'co' as const)];
      const spare = chosen.slice(roles.length);
      const history = year === 2021 && chance(0.04);
      let answered = 0;
      const answers: Array<{ assignmentId: string; unitId: string; replyId: string; dispatched: Date; round: number }> = [];
      const leadState: { assignmentId?: string; deadlineId?: string; unitId?: string } = {};
      for (const [index, role] of roles.entries()) {
        let unitId = chosen[index];
        let at = assignedAt;
        if (!history && chance(0.08) && spare.length > 0) {
          // 申请调整 approved: this unit's assignment is reassigned and another unit takes the role.
          const gone = randomUUID();
          const goneDeadline = randomUUID();
          const movedAt = new Date(at.getTime() + between(2, 6) * DAY);
          add('assignments', { id: gone, committee_id: c.committeeId, proposal_id: id, unit_id: unitId, role, status: 'reassigned', assigned_by_user_id: staffId, assigned_at: at.toISOString() });
          const due = plusDays(chinaDate(at), role === 'co' ? 30 : 90);
          add('deadlines', deadlineRow(goneDeadline, c.committeeId, gone, role === 'co' ? 'co_opinion' : 'reply', 'cancelled', chinaDate(at), due));
          event(goneDeadline, 'set', at, due);
          event(goneDeadline, 'cancelled', movedAt, null, due);
          unitId = spare.shift() as string;
          at = movedAt;
        }
        const assignmentId = randomUUID();
        const assignment: Row = { id: assignmentId, committee_id: c.committeeId, proposal_id: id, unit_id: unitId, role, status: 'assigned', assigned_by_user_id: staffId, assigned_at: at.toISOString() };
        add('assignments', assignment);
        if (history) {
          // brought over from the earlier system: replied, no reply rows, no deadlines
          Object.assign(assignment, { status: 'closed', replied_at: new Date(at.getTime() + between(20, 200) * DAY).toISOString() });
          if (role !== 'co') answered += 1;
          continue;
        }
        const kind = role === 'co' ? 'co_opinion' : 'reply';
        const deadlineId = randomUUID();
        let due = plusDays(chinaDate(at), role === 'co' ? 30 : 90);
        const timeline: Array<{ kind: string; at: Date; to: string | null; from: string | null }> = [{ kind: 'set', at, to: due, from: null }];
        if (chance(0.12)) {
          const extendedAt = new Date(at.getTime() + between(10, 80) * DAY + minute() * 60_000);
          const to = plusDays(due, between(10, 40));
          timeline.push({ kind: 'extended', at: extendedAt, to, from: due });
          due = to;
        }
        if (chance(0.06)) {
          const stoppedAt = new Date(at.getTime() + between(5, 60) * DAY + minute() * 60_000);
          timeline.push({ kind: 'clock-stopped', at: stoppedAt, to: due, from: due });
          if (chance(0.7)) {
            const stood = between(3, 40);
            const to = plusDays(due, stood);
            timeline.push({ kind: 'clock-resumed', at: new Date(stoppedAt.getTime() + stood * DAY), to, from: due });
            due = to;
          }
        }
        timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
        const dueAt = (when: Date) => timeline.filter((e) => e.at <= when && e.to !== null).at(-1)?.to ?? null;
        const waived = role === 'co' && chance(0.12);
        const replies = !waived && chance(role === 'co' ? 0.65 : 0.78);
        let ended: Date | null = null;
        let status = chance(0.8) ? 'accepted' : 'assigned';
        if (waived) {
          ended = new Date(at.getTime() + between(5, 40) * DAY + minute() * 60_000);
          Object.assign(assignment, { status: 'closed', waived_at: ended.toISOString(), waived_by_user_id: staffId, waiver_reason: '免于会签' });
          status = 'closed';
        } else if (replies) {
          ended = new Date(at.getTime() + between(10, 160) * DAY + minute() * 60_000);
          const replyId = randomUUID();
          add('replies', replyRow(replyId, c, id, assignmentId, unitId, role, 1, ended, chance(0.8) ? dueAt(ended) : null, role === 'co' ? null : pickGrade(random)));
          Object.assign(assignment, { status: 'replied', accepted_at: at.toISOString(), replied_at: ended.toISOString() });
          status = 'replied';
          if (role !== 'co') {
            answered += 1;
            answers.push({ assignmentId, unitId, replyId, dispatched: ended, round: 1 });
          }
        } else if (chance(0.3)) {
          add('replies', { ...replyRow(randomUUID(), c, id, assignmentId, unitId, role, 1, null, null, null), status: 'drafting' });
        }
        if (status === 'accepted') assignment.accepted_at = new Date(at.getTime() + DAY).toISOString();
        if (status !== 'replied' && status !== 'closed') assignment.status = status;
        const kept = timeline.filter((e) => !ended || e.at < ended);
        const last = kept.at(-1) as { kind: string };
        add('deadlines', deadlineRow(deadlineId, c.committeeId, assignmentId, kind, ended ? (waived ? 'cancelled' : 'met') : last.kind === 'clock-stopped' ? 'paused' : 'open', chinaDate(at), due));
        for (const e of kept) event(deadlineId, e.kind, e.at, e.to, e.from);
        if (ended) event(deadlineId, waived ? 'cancelled' : 'met', ended, null, due);
        if (role === 'lead') Object.assign(leadState, { assignmentId, deadlineId, unitId });
      }
      if (answered < roles.length - roles.filter((r) => r === 'co').length) continue;
      proposal.status = 'replied';
      record.replied = true;
      // 征询意见: each proposer (those joined through a merge too) answers on each answer, some on paper.
      const proposers = record.proposers;
      const forms: Array<{ satisfaction: string; at: Date }> = [];
      for (const answer of answers) {
        for (const proposerId of proposers) {
          if (!chance(0.7)) continue;
          const at = new Date(answer.dispatched.getTime() + between(1, 25) * DAY + minute() * 60_000);
          const satisfaction = pickSatisfaction(random);
          add('feedback', feedbackRow(c.committeeId, id, answer.replyId, proposerId, satisfaction, chance(0.25) ? staffId : proposerId, at));
          if (answer.assignmentId === leadState.assignmentId) forms.push({ satisfaction, at });
        }
      }
      const dissatisfied = forms.filter((f) => f.satisfaction === 'dissatisfied');
      if (!leadState.assignmentId || dissatisfied.length === 0 || !chance(0.7)) continue;
      // 重新办理: ordered after the last form, recorded in the audit trail; round 2 of the lead unit.
      const orderedAt = new Date(Math.max(...forms.map((f) => f.at.getTime())) + between(3, 10) * DAY + minute() * 60_000);
      add('audit_entries', { committee_id: c.committeeId, actor_user_id: staffId, entity: 'proposal', entity_id: id, action: 'proposal.rehandle', at: orderedAt.toISOString() });
      proposal.status = 'rehandling';
      const leadAssignment = (rows.assignments as Row[]).find((a) => a.id === leadState.assignmentId) as Row;
      Object.assign(leadAssignment, { round: 2, status: 'accepted' });
      const secondDue = plusDays(chinaDate(orderedAt), 90);
      event(leadState.deadlineId as string, 'set', orderedAt, secondDue);
      if (!chance(0.6)) continue;
      const second = new Date(orderedAt.getTime() + between(20, 120) * DAY + minute() * 60_000);
      const replyId = randomUUID();
      add('replies', replyRow(replyId, c, id, leadState.assignmentId, leadState.unitId as string, 'lead', 2, second, secondDue, pickGrade(random)));
      event(leadState.deadlineId as string, 'met', second, null, secondDue);
      Object.assign(leadAssignment, { status: 'replied', replied_at: second.toISOString() });
      proposal.status = 'replied';
      for (const proposerId of proposers) {
        if (chance(0.6)) add('feedback', feedbackRow(c.committeeId, id, replyId, proposerId, pickSatisfaction(random), proposerId, new Date(second.getTime() + between(1, 20) * DAY)));
      }
    }
  }

  for (const table of ['units', 'users', 'memberships', 'cppcc_sessions', 'proposals', 'proposers', 'review_decisions', 'assignments', 'deadlines', 'deadline_events', 'replies', 'feedback', 'audit_entries']) {
    await insertRows(dataSource, table, rows[table] ?? []);
  }
  // Loaded in bulk like imported history: the audit entries are chained afterwards, as the import does.
  await chainPendingAuditEntries(dataSource);
  return { sessionIds: [c.sessionId, secondSession], unitIds, memberIds };
}

function pickGrade(random: () => number): string {
  const r = random();
  return r < 0.5 ? 'A' : r < 0.85 ? 'B' : 'C';
}

function pickSatisfaction(random: () => number): string {
  const r = random();
  return r < 0.55 ? 'satisfied' : r < 0.83 ? 'basically_satisfied' : 'dissatisfied';
}

function deadlineRow(id: string, committeeId: string, assignmentId: string, kind: string, status: string, startDate: string, dueDate: string): Row {
  return { id, committee_id: committeeId, assignment_id: assignmentId, kind, status, start_date: startDate, due_date: dueDate, explanation: { due: dueDate, steps: [] } };
}

function replyRow(
  id: string,
  c: TestCommittee,
  proposalId: string,
  assignmentId: string,
  unitId: string,
  role: string,
  round: number,
  dispatched: Date | null,
  dueDate: string | null,
  grade: string | null,
): Row {
  return {
    id,
    committee_id: c.committeeId,
    proposal_id: proposalId,
    assignment_id: assignmentId,
    unit_id: unitId,
    kind: role === 'lead' ? 'answer' : role === 'separate' ? 'separate_answer' : 'co_opinion',
    round,
    status: 'dispatched',
    grade,
    title: '答复',
    addressee: '尊敬的委员：',
    opening: '您提出的提案已收悉。',
    drafted_by_user_id: c.userId('chending'),
    dispatched_at: dispatched?.toISOString() ?? null,
    due_date: dueDate,
  };
}

function feedbackRow(committeeId: string, proposalId: string, replyId: string, proposerId: string, satisfaction: string, recordedBy: string, at: Date): Row {
  return {
    committee_id: committeeId,
    proposal_id: proposalId,
    reply_id: replyId,
    proposer_user_id: proposerId,
    satisfaction,
    contacted: true,
    answered: true,
    recorded_by_user_id: recordedBy,
    created_at: at.toISOString(),
  };
}

/** Plain inserts of rows in the table's own shape; columns not given take their defaults. */
async function insertRows(dataSource: DataSource, table: string, rows: Row[]): Promise<void> {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const list = columns.map((column) => `"${column}"`).join(', ');
    await dataSource.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) AS t`,
      // a column some rows leave out is null in them, but for round (NOT NULL, default 1)
      [JSON.stringify(batch.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? (column === 'round' ? 1 : null)]))))],
    );
  }
}
