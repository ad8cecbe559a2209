/**
 * The proposals of one session and everything that happens to them, as the product's services would
 * have recorded it. Each proposal's whole course is drawn first (its "would-be" timeline: submitted,
 * reviewed, assigned, accepted, answered, rated, re-handled, closed), then cut at `asOf`: what lies
 * after it has not happened, so the rows show each record in the state it is in on that day — a
 * session of two years ago closed, this year's in handling, some of it overdue.
 *
 * The rules followed are the product's: numbers gap-free in filing order; a 会办意见 in (or waived)
 * before the lead answer goes to sign-off; a signer who wrote no version; document numbers per unit,
 * kind and year in sign-off order (given by {@link numberReplies}); feedback only on dispatched answers
 * and only by proposers; deadlines opened by the session's rules on the national calendar with the
 * product's explanation, met, moved and cancelled as the services do; 重新办理 sets the reply deadline
 * again in place and raises the round; 办结 closes the replied assignments and cancels what still runs.
 */
import { DEFAULT_REMINDER_PLAN, type DeadlineKind, type DeadlineRules, RULE_OF_KIND } from '#app/core';
import { fireAt, pointsFor } from '#app/reminders';
import { proposalNumberSeries, proposalSearchFields, searchLexemes } from '#app/proposals';
import { coOpinionTitle, DEFAULT_TEMPLATES, documentNumber, documentNumberSeries, fillTemplate, groupAddressee, replyAddressee, ReplyKind, replySearchFields, replyTitle } from '#app/replies';
import type { BinaryRows } from './binary-copy.js';
import type { CommitteeOrg, GeneratorContext, HandlingUnit, Person, Session } from './org.js';
import { replyBody, type TextComposer, type Topic, TOPICS, TOPICS_BY_FIELD, WORDS } from './texts.js';
import { at, type ComputedDeadline, DAY_MS, dayOf, isoDay, localDay, yearOf } from './time.js';

const HOUR = 3_600_000;
const NEVER = Number.POSITIVE_INFINITY;

type Outcome = 'filed' | 'merged' | 'to_opinion' | 'not_filed' | 'withdrawn';
type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

interface Invitation {
  person: Person;
  invitedAt: number;
  /** when they answered; NEVER when they did not (lapsed at submission) */
  respondedAt: number;
  accepted: boolean;
}

interface Skeleton {
  id: string;
  /** 案由, composed when the proposal is written */
  title: string;
  session: Session;
  topic: Topic;
  unit: HandlingUnit;
  keyword: string;
  lead: Person;
  group: { kind: string; name: string } | null;
  enteredBy: Person | null;
  invitations: Invitation[];
  cosignOpenAt: number;
  cosignDeadline: number;
  plenary: boolean;
  createdAt: number;
  submittedAt: number;
  startReviewAt: number;
  decidedAt: number;
  decidedBy: Person;
  outcome: Outcome;
  number: number | null;
  mergedInto: Skeleton | null;
  /** proposers of proposals merged into this one, joining at the merge (并案) */
  joined: Array<{ person: Person; via: Skeleton; at: number }>;
}

/** A step in a record's life: when, the status after it, and the audit action it writes. */
interface Step {
  at: number;
  status: string;
  action: string | null;
  actor: string | null;
  after?: Record<string, unknown>;
  round?: number;
}

interface DeadlineEvent {
  at: number;
  kind: 'set' | 'met' | 'cancelled' | 'extended';
  computed?: ComputedDeadline;
  to?: number;
  explanationJson?: string;
  reason: string | null;
  actor: string | null;
}

interface DeadlineRec {
  id: string;
  kind: DeadlineKind;
  events: DeadlineEvent[];
}

interface AssignmentRec {
  id: string;
  unit: HandlingUnit;
  role: 'lead' | 'co' | 'separate';
  assignedAt: number;
  assignedBy: Person;
  acceptedAt: number;
  steps: Step[];
  deadlines: Map<DeadlineKind, DeadlineRec>;
  rehandledAt: number;
  waivedAt: number;
  waivedBy: Person | null;
  waiverReason: string | null;
  repliedAt: number[];
}

/** A reply with its would-be times; its document number is given once the committee's replies are all known. */
export interface ReplyRec {
  id: string;
  proposalId: string;
  assignment: AssignmentRec;
  unit: HandlingUnit;
  kind: 'answer' | 'separate_answer' | 'co_opinion';
  round: number;
  title: string;
  addressee: string;
  opening: string;
  scaffold: string;
  body: string;
  contactUnitId: string;
  contactsJson: string;
  copyUnitIds: string[];
  drafter: Person;
  signer: Person;
  versions: number[];
  createdAt: number;
  submittedAt: number;
  signedAt: number;
  checkedAt: number;
  checkedBy: Person | null;
  checkNote: string | null;
  dispatchedAt: number;
  grade: string | null;
  checkedGrade: string | null;
  disclosure: string;
  disclosureNote: string | null;
  /** the governing due date at dispatch */
  dueDay: number;
  docNumber: string | null;
}

interface FeedbackRec {
  reply: ReplyRec;
  person: Person;
  at: number;
  satisfaction: Satisfaction;
  /** after the feedback window closed: only committee staff may record it (a paper form), recorded as late */
  late: boolean;
  /** recorded by committee staff from a paper form (纸质意见表) */
  paper: boolean;
}

const SATISFACTION_BY_GRADE: Readonly<Record<string, readonly number[]>> = {
  A: [0.87, 0.125, 0.005],
  B: [0.64, 0.33, 0.03],
  C: [0.42, 0.46, 0.12],
  D: [0.35, 0.45, 0.2],
};
const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const CONTACT_METHODS = ['face_to_face', 'phone', 'letter', 'other'];

/**
 * The audit entries written: "a handful per proposal" (about nine) — the proposal's own steps (created,
 * submitted, reviewed, filed or otherwise decided, assigned, replied, re-handled, closed), assignments
 * the committee changed or ended (调整, 免于会签, 重新办理), each reply signed off and each committee
 * check, each feedback form, extension, adjustment and consultation. Left out, though the product writes
 * them too: each assignment and reply created, drafts and edits, 签收, dispatch, the system's own
 * follow-on steps (in handling, assignment replied), contacts and every deadline event (those are in
 * deadline_events).
 */
const AUDITED_PROPOSAL_ACTIONS = new Set(['created', 'submit', 'start-review', 'file', 'merge', 'to-opinion', 'not-file', 'withdraw', 'deadline-rules-set', 'assign', 'reply', 'rehandle', 'close']);
// (plus proposal.rehandling-ordered, proposal.closed-without-feedback, feedback.submitted, follow-up.recorded,
// consultation.recorded, extension.* and adjustment.*, written where they happen)
const AUDITED_ASSIGNMENT_ACTIONS = new Set(['reassign', 'waive', 'rehandle']);

/** The deadlines each role of assignment opens (as AssigningService does). */
const DEADLINES_OF_ROLE: Readonly<Record<AssignmentRec['role'], readonly DeadlineKind[]>> = {
  lead: ['reply', 'adjustment_window', 'first_contact'],
  separate: ['reply', 'adjustment_window', 'first_contact'],
  co: ['co_opinion', 'adjustment_window'],
};

/** Generates a committee's proposals session by session, then numbers and writes its replies. */
export class ProposalGenerator {
  private readonly T: number;
  private readonly replies: ReplyRec[] = [];

  constructor(
    private readonly ctx: GeneratorContext,
    private readonly org: CommitteeOrg,
    private readonly composer: TextComposer,
  ) {
    this.T = ctx.asOf;
  }

  private get r() {
    return this.ctx.random;
  }

  /** Every proposal of a session; `tick` lets the event loop run (the COPY of the previous batch) now and then. */
  async session(session: Session, count: number, tick: () => Promise<void>): Promise<number> {
    const skeletons = this.skeletons(session, count);
    let filed = 0;
    for (const s of skeletons) if (s.number !== null) filed = Math.max(filed, s.number);
    if (filed > 0) this.ctx.tables.number_series.row().uuid(this.org.id).text(proposalNumberSeries(session.id)).int(filed);
    for (const s of skeletons) {
      this.proposal(s);
      await tick();
    }
    return skeletons.length;
  }

