import type { DataSource } from 'typeorm';
import { chinaDate, plusDays } from './generated-committee.js';

/**
 * A plain recount of the statistics from the raw rows, written from the definitions in
 * docs/domain/statistics.md and independently of the SQL: every row of the committee is read with
 * SELECT * and counted here in loops. What each figure counts is kept as a list of keys too (a
 * proposal's id; `proposal|unit` for assignments and answers; `proposal|unit|user` for forms; a
 * member's id), to compare with the drill-down lists.
 */

interface Proposal { id: string; session_id: string; submitted_at: Date | null; filed_at: Date | null }
interface Decision { proposal_id: string; outcome: string; decided_at: Date }
interface Assignment { id: string; proposal_id: string; unit_id: string; role: string; status: string; round: number; assigned_at: Date; replied_at: Date | null; waived_at: Date | null }
interface Reply { id: string; assignment_id: string; round: number; grade: string | null; dispatched_at: Date | null; due: string | null }
interface Deadline { id: string; assignment_id: string; kind: string }
interface DeadlineEvent { id: string; deadline_id: string; kind: string; to: string | null; at: Date }
interface Form { id: string; reply_id: string; proposer_user_id: string; recorded_by_user_id: string; satisfaction: string; created_at: Date }
interface Proposer { proposal_id: string; user_id: string; via_proposal_id: string | null }
interface Membership { user_id: string; role: string }
interface AuditEntry { entity_id: string; action: string; at: Date }

export interface Rows {
  proposals: Proposal[];
  decisions: Decision[];
  assignments: Assignment[];
  replies: Reply[];
  deadlines: Deadline[];
  events: DeadlineEvent[];
  forms: Form[];
  proposers: Proposer[];
  memberships: Membership[];
  audit: AuditEntry[];
}

export async function loadRows(dataSource: DataSource, committeeId: string): Promise<Rows> {
  const all = (sql: string) => dataSource.query(sql, [committeeId]);
  const [proposals, decisions, assignments, replies, deadlines, events, forms, proposers, memberships, audit] = await Promise.all([
    all('SELECT * FROM proposals WHERE committee_id = $1'),
    all('SELECT d.* FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id WHERE p.committee_id = $1'),
    all('SELECT * FROM assignments WHERE committee_id = $1'),
    all('SELECT *, due_date::text AS due FROM replies WHERE committee_id = $1'),
    all('SELECT * FROM deadlines WHERE committee_id = $1'),
    all('SELECT e.*, e.to_date::text AS to FROM deadline_events e JOIN deadlines d ON d.id = e.deadline_id WHERE d.committee_id = $1'),
    all('SELECT * FROM feedback WHERE committee_id = $1'),
    all('SELECT pr.* FROM proposers pr JOIN proposals p ON p.id = pr.proposal_id WHERE p.committee_id = $1'),
    all('SELECT * FROM memberships WHERE committee_id = $1'),
    all('SELECT * FROM audit_entries WHERE committee_id = $1'),
  ]);
  return { proposals, decisions, assignments, replies, deadlines, events, forms, proposers, memberships, audit };
}