  // ————————————————————————————————————————— intake and review

  private skeletons(session: Session, count: number): Skeleton[] {
    const { r, T } = this;
    const { calendar } = this.ctx;
    const today = localDay(T);
    const interimEnd = Math.min(dayOf(`${session.year}-12-20`), today + 30);
    const list: Skeleton[] = [];
    for (let i = 0; i < count; i += 1) {
      const interimFrom = session.plenaryEnd + 10;
      const plenary = r.chance(0.8) || interimEnd <= interimFrom;
      const submittedDay = plenary ? r.int(session.plenaryStart, session.plenaryEnd) : interimFrom + Math.floor((interimEnd - interimFrom) * r.next());
      const submittedAt = at(submittedDay, r.int(8, 20), r.int(0, 59));
      let createdDay = submittedDay - (plenary ? r.int(2, 35) : r.int(0, 20));
      if (createdDay > today) createdDay = today - r.int(0, 5);
      let createdAt = at(createdDay, r.int(8, 22), r.int(0, 59));
      if (createdAt >= submittedAt) createdAt = submittedAt - r.int(1, 48) * HOUR;

      const topic = r.pick(TOPICS);
      const unit = this.org.unitByKey.get(topic.base.lead) ?? this.org.unitByKey.get('housing') ?? r.pick(this.org.units);
      const lead = this.member();
      const group = r.chance(0.03) ? r.pick(this.org.groups) : null;
      const invitations: Invitation[] = [];
      let cosignOpenAt = NEVER;
      let cosignDeadline = NEVER;
      if (!group && r.chance(0.3)) {
        cosignOpenAt = createdAt + r.int(1, 6) * HOUR;
        cosignDeadline = Math.min(cosignOpenAt + r.int(3, 10) * DAY_MS, submittedAt - 10 * 60_000);
        if (cosignDeadline > cosignOpenAt + HOUR) {
          const cosigners = 1 + r.weighted([40, 25, 15, 10, 10]);
          const extra = r.chance(0.3) ? r.int(1, 2) : 0;
          const people = new Map<string, Person>();
          while (people.size < cosigners + extra) {
            const p = this.member();
            if (p !== lead) people.set(p.id, p);
          }
          [...people.values()].forEach((person, k) => {
            const invitedAt = cosignOpenAt + k * 60_000;
            const respondedAt = invitedAt + Math.floor((cosignDeadline - invitedAt) * r.next());
            const accepted = k < cosigners;
            invitations.push({ person, invitedAt, accepted, respondedAt: accepted || r.chance(0.5) ? respondedAt : NEVER });
          });
        } else {
          cosignOpenAt = NEVER;
          cosignDeadline = NEVER;
        }
      }

      const roll = r.next();
      const outcome: Outcome = roll < 0.015 ? 'withdrawn' : roll < 0.05 ? 'not_filed' : roll < 0.09 ? 'to_opinion' : roll < 0.14 ? 'merged' : 'filed';
      const staff = r.pick(this.org.staff);
      let startReviewAt = plenary
        ? at(calendar.workday(Math.max(submittedDay + 1, session.plenaryEnd + r.int(0, 3))), r.int(9, 17))
        : at(calendar.addWorkdays(submittedDay, r.int(1, 5)), r.int(9, 17));
      let decidedAt = plenary
        ? at(calendar.workday(session.plenaryEnd + r.int(7, 25)), r.int(10, 17), r.int(0, 59))
        : at(calendar.addWorkdays(localDay(startReviewAt), r.int(2, 12)), r.int(10, 17), r.int(0, 59));
      if (decidedAt <= startReviewAt) decidedAt = startReviewAt + r.int(1, 5) * HOUR;
      let decidedBy = staff;
      if (outcome === 'withdrawn') {
        decidedAt = submittedAt + r.int(1, 10) * DAY_MS + r.int(0, 8) * HOUR;
        decidedBy = lead;
        if (decidedAt < startReviewAt) startReviewAt = NEVER;
      }
      list.push({
        id: this.ctx.ids.next(),
        title: '',
        session,
        topic,
        unit,
        keyword: r.pick(unit.remit),
        lead,
        group,
        enteredBy: r.chance(0.08) ? r.pick(this.org.staff) : null,
        invitations,
        cosignOpenAt,
        cosignDeadline,
        plenary,
        createdAt,
        submittedAt,
        startReviewAt,
        decidedAt,
        decidedBy,
        outcome,
        number: null,
        mergedInto: null,
        joined: [],
      });
    }
    // 立案 numbers follow the order of filing; 并案 goes into a proposal on the same matter filed shortly before.
    list.sort((a, b) => a.decidedAt - b.decidedAt);
    const filedByField = new Map<string, Skeleton[]>();
    let number = 0;
    for (const s of list) {
      if (s.decidedAt > T) continue;
      if (s.outcome === 'merged') {
        const candidates = (filedByField.get(s.topic.base.lead) ?? []).filter((t) => t.decidedAt >= s.decidedAt - 15 * DAY_MS && t.decidedAt < s.decidedAt);
        if (candidates.length > 0) {
          const target = r.pick(candidates);
          s.mergedInto = target;
          const already = new Set([target.lead.id, ...target.invitations.filter((i) => i.accepted).map((i) => i.person.id), ...target.joined.map((j) => j.person.id)]);
          for (const person of [s.lead, ...s.invitations.filter((i) => i.accepted).map((i) => i.person)]) {
            if (!already.has(person.id)) {
              already.add(person.id);
              target.joined.push({ person, via: s, at: s.decidedAt });
            }
          }
          continue;
        }
        s.outcome = 'filed';
      }
      if (s.outcome === 'filed') {
        s.number = ++number;
        const filed = filedByField.get(s.topic.base.lead);
        if (filed) filed.push(s);
        else filedByField.set(s.topic.base.lead, [s]);
      }
    }
    return list;
  }