export interface Recount {
  summary: Record<string, number | null>;
  units: Map<string, Record<string, number | null>>;
  /** What each count counted, by figure key. */
  summaryLists: Record<string, string[]>;
  unitLists: Map<string, Record<string, string[]>>;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function recount(rows: Rows, sessionIds: readonly string[] | null, asOf: string, gradeCodes: readonly string[]): Recount {
  const end = Date.parse(`${plusDays(asOf, 1)}T00:00:00+08:00`);
  const by = (at: Date | null | undefined) => at !== null && at !== undefined && at.getTime() < end;

  const proposals = rows.proposals.filter((p) => sessionIds === null || sessionIds.includes(p.session_id));
  const inScope = new Set(proposals.map((p) => p.id));

  // The state of an assignment at the end of asOf.
  const deadlineOf = (a: Assignment) => rows.deadlines.find((d) => d.assignment_id === a.id && d.kind === (a.role === 'co' ? 'co_opinion' : 'reply'));
  const eventsOf = (deadline: Deadline | undefined) =>
    deadline ? rows.events.filter((e) => e.deadline_id === deadline.id).sort((x, y) => x.at.getTime() - y.at.getTime() || Number(x.id) - Number(y.id)) : [];
  const facts = new Map<string, { repliedOn: string | null; onTime: boolean; daysToReply: number | null; dueNow: string | null; overdueDays: number | null; waived: boolean }>();
  const active: Assignment[] = [];
  for (const a of rows.assignments) {
    if (!inScope.has(a.proposal_id) || a.status === 'reassigned' || !by(a.assigned_at)) continue;
    active.push(a);
    const firstReply = rows.replies.find((r) => r.assignment_id === a.id && r.round === 1);
    const sent = firstReply ? firstReply.dispatched_at : a.replied_at;
    const repliedOn = by(sent) ? chinaDate(sent as Date) : null;
    const events = eventsOf(deadlineOf(a));
    let heldTo: string | null = null;
    if (repliedOn && firstReply) {
      heldTo = firstReply.due;
      if (heldTo === null) {
        const inForce = events.filter((e) => e.at.getTime() <= (firstReply.dispatched_at as Date).getTime() && e.kind !== 'met' && e.kind !== 'cancelled');
        heldTo = inForce.length ? inForce[inForce.length - 1].to : null;
      }
    }
    const lastByThen = events.filter((e) => by(e.at)).at(-1);
    const dueNow = lastByThen && ['set', 'extended', 'recomputed', 'clock-resumed'].includes(lastByThen.kind) ? lastByThen.to : null;
    facts.set(a.id, {
      repliedOn,
      onTime: repliedOn !== null && heldTo !== null && repliedOn <= heldTo,
      daysToReply: repliedOn ? daysBetween(chinaDate(a.assigned_at), repliedOn) : null,
      dueNow,
      overdueDays: dueNow !== null && dueNow < asOf ? daysBetween(dueNow, asOf) : null,
      waived: by(a.waived_at),
    });
  }
  const fact = (a: Assignment) => facts.get(a.id) as NonNullable<ReturnType<typeof facts.get>>;

  // Each answering unit's latest answer sent by then, and each proposer's latest form on a unit's answers.
  const latestAnswer = new Map<string, Reply>();
  const latestForms = new Map<string, { form: Form; round: number; assignment: Assignment }>();
  const firstRoundForms: Array<{ form: Form; assignment: Assignment }> = [];
  for (const a of active) {
    if (a.role === 'co') continue;
    for (const reply of rows.replies.filter((r) => r.assignment_id === a.id)) {
      if (by(reply.dispatched_at) && (!latestAnswer.has(a.id) || (latestAnswer.get(a.id) as Reply).round < reply.round)) latestAnswer.set(a.id, reply);
      for (const form of rows.forms.filter((f) => f.reply_id === reply.id && by(f.created_at))) {
        const key = `${a.id}|${form.proposer_user_id}`;
        const seen = latestForms.get(key);
        if (!seen || seen.round < reply.round) latestForms.set(key, { form, round: reply.round, assignment: a });
        if (reply.round === 1) firstRoundForms.push({ form, assignment: a });
      }
    }
  }

  // Proposals.
  const lists: Record<string, string[]> = {};
  const put = (target: Record<string, string[]>, key: string, item: string) => (target[key] ??= []).push(item);
  let daysSum = 0;
  for (const p of proposals) {
    const decided = (outcome: string) => rows.decisions.some((d) => d.proposal_id === p.id && d.outcome === outcome && by(d.decided_at));
    const submitted = by(p.submitted_at);
    const filed = by(p.filed_at);
    if (submitted) put(lists, 'submitted', p.id);
    if (filed) put(lists, 'filed', p.id);
    if (decided('merged')) put(lists, 'merged', p.id);
    if (decided('to_opinion')) put(lists, 'toOpinion', p.id);
    if (decided('not_filed')) put(lists, 'notFiled', p.id);
    if (decided('withdrawn') && submitted) put(lists, 'withdrawn', p.id);
    const given = rows.assignments.filter((a) => a.proposal_id === p.id && by(a.assigned_at));
    if (given.length > 0) put(lists, 'assigned', p.id);
    const answering = active.filter((a) => a.proposal_id === p.id && a.role !== 'co');
    const replied = filed && answering.length > 0 && answering.every((a) => fact(a).repliedOn !== null);
    if (replied) {
      put(lists, 'replied', p.id);
      put(lists, answering.every((a) => fact(a).onTime) ? 'onTime' : 'late', p.id);
      const repliedOn = answering.map((a) => fact(a).repliedOn as string).sort().at(-1) as string;
      const firstGiven = given.map((a) => a.assigned_at.getTime()).sort((x, y) => x - y)[0];
      daysSum += daysBetween(chinaDate(new Date(firstGiven)), repliedOn);
    }
    if (rows.audit.some((e) => e.entity_id === p.id && e.action === 'proposal.rehandle' && by(e.at))) put(lists, 'rehandled', p.id);
  }
  const unitKey = (a: Assignment) => `${a.proposal_id}|${a.unit_id}`;
  const overdueDays: number[] = [];
  for (const a of active) {
    if (fact(a).overdueDays !== null) {
      put(lists, 'overdue', unitKey(a));
      overdueDays.push(fact(a).overdueDays as number);
    }
  }
  for (const [assignmentId, reply] of latestAnswer) {
    const a = active.find((x) => x.id === assignmentId) as Assignment;
    if (reply.grade !== null) {
      put(lists, 'graded', unitKey(a));
      put(lists, `grade${reply.grade}`, unitKey(a));
    }
  }
  const satisfactionKey: Record<string, string> = { satisfied: 'satisfied', basically_satisfied: 'basicallySatisfied', dissatisfied: 'dissatisfied' };
  for (const { form, assignment } of latestForms.values()) {
    put(lists, 'feedbackForms', `${unitKey(assignment)}|${form.proposer_user_id}`);
    put(lists, satisfactionKey[form.satisfaction], `${unitKey(assignment)}|${form.proposer_user_id}`);
  }
  for (const { form, assignment } of firstRoundForms) {
    put(lists, 'firstPassForms', `${unitKey(assignment)}|${form.proposer_user_id}`);
    if (form.satisfaction !== 'dissatisfied') put(lists, 'firstPassSatisfied', `${unitKey(assignment)}|${form.proposer_user_id}`);
  }
  const members = new Set(rows.memberships.filter((m) => m.role === 'member').map((m) => m.user_id));
  lists.members = [...members];
  const participants = new Set<string>();
  for (const pr of rows.proposers) {
    const p = proposals.find((x) => x.id === pr.proposal_id);
    if (p && by(p.submitted_at) && pr.via_proposal_id === null && members.has(pr.user_id)) participants.add(pr.user_id);
  }
  lists.participants = [...participants];

  const n = (key: string) => lists[key]?.length ?? 0;
  const summary: Record<string, number | null> = {};
  for (const key of ['submitted', 'filed', 'merged', 'toOpinion', 'notFiled', 'withdrawn', 'assigned', 'replied', 'onTime', 'late', 'overdue', 'rehandled', 'graded',
    'feedbackForms', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'firstPassForms', 'firstPassSatisfied', 'members', 'participants']) {
    summary[key] = n(key);
  }
  for (const code of gradeCodes) {
    summary[`grade${code}`] = n(`grade${code}`);
    summary[`grade${code}Share`] = ratio(n(`grade${code}`), n('graded'));
  }
  Object.assign(summary, {
    filingRate: ratio(n('filed'), n('submitted')),
    replyRate: ratio(n('replied'), n('filed')),
    onTimeRate: ratio(n('onTime'), n('filed')),
    avgDaysToReply: n('replied') ? daysSum / n('replied') : null,
    overdueMaxDays: overdueDays.length ? Math.max(...overdueDays) : null,
    satisfiedRate: ratio(n('satisfied'), n('feedbackForms')),
    basicallySatisfiedRate: ratio(n('basicallySatisfied'), n('feedbackForms')),
    firstPassRate: ratio(n('firstPassSatisfied'), n('firstPassForms')),
    participationRate: ratio(n('participants'), n('members')),
  });

  // Units: every unit with an assignment in the scope.
  const units = new Map<string, Record<string, number | null>>();
  const unitLists = new Map<string, Record<string, string[]>>();
  for (const unitId of new Set(active.map((a) => a.unit_id))) {
    const own = active.filter((a) => a.unit_id === unitId);
    const l: Record<string, string[]> = {};
    let sum = 0;
    const maxima: number[] = [];
    for (const a of own) {
      const f = fact(a);
      put(l, 'assignments', unitKey(a));
      put(l, a.role, unitKey(a));
      if (!f.waived) put(l, 'toReply', unitKey(a));
      if (f.repliedOn) {
        put(l, 'replied', unitKey(a));
        put(l, f.onTime ? 'onTime' : 'late', unitKey(a));
        sum += f.daysToReply as number;
      }
      if (f.overdueDays !== null) {
        put(l, 'overdue', unitKey(a));
        maxima.push(f.overdueDays);
      }
      const answer = latestAnswer.get(a.id);
      if (answer?.grade) {
        put(l, 'graded', unitKey(a));
        put(l, `grade${answer.grade}`, unitKey(a));
      }
    }
    for (const { form, assignment } of latestForms.values()) {
      if (assignment.unit_id !== unitId) continue;
      put(l, 'feedbackForms', `${unitKey(assignment)}|${form.proposer_user_id}`);
      put(l, satisfactionKey[form.satisfaction], `${unitKey(assignment)}|${form.proposer_user_id}`);
    }
    const u = (key: string) => l[key]?.length ?? 0;
    const line: Record<string, number | null> = {};
    for (const key of ['assignments', 'lead', 'co', 'separate', 'toReply', 'replied', 'onTime', 'late', 'overdue', 'graded', 'feedbackForms', 'satisfied', 'basicallySatisfied', 'dissatisfied']) {
      line[key] = u(key);
    }
    for (const code of gradeCodes) {
      line[`grade${code}`] = u(`grade${code}`);
      line[`grade${code}Share`] = ratio(u(`grade${code}`), u('graded'));
    }
    Object.assign(line, {
      replyRate: ratio(u('replied'), u('toReply')),
      onTimeRate: ratio(u('onTime'), u('toReply')),
      avgDaysToReply: u('replied') ? sum / u('replied') : null,
      overdueMaxDays: maxima.length ? Math.max(...maxima) : null,
      satisfiedRate: ratio(u('satisfied'), u('feedbackForms')),
      basicallySatisfiedRate: ratio(u('basicallySatisfied'), u('feedbackForms')),
    });
    units.set(unitId, line);
    unitLists.set(unitId, l);
  }
  return { summary, units, summaryLists: lists, unitLists };
}