  /**
   * The parts of a proposal's search document besides its title and body, as they stand at T and in the
   * order `refreshProposalSearch` reads them: proposers (lead first, then as they joined) and a group's
   * name; units given it and not taken off (lead first, then as given); dispatched answers as sent.
   */
  private searchParts(s: Skeleton, handling: Handling | null): { members: string[]; units: string[]; replies: string[] } {
    const { T } = this;
    const joined: Array<{ at: number; name: string }> = [];
    for (const inv of s.invitations) if (inv.accepted && inv.respondedAt <= T) joined.push({ at: inv.respondedAt, name: inv.person.name });
    for (const j of s.joined) if (j.at <= T) joined.push({ at: j.at, name: j.person.name });
    joined.sort((a, b) => a.at - b.at || byCodePoint(a.name, b.name));
    const members = [s.lead.name, ...joined.map((j) => j.name), ...(s.group ? [s.group.name] : [])];
    if (!handling) return { members, units: [], replies: [] };
    const units = handling.assignments
      .filter((a) => a.assignedAt <= T && !a.steps.some((step) => step.status === 'reassigned' && step.at <= T))
      .sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.assignedAt - b.assignedAt || byCodePoint(a.unit.name, b.unit.name))
      .map((a) => a.unit.name);
    const replies = handling.replies
      .filter((reply) => reply.kind !== 'co_opinion' && reply.dispatchedAt <= T)
      .sort((a, b) => a.dispatchedAt - b.dispatchedAt || byCodePoint(a.body, b.body))
      .map((reply) => reply.body);
    return { members, units, replies };
  }

  /** Members who propose more than others (a long tail, as in real committees). */
  private member(): Person {
    const members = this.org.members;
    return members[Math.floor(members.length * this.r.next() ** 1.8)];
  }

  // ————————————————————————————————————————— one proposal

  private proposal(s: Skeleton): void {
    const { r, T } = this;
    const { tables } = this.ctx;
    const committeeId = this.org.id;
    const field = TOPICS_BY_FIELD.get(s.topic.base.lead) ?? [s.topic];
    const title = this.composer.title(s.topic, field, s.unit.remit, r);
    s.title = title;
    const text = this.composer.body(s.topic, field, s.keyword, s.session.year, r);
    const parts = r.chance(0.25);

    const steps: Step[] = [{ at: s.createdAt, status: 'draft', action: 'created', actor: (s.enteredBy ?? s.lead).id, after: { title } }];
    if (s.cosignOpenAt !== NEVER) steps.push({ at: s.cosignOpenAt, status: 'cosigning', action: 'open-cosigning', actor: (s.enteredBy ?? s.lead).id });
    const kind = s.plenary ? 'plenary' : 'interim';
    steps.push({ at: s.submittedAt, status: 'submitted', action: 'submit', actor: (s.enteredBy ?? s.lead).id, after: { kind } });
    if (s.startReviewAt !== NEVER) steps.push({ at: s.startReviewAt, status: 'under_review', action: 'start-review', actor: r.pick(this.org.staff).id });
    const outcome = s.outcome === 'merged' && !s.mergedInto ? null : s.outcome;
    if (outcome) {
      const action = { filed: 'file', merged: 'merge', to_opinion: 'to-opinion', not_filed: 'not-file', withdrawn: 'withdraw' }[outcome];
      steps.push({ at: s.decidedAt, status: outcome, action, actor: s.decidedBy.id, after: s.number ? { number: s.number } : undefined });
    }

    let handling: Handling | null = null;
    if (s.outcome === 'filed' && s.number !== null) handling = this.handle(s, text.items, steps);

    // Materialize the proposal as it stands at T.
    steps.sort((a, b) => a.at - b.at);
    let status = 'draft';
    let version = 0;
    let updatedAt = s.createdAt;
    for (const step of steps) {
      if (step.at > T) break;
      const before = version === 0 ? null : { status, version };
      status = step.status;
      version += 1;
      updatedAt = step.at;
      if (step.action && AUDITED_PROPOSAL_ACTIONS.has(step.action)) {
        this.audit('proposal', s.id, `proposal.${step.action}`, step.actor, step.at, before, { status, version, ...step.after });
      }
    }
    const submitted = s.submittedAt <= T;
    const decided = s.decidedAt <= T;
    const assigned = handling !== null && handling.assignedAt <= T;
    const suggested = r.chance(0.35) ? [s.unit.id, ...(r.chance(0.3) ? [r.pick(this.org.units).id] : [])] : [];
    tables.proposals
      .row()
      .uuid(s.id)
      .int(version)
      .timestamp(s.createdAt)
      .timestamp(updatedAt)
      .uuid(committeeId)
      .uuid(s.session.id)
      .int(decided && s.number !== null ? s.number : null)
      .text(submitted ? kind : null)
      .text(title)
      .text(text.body)
      .text(s.topic.base.category)
      .text(status)
      .uuid(s.enteredBy?.id ?? null)
      .timestamp(submitted ? s.submittedAt : null)
      .timestamp(decided && s.number !== null ? s.decidedAt : null)
      .timestamp(handling && handling.closedAt <= T ? handling.closedAt : null)
      .jsonb(handling?.urgent && handling.rulesSetAt <= T ? '{"replyDue":{"amount":1,"unit":"calendar_months"}}' : null)
      .uuid(assigned && handling?.supervisor ? handling.supervisor.id : null)
      .text(parts ? text.analysis : null)
      .text(parts ? text.suggestions : null)
      .uuidArray([...new Set(suggested)])
      .text(s.group?.kind ?? null)
      .text(s.group?.name ?? null)
      .timestamp(s.cosignOpenAt <= T ? s.cosignDeadline : null)
      .uuid(decided && s.mergedInto ? s.mergedInto.id : null)
      .bool(assigned && handling !== null && handling.key)
      .bool(assigned && handling !== null && handling.urgent)
      .intArray(this.composer.titleTerms(title))
      .intArray(text.bodyTerms)
      .tsvector(searchLexemes(proposalSearchFields({ title, body: text.body, ...this.searchParts(s, handling) })));

    // Proposers: the lead, co-signers who accepted, and (并案) those who joined through a merged proposal.
    tables.proposers.row().uuid(this.ctx.ids.next()).uuid(s.id).uuid(s.lead.id).text('lead').timestamp(s.createdAt).uuid(null);
    for (const inv of s.invitations) {
      if (inv.accepted && inv.respondedAt <= T) tables.proposers.row().uuid(this.ctx.ids.next()).uuid(s.id).uuid(inv.person.id).text('co_signer').timestamp(inv.respondedAt).uuid(null);
    }
    for (const j of s.joined) {
      if (j.at <= T) tables.proposers.row().uuid(this.ctx.ids.next()).uuid(s.id).uuid(j.person.id).text('co_signer').timestamp(j.at).uuid(j.via.id);
    }
    for (const inv of s.invitations) {
      if (inv.invitedAt > T) continue;
      const answered = inv.respondedAt <= T;
      const lapsed = !answered && submitted;
      const invitationStatus = answered ? (inv.accepted ? 'accepted' : 'declined') : lapsed ? 'lapsed' : 'invited';
      tables.cosign_invitations
        .row()
        .uuid(this.ctx.ids.next())
        .uuid(s.id)
        .uuid(inv.person.id)
        .text(invitationStatus)
        .uuid((s.enteredBy ?? s.lead).id)
        .timestamp(inv.invitedAt)
        .timestamp(answered ? inv.respondedAt : lapsed ? s.submittedAt : null)
        .timestamp(inv.invitedAt);
    }
    if (outcome && decided) {
      const reasonCode = outcome === 'not_filed' ? r.pick(['no-suggestion', 'litigation', 'multiple-matters', 'other']) : null;
      const reasonText =
        outcome === 'merged' ? r.pick(WORDS.merge)
          : outcome === 'to_opinion' ? r.pick(WORDS.toOpinion)
            : outcome === 'withdrawn' ? r.pick(WORDS.withdraw)
              : outcome === 'not_filed' && (reasonCode === 'other' || r.chance(0.3)) ? r.pick(WORDS.notFiled)
                : null;
      tables.review_decisions
        .row()
        .uuid(this.ctx.ids.next())
        .uuid(s.id)
        .text(outcome)
        .text(reasonCode)
        .text(reasonText)
        .uuid(s.mergedInto?.id ?? null)
        .uuid(s.decidedBy.id)
        .timestamp(s.decidedAt);
    }
  }

  // ————————————————————————————————————————— handling (交办 to 办结)

  private handle(s: Skeleton, items: readonly string[], steps: Step[]): Handling {
    const { r } = this;
    const { calendar } = this.ctx;
    const staff = r.pick(this.org.staff);
    const session = s.session;
    const urgent = r.chance(0.02);
    const key = r.chance(0.04);
    const supervisor = key && r.chance(0.8) ? r.pick(this.org.chairs) : null;
    const rules: DeadlineRules = urgent ? { ...session.rules, replyDue: { amount: 1, unit: 'calendar_months' } } : session.rules;
    const filedDay = localDay(s.decidedAt);
    const assignedAt =
      s.plenary && r.chance(0.85) && session.assignMeeting > filedDay
        ? at(session.assignMeeting, 9, 30)
        : at(calendar.addWorkdays(filedDay, r.int(2, 12)), r.int(9, 16), r.int(0, 59));
    const firstReply = this.replies.length;
    const handling: Handling = { assignedAt, urgent, key, supervisor, rulesSetAt: NEVER, closedAt: NEVER, assignments: [], replies: [] };
    if (urgent) {
      handling.rulesSetAt = Math.min(s.decidedAt + r.int(1, 20) * HOUR, assignedAt - 60_000);
      steps.push({ at: handling.rulesSetAt, status: 'filed', action: 'deadline-rules-set', actor: staff.id, after: { deadlineRules: { replyDue: { amount: 1, unit: 'calendar_months' } } } });
    }
    steps.push({ at: assignedAt, status: 'assigned', action: 'assign', actor: staff.id, after: { key, urgent, supervisorUserId: supervisor?.id ?? null } });

    // 主办 (with 会办) or 分办.
    const lead = s.unit;
    const others = this.org.units.filter((u) => u !== lead);
    const plan: Array<{ unit: HandlingUnit; role: AssignmentRec['role'] }> = [];
    if (r.chance(0.03)) {
      plan.push({ unit: lead, role: 'separate' }, { unit: r.pick(others), role: 'separate' });
    } else {
      plan.push({ unit: lead, role: 'lead' });
      let co = s.topic.base.co.map((k) => this.org.unitByKey.get(k)).filter((u): u is HandlingUnit => u !== undefined && u !== lead);
      if (r.chance(0.2)) co = [];
      if (r.chance(0.15)) co.push(r.pick(others));
      for (const unit of [...new Set(co)].slice(0, 2)) plan.push({ unit, role: 'co' });
    }
    const taken = new Set(plan.map((p) => p.unit));
    const active: AssignmentRec[] = [];
    const all: AssignmentRec[] = [];
    for (const { unit, role } of plan) {
      let a = this.openAssignment(unit, role, assignedAt, staff, rules);
      all.push(a);
      // 申请调整: a few units ask, within the window, to be relieved; the committee mostly agrees and names another unit.
      if (role !== 'co' && r.chance(0.03)) {
        const windowDue = (a.deadlines.get('adjustment_window')?.events[0].computed as ComputedDeadline).due;
        const requestedAt = at(Math.min(calendar.addWorkdays(localDay(assignedAt), r.int(1, 3)), windowDue), r.int(9, 16), r.int(0, 59));
        const decidedAt = at(calendar.addWorkdays(localDay(requestedAt), r.int(1, 3)), r.int(9, 17), r.int(0, 59));
        const free = this.org.units.filter((u) => !taken.has(u));
        const replacement = free.length > 0 ? r.pick(free) : null;
        const approved = replacement !== null && r.chance(0.7);
        let successor: AssignmentRec | null = null;
        if (approved && replacement) {
          taken.add(replacement);
          a.acceptedAt = NEVER;
          a.steps.push({ at: decidedAt, status: 'reassigned', action: 'reassign', actor: staff.id });
          for (const d of a.deadlines.values()) d.events.push({ at: decidedAt, kind: 'cancelled', reason: null, actor: staff.id });
          successor = this.openAssignment(replacement, role, decidedAt, staff, rules);
          all.push(successor);
        }
        this.adjustment(a, r.pick(unit.drafters), requestedAt, decidedAt, approved, staff, successor, replacement);
        if (successor) a = successor;
        else a.acceptedAt = Math.max(a.acceptedAt, decidedAt + HOUR);
      }
      active.push(a);
    }

    // 签收, and the proposal in handling once its lead (or first 分办) unit has accepted.
    let handlingFrom = NEVER;
    for (const a of active) {
      const drafter = r.pick(a.unit.drafters);
      a.steps.push({ at: a.acceptedAt, status: 'accepted', action: 'accept', actor: drafter.id });
      this.end(a, 'adjustment_window', 'met', a.acceptedAt, drafter.id);
      if (a.role !== 'co') handlingFrom = Math.min(handlingFrom, a.acceptedAt);
      if (a.role !== 'co' && r.chance(0.85)) {
        const contactedAt = at(calendar.addWorkdays(localDay(a.acceptedAt), r.int(2, 22)), r.int(9, 17), r.int(0, 59));
        this.end(a, 'first_contact', 'met', contactedAt, drafter.id);
      }
    }
    steps.push({ at: handlingFrom, status: 'in_handling', action: 'start-handling', actor: null });

    // 会办意见 first (or waived): the lead answer goes to sign-off only after them (会签).
    let gate = assignedAt;
    for (const c of active.filter((a) => a.role === 'co')) {
      if (r.chance(0.03)) {
        c.waivedAt = at(calendar.workday(localDay(c.assignedAt) + r.int(20, 40)), r.int(9, 17));
        c.waivedBy = staff;
        c.waiverReason = r.pick(WORDS.waiver);
        if (c.acceptedAt >= c.waivedAt) {
          c.steps = c.steps.filter((step) => step.status !== 'accepted');
          c.acceptedAt = NEVER;
        }
        c.steps.push({ at: c.waivedAt, status: 'closed', action: 'waive', actor: staff.id });
        for (const d of c.deadlines.values()) d.events.push({ at: c.waivedAt, kind: 'cancelled', reason: null, actor: staff.id });
        gate = Math.max(gate, c.waivedAt);
        continue;
      }
      const opinion = this.reply(s, c, 'co_opinion', 1, c.acceptedAt, c.acceptedAt, this.dueOf(c, 'co_opinion'), items, active);
      this.dispatched(c, opinion, 'co_opinion');
      gate = Math.max(gate, opinion.dispatchedAt);
    }

    // The answers: the lead unit's (after 会签), or each 分办 unit's; the proposal is replied with the last.
    const answers: ReplyRec[] = [];
    for (const a of active.filter((x) => x.role !== 'co')) {
      const kind = a.role === 'lead' ? 'answer' : 'separate_answer';
      const extendedAt = this.extension(a, staff);
      const answer = this.reply(s, a, kind, 1, Math.max(a.acceptedAt, extendedAt), a.role === 'lead' ? gate : a.acceptedAt, this.dueOf(a, 'reply'), items, active);
      this.dispatched(a, answer, kind, active);
      answers.push(answer);
    }
    const repliedAt = Math.max(...answers.map((x) => x.dispatchedAt));
    steps.push({ at: repliedAt, status: 'replied', action: 'reply', actor: null });

    // 征询意见: proposers rate each answer, once the proposal is replied.
    const proposers = [s.lead, ...s.invitations.filter((i) => i.accepted).map((i) => i.person), ...s.joined.map((j) => j.person)];
    let feedback: FeedbackRec[] = answers.flatMap((answer) => this.rate(answer, proposers, s.joined.length, rules, 1, repliedAt));

    // 不满意 with the lead answer: the committee may order 重新办理 (round 2), and after a second 不满意 a 当面协商.
    const finalAnswers = [...answers];
    let closeAfter = repliedAt;
    const leadAnswer = answers.find((x) => x.kind === 'answer');
    const leadRating = leadAnswer && feedback.find((f) => f.reply === leadAnswer && f.person === s.lead);
    if (leadAnswer && leadRating?.satisfaction === 'dissatisfied' && r.chance(0.6)) {
      const a = leadAnswer.assignment;
      const orderedAt = at(calendar.addWorkdays(localDay(leadRating.at), r.int(3, 15)), 10, r.int(0, 59));
      const reason = r.pick(WORDS.rehandle);
      feedback = feedback.filter((f) => f.at < orderedAt); // no feedback while it is being handled again
      steps.push({ at: orderedAt, status: 'rehandling', action: 'rehandle', actor: staff.id });
      this.audit('proposal', s.id, 'proposal.rehandling-ordered', staff.id, orderedAt, null, { reason, assignmentIds: [a.id], dueDate: null });
      a.rehandledAt = orderedAt;
      a.steps.push({ at: orderedAt, status: 'accepted', action: 'rehandle', actor: staff.id, round: 2 });
      this.end(a, 'feedback', 'cancelled', orderedAt, staff.id);
      const computed = calendar.deadline('rehandling', rules.rehandling, localDay(orderedAt));
      (a.deadlines.get('reply') as DeadlineRec).events.push({ at: orderedAt, kind: 'set', computed, reason: `重新办理：${reason}`, actor: staff.id });
      const second = this.reply(s, a, 'answer', 2, orderedAt, orderedAt, computed.due, items, active);
      this.dispatched(a, second, 'answer', active);
      steps.push({ at: second.dispatchedAt, status: 'replied', action: 'reply', actor: null });
      finalAnswers.splice(finalAnswers.indexOf(leadAnswer), 1, second);
      const again = this.rate(second, proposers, s.joined.length, rules, 2, second.dispatchedAt);
      feedback.push(...again);
      closeAfter = second.dispatchedAt;
      // Still 不满意 (any proposer) after re-handling: 当面协商, which closing waits for.
      const stillDissatisfied = again.filter((f) => f.satisfaction === 'dissatisfied');
      if (stillDissatisfied.length > 0) {
        const heldOn = calendar.workday(localDay(Math.max(...stillDissatisfied.map((f) => f.at))) + r.int(7, 30));
        const recordedAt = at(heldOn + r.int(0, 2), 16, r.int(0, 59));
        this.consultation(s, a, heldOn, recordedAt, staff);
        closeAfter = Math.max(closeAfter, recordedAt);
      }
    }

    // 办结: once the lead proposer has rated every final answer, or once their feedback windows have passed.
    const leadRatings = finalAnswers.map((x) => feedback.find((f) => f.reply === x && f.person === s.lead));
    const closeFrom = leadRatings.every((f) => f !== undefined)
      ? Math.max(closeAfter, ...leadRatings.map((f) => (f as FeedbackRec).at))
      : Math.max(closeAfter, ...finalAnswers.map((x) => at(this.dueOf(x.assignment, 'feedback') + 1, 9)));
    if (r.chance(0.97)) {
      const closedAt = at(calendar.addWorkdays(localDay(closeFrom), r.int(2, 20)), r.int(9, 17), r.int(0, 59));
      handling.closedAt = closedAt;
      feedback = feedback.filter((f) => f.at < closedAt); // feedback is taken while the proposal is replied
      steps.push({ at: closedAt, status: 'closed', action: 'close', actor: staff.id });
      if (!finalAnswers.every((x) => feedback.some((f) => f.reply === x && f.person === s.lead))) {
        this.audit('proposal', s.id, 'proposal.closed-without-feedback', staff.id, closedAt, null, { reason: 'the feedback window passed without the lead proposer’s feedback' });
      }
      for (const a of all) {
        if (a.acceptedAt === NEVER || a.waivedAt !== NEVER) continue; // reassigned or waived: ended before

        a.steps.push({ at: closedAt, status: 'closed', action: 'close', actor: staff.id });
        for (const d of a.deadlines.values()) d.events.push({ at: closedAt, kind: 'cancelled', reason: null, actor: staff.id });
      }
    }
    // A feedback window is met once every proposer has rated the answer.
    for (const answer of [...answers, ...finalAnswers.filter((x) => !answers.includes(x))]) {
      const ratings = feedback.filter((f) => f.reply === answer);
      if (ratings.length === proposers.length) this.end(answer.assignment, 'feedback', 'met', Math.max(...ratings.map((f) => f.at)), null);
    }

    for (const a of all) this.writeAssignment(s, a);
    for (const f of feedback) this.writeFeedback(s, f);
    handling.assignments = all;
    handling.replies = this.replies.slice(firstReply);
    return handling;
  }

  private openAssignment(unit: HandlingUnit, role: AssignmentRec['role'], assignedAt: number, by: Person, rules: DeadlineRules): AssignmentRec {
    const { r } = this;
    const { calendar } = this.ctx;
    const a: AssignmentRec = {
      id: this.ctx.ids.next(),
      unit,
      role,
      assignedAt,
      assignedBy: by,
      acceptedAt: at(calendar.addWorkdays(localDay(assignedAt), r.int(0, 3)), r.int(9, 17), r.int(0, 59)),
      steps: [{ at: assignedAt, status: 'assigned', action: 'created', actor: by.id }],
      deadlines: new Map(),
      rehandledAt: NEVER,
      waivedAt: NEVER,
      waivedBy: null,
      waiverReason: null,
      repliedAt: [],
    };
    if (a.acceptedAt <= assignedAt) a.acceptedAt = assignedAt + r.int(1, 6) * HOUR;
    for (const kind of DEADLINES_OF_ROLE[role]) {
      const computed = calendar.deadline(kind, rules[RULE_OF_KIND[kind]], localDay(assignedAt));
      a.deadlines.set(kind, { id: this.ctx.ids.next(), kind, events: [{ at: assignedAt, kind: 'set', computed, reason: null, actor: by.id }] });
    }
    return a;
  }

  /** The due day a deadline has in its latest would-be state. */
  private dueOf(a: AssignmentRec, kind: DeadlineKind): number {
    const d = a.deadlines.get(kind);
    if (!d) throw new Error(`assignment has no ${kind} deadline`);
    let due = 0;
    for (const e of d.events) {
      if (e.kind === 'set') due = (e.computed as ComputedDeadline).due;
      if (e.kind === 'extended') due = e.to as number;
    }
    return due;
  }

  private end(a: AssignmentRec, kind: DeadlineKind, how: 'met' | 'cancelled', when: number, actor: string | null): void {
    a.deadlines.get(kind)?.events.push({ at: when, kind: how, reason: null, actor });
  }

  /** 延期: a few units ask for more time before the reply is due; most are granted. Returns when it was decided (0: not asked). */
  private extension(a: AssignmentRec, staff: Person): number {
    const { r } = this;
    const { calendar } = this.ctx;
    if (!r.chance(0.03)) return 0;
    const due = this.dueOf(a, 'reply');
    const requestDay = calendar.workday(Math.max(localDay(a.acceptedAt) + 5, due - r.int(5, 25)));
    if (requestDay >= due) return 0;
    const requestedAt = at(requestDay, r.int(9, 17), r.int(0, 59));
    const decidedAt = at(calendar.addWorkdays(requestDay, r.int(1, 4)), r.int(9, 17), r.int(0, 59));
    const requestedDue = due + r.int(15, 45);
    const approved = r.chance(0.75);
    const reason = r.pick(WORDS.extension);
    const drafter = r.pick(a.unit.drafters);
    const id = this.ctx.ids.next();
    const decided = decidedAt <= this.T;
    if (requestedAt <= this.T) {
      const note = approved ? `批准延期至${isoDay(requestedDue)}` : '办理期限内可以完成，请抓紧办理';
      const status = decisionStatus(decided, approved);
      this.requestRow(this.ctx.tables.extension_requests, id, a, requestedAt, decidedAt)
        .date(requestedDue)
        .text(reason)
        .text(status)
        .uuid(drafter.id)
        .uuid(decided ? staff.id : null)
        .timestamp(decided ? decidedAt : null)
        .text(decided ? note : null);
      this.audit('extension', id, 'extension.requested', drafter.id, requestedAt, null, { assignmentId: a.id, from: isoDay(due), requestedDueDate: isoDay(requestedDue), reason });
      if (decided) this.audit('extension', id, `extension.${status}`, staff.id, decidedAt, { status: 'pending' }, { status, note });
    }
    if (approved) {
      const d = a.deadlines.get('reply') as DeadlineRec;
      const computed = d.events[0].computed as ComputedDeadline;
      const explanation = { ...computed.explanation, unit: 'given', due: isoDay(requestedDue), steps: [...computed.explanation.steps, `延期：${isoDay(due)} → ${isoDay(requestedDue)}（${reason}）`] };
      d.events.push({ at: decidedAt, kind: 'extended', to: requestedDue, explanationJson: JSON.stringify(explanation), reason, actor: staff.id });
    }
    return decidedAt;
  }

  // ————————————————————————————————————————— replies

  /**
   * A reply's would-be course: drafted after `earliest`, sent to sign-off and signed after `gate` (the
   * co-units' opinions), dispatched mostly by its due day, some late.
   */
  private reply(
    s: Skeleton,
    a: AssignmentRec,
    kind: ReplyRec['kind'],
    round: number,
    earliest: number,
    gate: number,
    dueDay: number,
    items: readonly string[],
    active: readonly AssignmentRec[],
  ): ReplyRec {
    const { r } = this;
    const { calendar } = this.ctx;
    const startDay = localDay(earliest);
    const onTime = r.chance(kind === 'co_opinion' ? 0.85 : round === 1 ? 0.88 : 0.92);
    let low = startDay + (kind === 'co_opinion' ? 5 : 15);
    if (low > dueDay) low = startDay + 1;
    // On time: mostly close to the due day. Late: a long tail (median ~5 weeks, some over four months).
    let day = onTime ? low + Math.floor(Math.max(0, dueDay - low) * (1 - r.next() ** 2)) : dueDay + 1 + Math.floor(150 * r.next() ** 2);
    day = Math.max(day, localDay(gate) + 1);
    let dispatchedAt = at(calendar.workday(day), r.int(9, 17), r.int(0, 59));
    let signedAt = Math.max(dispatchedAt - r.int(0, 2) * DAY_MS - r.int(0, 4) * HOUR, gate + HOUR, earliest + DAY_MS);
    if (dispatchedAt < signedAt + 30 * 60_000) dispatchedAt = signedAt + r.int(30, 180) * 60_000;
    const submittedAt = Math.max(signedAt - r.int(1, 60) * HOUR, gate + 10 * 60_000, earliest + 2 * HOUR);
    if (submittedAt >= signedAt) signedAt = submittedAt + r.int(1, 4) * HOUR;
    if (dispatchedAt < signedAt + 30 * 60_000) dispatchedAt = signedAt + r.int(30, 180) * 60_000;
    const createdAt = Math.min(Math.max(submittedAt - r.int(1, 25) * DAY_MS, earliest + HOUR), submittedAt - 10 * 60_000);
    const versions = [createdAt];
    const extra = r.weighted([75, 20, 5]);
    for (let v = 1; v <= extra; v += 1) versions.push(createdAt + Math.floor(((submittedAt - createdAt) * v) / (extra + 1)));
    const grade = kind === 'co_opinion' ? null : this.grade();
    const checked = kind !== 'co_opinion' && round === 1 && r.chance(0.2) && dispatchedAt - signedAt > 20 * 60_000;
    const checkedAt = checked ? signedAt + Math.floor((dispatchedAt - signedAt) * (0.2 + 0.6 * r.next())) : NEVER;
    const checkedGrade = checked && grade && r.chance(0.06) ? this.neighbour(grade) : grade;

    const session = s.session;
    const drafter = r.pick(a.unit.drafters);
    const memberName = s.group?.name ?? s.lead.name;
    const leadUnit = active.find((x) => x.role === 'lead')?.unit;
    const template = DEFAULT_TEMPLATES[kind as ReplyKind];
    const opening = fillTemplate(template.opening, {
      proposalTitle: s.title,
      proposalNumber: String(s.number),
      memberName: kind === 'co_opinion' ? '' : memberName,
      unitName: a.unit.name,
      workArea: a.unit.workArea,
    });
    const contacts = r.sample(a.unit.drafters, r.int(1, 2)).map((p) => ({ name: p.name, phone: p.phone ?? '' }));
    const disclosureRoll = r.next();
    const disclosure = kind === 'co_opinion' ? 'none' : disclosureRoll < 0.7 ? 'full' : disclosureRoll < 0.9 ? 'summary' : 'none';
    const disclosureNote =
      kind === 'co_opinion' ? WORDS.coOpinionDisclosure : disclosure === 'summary' ? r.pick(WORDS.disclosureSummary) : disclosure === 'none' ? r.pick(WORDS.disclosureNone) : null;
    const reply: ReplyRec = {
      id: this.ctx.ids.next(),
      proposalId: s.id,
      assignment: a,
      unit: a.unit,
      kind,
      round,
      title: kind === 'co_opinion' ? coOpinionTitle(session.name, s.number as number) : replyTitle(session.name, s.number as number),
      addressee: kind === 'co_opinion' ? `${leadUnit?.name ?? '主办单位'}：` : s.group ? groupAddressee(s.group.name) : replyAddressee(memberName),
      opening,
      scaffold: template.scaffold,
      body: replyBody(kind === 'co_opinion' ? 'co_opinion' : 'answer', a.unit, items, checkedGrade, this.org.place, yearOf(localDay(signedAt)), r),
      contactUnitId: a.unit.sectionId && r.chance(0.6) ? a.unit.sectionId : a.unit.id,
      contactsJson: JSON.stringify(contacts),
      copyUnitIds: kind === 'co_opinion' ? [] : session.copyUnitIds,
      drafter,
      signer: r.pick(a.unit.leaders),
      versions,
      createdAt,
      submittedAt,
      signedAt,
      checkedAt,
      checkedBy: checked ? r.pick(this.org.staff) : null,
      checkNote: checked ? r.pick(WORDS.check) : null,
      dispatchedAt,
      grade,
      checkedGrade,
      disclosure,
      disclosureNote,
      dueDay,
      docNumber: null,
    };
    this.replies.push(reply);
    return reply;
  }

  private grade(): string {
    const weights = this.org.grades.length === 4 ? [50, 33, 12, 5] : [55, 33, 12];
    return this.org.grades[this.r.weighted(weights)];
  }

  private neighbour(grade: string): string {
    const i = this.org.grades.indexOf(grade);
    return this.org.grades[i === 0 ? 1 : i - 1];
  }

  /** What dispatch does to the assignment: replied, its deadline met, copies sent, the feedback window open, a B/C follow-up. */
  private dispatched(a: AssignmentRec, reply: ReplyRec, kind: ReplyRec['kind'], active: readonly AssignmentRec[] = []): void {
    const { r, T } = this;
    const when = reply.dispatchedAt;
    a.repliedAt.push(when);
    a.steps.push({ at: when, status: 'replied', action: 'reply', actor: reply.signer.id });
    this.end(a, kind === 'co_opinion' ? 'co_opinion' : 'reply', 'met', when, reply.signer.id);
    if (when > T) return;
    const copies = [...reply.copyUnitIds, ...(kind === 'answer' ? active.filter((x) => x.role === 'co').map((x) => x.unit.id) : [])];
    for (const unitId of copies) {
      const readAt = r.chance(0.7) ? when + r.int(1, 240) * HOUR : NEVER;
      this.ctx.tables.reply_copies.row().uuid(this.ctx.ids.next()).uuid(reply.id).uuid(unitId).timestamp(when).timestamp(readAt <= T ? readAt : null);
    }
  }

  /**
   * 征询意见: the feedback window opens at dispatch; once the proposal is replied (`opensAt`) the lead
   * proposer mostly rates the answer, co-signers and those who joined through 并案 sometimes.
   */
  private rate(reply: ReplyRec, proposers: readonly Person[], joined: number, rules: DeadlineRules, round: number, opensAt: number): FeedbackRec[] {
    const { r } = this;
    const a = reply.assignment;
    const computed = this.ctx.calendar.deadline('feedback', rules.feedbackWindow, localDay(reply.dispatchedAt));
    const event: DeadlineEvent = { at: reply.dispatchedAt, kind: 'set', computed, reason: null, actor: reply.signer.id };
    const existing = a.deadlines.get('feedback');
    if (existing) existing.events.push(event); // set again in place for a second answer
    else a.deadlines.set('feedback', { id: this.ctx.ids.next(), kind: 'feedback', events: [event] });
    const grade = reply.checkedGrade ?? 'B';
    const weights = round === 1 ? (SATISFACTION_BY_GRADE[grade] ?? SATISFACTION_BY_GRADE.B) : [0.45, 0.43, 0.12];
    const out: FeedbackRec[] = [];
    proposers.forEach((person, i) => {
      const chance = i === 0 ? (round === 1 ? 0.88 : 0.95) : i >= proposers.length - joined ? 0.2 : 0.35;
      if (!r.chance(chance)) return;
      const when = Math.max(reply.dispatchedAt, opensAt) + r.int(1, 20) * DAY_MS + r.int(-4, 6) * HOUR;
      // Members answer within the window (征询意见期限); a form that comes later is recorded by staff, as late.
      const late = localDay(when) > computed.due;
      out.push({ reply, person, at: when, satisfaction: SATISFACTIONS[r.weighted(weights)], late, paper: late || r.chance(0.12) });
    });
    // 跟踪办理: an answer graded anything but the first grade (A, 已解决) is revisited for its second result.
    if (reply.checkedGrade !== null && reply.checkedGrade !== this.org.grades[0]) this.followUp(reply, rules);
    return out;
  }

  private followUp(reply: ReplyRec, rules: DeadlineRules): void {
    const { r, T } = this;
    if (reply.dispatchedAt > T) return;
    const due = this.ctx.calendar.deadline('followUp', rules.followUp, localDay(reply.dispatchedAt)).due;
    const recordedAt = r.chance(0.9) ? at(this.ctx.calendar.workday(due - r.int(0, 40)), r.int(9, 17), r.int(0, 59)) : NEVER;
    const done = recordedAt <= T && recordedAt > reply.dispatchedAt;
    const grades = this.org.grades;
    const first = grades.indexOf(reply.checkedGrade as string);
    const better = grades[r.chance(0.55) ? first - 1 : first];
    const recorder = r.pick(reply.unit.drafters);
    const id = this.ctx.ids.next();
    if (done) this.audit('follow-up', id, 'follow-up.recorded', recorder.id, recordedAt, { status: 'open', grade: reply.checkedGrade }, { status: 'done', grade: better });
    this.whereFrom(this.ctx.tables.follow_ups.row().uuid(id), reply)
      .uuid(reply.id)
      .text(reply.checkedGrade)
      .date(due)
      .text(done ? 'done' : 'open')
      .text(done ? better : null)
      .text(done ? r.pick(WORDS.followUpResult) : null)
      .uuid(done ? recorder.id : null)
      .timestamp(done ? recordedAt : null)
      .timestamp(reply.dispatchedAt);
  }

  private consultation(s: Skeleton, a: AssignmentRec, heldOn: number, recordedAt: number, staff: Person): void {
    const { r, T } = this;
    if (recordedAt > T) return;
    const id = this.ctx.ids.next();
    const outcome = ['agreed', 'explained', 'disagreed'][r.weighted([50, 35, 15])];
    this.ctx.tables.consultations
      .row()
      .uuid(id)
      .uuid(this.org.id)
      .uuid(s.id)
      .uuid(a.id)
      .date(heldOn)
      .text(`${this.org.place.committeeName}提案委员会会议室`)
      .text(`${s.lead.name}委员，${a.unit.name}负责同志，提案委工作人员${staff.name}`)
      .text(outcome)
      .text(r.pick(WORDS.consultation))
      .uuid(staff.id)
      .timestamp(recordedAt);
    this.audit('consultation', id, 'consultation.recorded', staff.id, recordedAt, null, { proposalId: s.id, assignmentId: a.id, outcome });
  }

  private adjustment(
    a: AssignmentRec,
    requester: Person,
    requestedAt: number,
    decidedAt: number,
    approved: boolean,
    staff: Person,
    successor: AssignmentRec | null,
    replacement: HandlingUnit | null,
  ): void {
    const { r, T } = this;
    if (requestedAt > T) return;
    const id = this.ctx.ids.next();
    const decided = decidedAt <= T;
    const status = decisionStatus(decided, approved);
    const reason = r.pick(WORDS.adjustment);
    const suggested = replacement && r.chance(0.5) ? [replacement.id] : [];
    this.requestRow(this.ctx.tables.adjustment_requests, id, a, requestedAt, decidedAt)
      .text(reason)
      .uuidArray(suggested)
      .text(status)
      .uuid(requester.id)
      .timestamp(requestedAt)
      .uuid(decided ? staff.id : null)
      .timestamp(decided ? decidedAt : null)
      .text(decided ? (approved ? `同意调整，改由${replacement?.name ?? ''}办理` : '经研究，该提案仍由你单位办理') : null)
      .uuid(decided && successor ? successor.id : null);
    this.audit('adjustment', id, 'adjustment.requested', requester.id, requestedAt, null, { assignmentId: a.id, reason, suggestedUnitIds: suggested });
    if (decided) this.audit('adjustment', id, `adjustment.${status}`, staff.id, decidedAt, { status: 'pending' }, { status, newAssignmentId: successor?.id ?? null });
  }

  /** A reply's committee, proposal, assignment and unit, in that column order (replies, follow-ups). */
  private whereFrom(rows: BinaryRows, reply: ReplyRec): BinaryRows {
    return rows.uuid(this.org.id).uuid(reply.proposalId).uuid(reply.assignment.id).uuid(reply.unit.id);
  }

  /** The first columns of a unit's request the committee decides (延期, 申请调整): id, version, times, committee, assignment. */
  private requestRow(rows: BinaryRows, id: string, a: AssignmentRec, requestedAt: number, decidedAt: number): BinaryRows {
    const decided = decidedAt <= this.T;
    return rows
      .row()
      .uuid(id)
      .int(decided ? 2 : 1)
      .timestamp(requestedAt)
      .timestamp(decided ? decidedAt : requestedAt)
      .uuid(this.org.id)
      .uuid(a.id);
  }

  // ————————————————————————————————————————— rows as they stand at T

  private writeAssignment(s: Skeleton, a: AssignmentRec): void {
    const { T } = this;
    const { tables, ids } = this.ctx;
    if (a.assignedAt > T) return;
    a.steps.sort((x, y) => x.at - y.at);
    let status = 'assigned';
    let version = 0;
    let round = 1;
    let updatedAt = a.assignedAt;
    for (const step of a.steps) {
      if (step.at > T) break;
      status = step.status;
      version += 1;
      updatedAt = step.at;
      if (step.round) round = step.round;
      if (step.action && AUDITED_ASSIGNMENT_ACTIONS.has(step.action)) {
        this.audit('assignment', a.id, `assignment.${step.action}`, step.actor, step.at, null, { status: step.status });
      }
    }
    // 重新办理 clears replied_at until the second answer is sent.
    const replied = a.repliedAt.filter((t) => t <= T && !(a.rehandledAt <= T && t < a.rehandledAt));
    tables.assignments
      .row()
      .uuid(a.id)
      .int(version)
      .timestamp(a.assignedAt)
      .timestamp(updatedAt)
      .uuid(this.org.id)
      .uuid(s.id)
      .uuid(a.unit.id)
      .text(a.role)
      .text(status)
      .int(round)
      .uuid(a.assignedBy.id)
      .timestamp(a.assignedAt)
      .timestamp(a.acceptedAt <= T ? a.acceptedAt : null)
      .timestamp(replied.length > 0 ? replied[replied.length - 1] : null)
      .timestamp(a.waivedAt <= T ? a.waivedAt : null)
      .uuid(a.waivedAt <= T && a.waivedBy ? a.waivedBy.id : null)
      .text(a.waivedAt <= T ? a.waiverReason : null);

    for (const d of a.deadlines.values()) {
      d.events.sort((x, y) => x.at - y.at);
      if (d.events[0].at > T) continue;
      let state = { status: 'open', start: 0, due: 0, ruleJson: null as string | null, explanationJson: '', metAt: null as number | null };
      let version = 0;
      let createdAt = 0;
      let updatedAt = 0;
      for (const e of d.events) {
        if (e.at > T) break;
        let applies = true;
        let from: number | null = null;
        let to: number | null = null;
        if (e.kind === 'set') {
          const c = e.computed as ComputedDeadline;
          state = { status: 'open', start: localDay(e.at), due: c.due, ruleJson: c.ruleJson, explanationJson: c.explanationJson, metAt: null };
          to = c.due;
          if (!createdAt) createdAt = e.at;
        } else if (state.status !== 'open') {
          applies = false;
        } else if (e.kind === 'extended') {
          from = state.due;
          to = e.to as number;
          state = { ...state, due: to, ruleJson: null, explanationJson: e.explanationJson as string };
        } else {
          from = state.due;
          state = { ...state, status: e.kind, metAt: e.kind === 'met' ? e.at : null };
        }
        if (!applies) continue;
        version += 1;
        updatedAt = e.at;
        tables.deadline_events.row().uuid(d.id).text(e.kind).date(from).date(to).text(e.reason).uuid(e.actor).timestamp(e.at);
      }
      tables.deadlines
        .row()
        .uuid(d.id)
        .int(version)
        .timestamp(createdAt)
        .timestamp(updatedAt)
        .uuid(this.org.id)
        .uuid(a.id)
        .text(d.kind)
        .text(state.status)
        .date(state.start)
        .jsonb(state.ruleJson)
        .date(state.due)
        .jsonb(state.explanationJson)
        .date(null)
        .timestamp(state.metAt);
      if (state.status === 'open') {
        for (const point of pointsFor(d.kind, isoDay(state.due), DEFAULT_REMINDER_PLAN, new Date(T))) {
          tables.reminders
            .row()
            .uuid(ids.next())
            .uuid(this.org.id)
            .uuid(d.id)
            .text(point.point)
            .date(state.due)
            .timestamp(fireAt(isoDay(state.due), point.daysBefore).getTime())
            .text('planned')
            .timestamp(null);
        }
      }
    }
  }

  private writeFeedback(s: Skeleton, f: FeedbackRec): void {
    const { r, T } = this;
    if (f.at > T || f.reply.dispatchedAt > T) return;
    const id = this.ctx.ids.next();
    const paper = f.paper;
    const recorder = paper ? r.pick(this.org.staff) : f.person;
    const contacted = r.chance(0.93);
    this.ctx.tables.feedback
      .row()
      .uuid(id)
      .uuid(this.org.id)
      .uuid(s.id)
      .uuid(f.reply.id)
      .uuid(f.person.id)
      .text(f.satisfaction)
      .text(r.chance(0.85) ? SATISFACTIONS[r.weighted([0.85, 0.13, 0.02])] : null)
      .bool(contacted)
      .text(contacted ? CONTACT_METHODS[r.weighted([45, 40, 10, 5])] : null)
      .bool(f.satisfaction === 'dissatisfied' ? r.chance(0.6) : r.chance(0.97))
      .text(r.chance(0.3) ? r.pick(WORDS.comments) : null)
      .uuid(recorder.id)
      .timestamp(f.at);
    this.audit('feedback', id, 'feedback.submitted', recorder.id, f.at, null, {
      proposalId: s.id,
      replyId: f.reply.id,
      proposerUserId: f.person.id,
      satisfaction: f.satisfaction,
      paperForm: paper,
      late: f.late,
    });
  }

  /**
   * Gives every reply signed by T its document number — per unit, kind and year, in sign-off order —
   * and writes the replies, their versions and the number series. Call once, after every session.
   */
  async numberReplies(tick: () => Promise<void>): Promise<void> {
    const { T } = this;
    const { tables, ids } = this.ctx;
    const series = new Map<string, ReplyRec[]>();
    for (const reply of this.replies) {
      if (reply.signedAt > T) continue;
      const key = documentNumberSeries(reply.unit.id, reply.kind, yearOf(localDay(reply.signedAt)));
      const list = series.get(key);
      if (list) list.push(reply);
      else series.set(key, [reply]);
    }
    for (const [key, list] of series) {
      list.sort((a, b) => a.signedAt - b.signedAt);
      list.forEach((reply, i) => {
        reply.docNumber = documentNumber(reply.unit.docPrefix, yearOf(localDay(reply.signedAt)), i + 1);
      });
      tables.number_series.row().uuid(this.org.id).text(key).int(list.length);
    }
    for (const reply of this.replies) {
      await tick();
      if (reply.createdAt > T) continue;
      const signed = reply.signedAt <= T;
      const dispatched = reply.dispatchedAt <= T;
      const checked = reply.checkedAt <= T;
      const submitted = reply.submittedAt <= T;
      const status = dispatched ? 'dispatched' : signed ? 'signed' : submitted ? 'awaiting_signoff' : 'drafting';
      const versions = reply.versions.filter((v) => v <= T);
      const grade = checked ? reply.checkedGrade : reply.grade;
      const times = [...versions, ...[reply.submittedAt, reply.signedAt, reply.checkedAt, reply.dispatchedAt].filter((t) => t <= T)];
      if (signed) this.audit('reply', reply.id, 'reply.sign-off', reply.signer.id, reply.signedAt, { status: 'awaiting_signoff' }, { status: 'signed', docNumber: reply.docNumber, disclosure: reply.disclosure });
      if (checked && reply.checkedBy) this.audit('reply', reply.id, 'reply.committee-checked', reply.checkedBy.id, reply.checkedAt, { grade: reply.grade }, { grade: reply.checkedGrade, note: reply.checkNote });
      this.whereFrom(tables.replies.row().uuid(reply.id).int(times.length).timestamp(reply.createdAt).timestamp(Math.max(...times)), reply)
        .text(reply.kind)
        .int(reply.round)
        .text(status)
        .text(grade)
        .text(reply.title)
        .text(reply.addressee)
        .text(reply.opening)
        .text(reply.scaffold)
        .text(reply.body)
        .uuid(reply.contactUnitId)
        .jsonb(reply.contactsJson)
        .uuidArray(reply.copyUnitIds)
        .uuid(reply.drafter.id)
        .text(signed ? reply.docNumber : null)
        .uuid(signed ? reply.signer.id : null)
        .timestamp(signed ? reply.signedAt : null)
        .date(signed ? localDay(reply.signedAt) : null)
        .text(signed ? reply.disclosure : null)
        .text(signed ? reply.disclosureNote : null)
        .date(dispatched ? reply.dueDay : null)
        .timestamp(dispatched ? reply.dispatchedAt : null)
        .timestamp(checked ? reply.checkedAt : null)
        .uuid(checked && reply.checkedBy ? reply.checkedBy.id : null)
        .text(checked ? reply.checkNote : null)
        .tsvector(
          searchLexemes(
            replySearchFields({
              title: reply.title,
              docNumber: signed ? reply.docNumber : null,
              opening: reply.opening,
              body: reply.body,
              disclosureNote: signed ? reply.disclosureNote : null,
            }),
          ),
        );
      // Earlier versions lack the last section; the last one is the text that was signed.
      versions.forEach((createdAt, i) => {
        const last = i === reply.versions.length - 1;
        const body = last ? reply.body : reply.body.slice(0, reply.body.lastIndexOf('\n') > 0 ? reply.body.lastIndexOf('\n') : reply.body.length);
        tables.reply_versions
          .row()
          .uuid(ids.next())
          .uuid(reply.id)
          .int(i + 1)
          .text(body)
          .text(reply.grade)
          .uuid(reply.contactUnitId)
          .jsonb(reply.contactsJson)
          .uuid(reply.drafter.id)
          .timestamp(createdAt);
      });
    }
  }

  // ————————————————————————————————————————— audit


  private audit(entity: string, entityId: string, action: string, actor: string | null, when: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null): void {
    if (when > this.T) return;
    this.ctx.tables.audit_entries
      .row()
      .uuid(this.org.id)
      .uuid(actor)
      .text(entity)
      .uuid(entityId)
      .text(action)
      .jsonb(before ? JSON.stringify(before) : null)
      .jsonb(after ? JSON.stringify(after) : null)
      .timestamp(when);
  }
}

const decisionStatus = (decided: boolean, approved: boolean) => (decided ? (approved ? 'approved' : 'rejected') : 'pending');

interface Handling {
  assignedAt: number;
  urgent: boolean;
  key: boolean;
  supervisor: Person | null;
  rulesSetAt: number;
  closedAt: number;
  /** every assignment given, reassigned ones included */
  assignments: AssignmentRec[];
  /** every reply written on the proposal */
  replies: ReplyRec[];
}

/** Code-point order, as PostgreSQL's `COLLATE "C"` sorts (the texts are all in the Basic Multilingual Plane). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
