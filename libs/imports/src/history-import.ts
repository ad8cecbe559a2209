import { publish } from '#app/core';
import { SATISFACTION_LABELS, Satisfaction } from '#app/feedback';
import { AssignmentRole, AssignmentStatus } from '#app/handling';
import { CodeTable } from '#app/org';
import { proposalNumberSeries, ProposalKind, ProposalStatus, ProposalsChangedEvent, termHashes } from '#app/proposals';
import { ReplyKind, ReplyStatus } from '#app/replies';
import { ImportKind } from './import-kinds.js';
import { codeSet, type CurrentRows, DAY_AT_TEN, DAY_OF, header, type ImportPlan, type ImportScope, type KindImporter, markDuplicates, planOf, sameAsCurrent, text } from './import-scope.js';
import { loadProposalRefs, proposerRows, proposersOf, sessionOf, unitsOf } from './proposal-refs.js';

const SATISFACTION_BY_LABEL = new Map(Object.entries(SATISFACTION_LABELS).map(([value, label]) => [label, value as Satisfaction]));
const KIND = ImportKind.History;

/** One past proposal as it will be written. */
interface HistoryItem {
  id: string;
  session_id: string;
  number: number;
  title: string;
  body: string;
  category: string | null;
  lead: string;
  cosigners: string[];
  lead_unit: string;
  co_units: string[];
  filed_on: string;
  assigned_on: string;
  replied_on: string | null;
  grade: string | null;
  satisfaction: Satisfaction | null;
  closed_on: string;
}

/**
 * 往届提案: a past session's proposals, closed, with the units they were assigned to (主办 and 会办), the
 * lead unit's answer (its date and grade) and the lead proposer's satisfaction; session and number are
 * the key. No deadlines or reminders are opened: it is history, read by statistics, similar-proposal
 * search and unit recommendation. An imported proposal may be imported again with changes (its
 * proposers, assignments, answer and feedback are written anew); one handled in the system may not.
 */
export const historyImporter: KindImporter = {
  async current(scope): Promise<CurrentRows> {
    const zone = '$2';
    const rows: Array<Record<string, string | number | null>> = await scope.manager.query(
      `SELECT s.name AS session, p.number, p.title, p.category,
         (SELECT u.username FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = p.id AND pr.role = 'lead' LIMIT 1) AS lead,
         (SELECT string_agg(u.username, '、' ORDER BY u.username) FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = p.id AND pr.role = 'co_signer') AS cosigners,
         p.body, ${DAY_OF('p.filed_at', zone)} AS "filedOn",
         (SELECT un.name FROM assignments a JOIN units un ON un.id = a.unit_id WHERE a.proposal_id = p.id AND a.role = $3 ORDER BY a.assigned_at LIMIT 1) AS "leadUnit",
         (SELECT string_agg(un.name, '、' ORDER BY un.name) FROM assignments a JOIN units un ON un.id = a.unit_id WHERE a.proposal_id = p.id AND a.role = $4) AS "coUnits",
         (SELECT ${DAY_OF('min(a.assigned_at)', zone)} FROM assignments a WHERE a.proposal_id = p.id) AS "assignedOn",
         to_char(r.reply_date, 'YYYY-MM-DD') AS "repliedOn", r.grade,
         (SELECT f.satisfaction FROM feedback f JOIN proposers pr ON pr.proposal_id = p.id AND pr.user_id = f.proposer_user_id AND pr.role = 'lead' WHERE f.reply_id = r.id LIMIT 1) AS satisfaction,
         ${DAY_OF('p.closed_at', zone)} AS "closedOn"
       FROM proposals p JOIN cppcc_sessions s ON s.id = p.session_id
       LEFT JOIN LATERAL (SELECT * FROM replies r WHERE r.proposal_id = p.id AND r.kind = $5 AND r.round = 1 AND r.status = $6 ORDER BY r.created_at LIMIT 1) r ON true
       WHERE p.committee_id = $1 AND p.status = $7 AND p.number IS NOT NULL
       ORDER BY s.year, s.name, p.number`,
      [scope.committeeId, scope.timeZone, AssignmentRole.Lead, AssignmentRole.Co, ReplyKind.Answer, ReplyStatus.Dispatched, ProposalStatus.Closed],
    );
    return new Map(
      rows.map((r) => [`${String(r.session)}#${String(r.number)}`, { ...r, satisfaction: r.satisfaction ? SATISFACTION_LABELS[r.satisfaction as Satisfaction] : null }]),
    );
  },

  async plan(scope, rows, problems): Promise<ImportPlan> {
    const refs = await loadProposalRefs(scope, rows);
    const categories = await codeSet(scope, CodeTable.Category);
    const grades = await codeSet(scope, CodeTable.ReplyGrade);
    const items = new Map<number, Omit<HistoryItem, 'id'>>();
    for (const row of rows) {
      const session = sessionOf(KIND, row, refs, problems);
      const { lead, cosigners } = proposersOf(KIND, row, refs, problems);
      const category = text(row, 'category');
      if (category !== null && !categories.codes.has(category)) problems.add(row.row, header(KIND, 'category'), `“${category}”不在本会的提案类别中：可填 ${categories.hint}`);
      const [leadUnit] = unitsOf(KIND, row, 'leadUnit', refs, problems);
      const coUnits = unitsOf(KIND, row, 'coUnits', refs, problems);
      if (leadUnit && coUnits.includes(leadUnit)) problems.add(row.row, header(KIND, 'coUnits'), '主办单位不能同时是会办单位');
      const days = { filedOn: text(row, 'filedOn'), assignedOn: text(row, 'assignedOn'), repliedOn: text(row, 'repliedOn'), closedOn: text(row, 'closedOn') };
      const order = (['filedOn', 'assignedOn', 'repliedOn', 'closedOn'] as const).filter((key) => days[key] !== null);
      for (let i = 1; i < order.length; i += 1) {
        if ((days[order[i]] as string) < (days[order[i - 1]] as string)) {
          problems.add(row.row, header(KIND, order[i]), `不能早于「${header(KIND, order[i - 1])}」（${days[order[i - 1]]}）`);
        }
      }
      const grade = text(row, 'grade');
      if (grade !== null && !grades.codes.has(grade)) problems.add(row.row, header(KIND, 'grade'), `“${grade}”不是办理结果代码：可填 ${grades.hint}`);
      const satisfactionLabel = text(row, 'satisfaction');
      const satisfaction = satisfactionLabel === null ? null : (SATISFACTION_BY_LABEL.get(satisfactionLabel) ?? null);
      if (satisfactionLabel !== null && !satisfaction) problems.add(row.row, header(KIND, 'satisfaction'), `“${satisfactionLabel}”不是满意度：可填 满意、基本满意、不满意`);
      for (const key of ['grade', 'satisfaction'] as const) {
        if (text(row, key) !== null && days.repliedOn === null) problems.add(row.row, header(KIND, key), '没有「答复日期」时不能填写');
      }
      if (session && lead && leadUnit && !problems.has(row.row)) {
        items.set(row.row, {
          session_id: session.id,
          number: row.values.number as number,
          title: text(row, 'title') as string,
          body: text(row, 'body') as string,
          category,
          lead,
          cosigners,
          lead_unit: leadUnit,
          co_units: coUnits,
          filed_on: days.filedOn as string,
          assigned_on: days.assignedOn as string,
          replied_on: days.repliedOn,
          grade,
          satisfaction,
          closed_on: days.closedOn as string,
        });
      }
    }
    markDuplicates(rows, (row) => (text(row, 'session') && row.values.number ? `${text(row, 'session')}#${String(row.values.number)}` : null), header(KIND, 'number'), problems);
    const keyed = [...items.values()];
    const existing: Array<{ id: string; session_id: string; number: number; status: string; handled: boolean }> = await scope.manager.query(
      `SELECT p.id, p.session_id, p.number, p.status,
              EXISTS (SELECT 1 FROM reply_versions v JOIN replies r ON r.id = v.reply_id WHERE r.proposal_id = p.id) AS handled
       FROM proposals p JOIN jsonb_to_recordset($2::jsonb) AS t(session_id uuid, number int) ON t.session_id = p.session_id AND t.number = p.number
       WHERE p.committee_id = $1`,
      [scope.committeeId, JSON.stringify(keyed.map((item) => ({ session_id: item.session_id, number: item.number })))],
    );
    const existingOf = new Map(existing.map((e) => [`${e.session_id}#${e.number}`, e]));
    const current = await this.current(scope);
    const created: HistoryItem[] = [];
    const updated: HistoryItem[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const item = items.get(row.row);
      if (!item || problems.has(row.row)) continue;
      const was = existingOf.get(`${item.session_id}#${item.number}`);
      const now = current.get(`${text(row, 'session')}#${item.number}`);
      if (!was) created.push({ ...item, id: '' });
      else if (now && sameAsCurrent(KIND, row, now)) unchanged += 1;
      else if (was.status !== ProposalStatus.Closed || was.handled) {
        problems.add(row.row, header(KIND, 'number'), `该届次第${item.number}号提案是在系统中办理的（状态 ${was.status}），不能以往届提案覆盖：请核对届次和编号`);
      } else updated.push({ ...item, id: was.id });
    }
    return planOf({ created, updated, unchanged }, async () => {
      await writeHistory(scope, created, updated);
      return [...created, ...updated].slice(0, 200).map((item) => ({ label: `第${item.number}号 ${item.title}`, href: `/proposals/${item.id}` }));
    });
  },
};

/** Writes the new proposals and rewrites the changed ones, then their proposers, assignments, answers and feedback. */
async function writeHistory(scope: ImportScope, created: HistoryItem[], updated: HistoryItem[]): Promise<void> {
  const { manager, committeeId, actorUserId, timeZone } = scope;
  const terms = (item: HistoryItem) => ({ ...item, title_terms: termHashes(item.title), body_terms: termHashes(item.body) });
  if (updated.length > 0) {
    const ids = updated.map((item) => item.id);
    await manager.query('DELETE FROM feedback WHERE proposal_id = ANY($1::uuid[])', [ids]);
    await manager.query('DELETE FROM replies WHERE proposal_id = ANY($1::uuid[])', [ids]);
    await manager.query('DELETE FROM assignments WHERE proposal_id = ANY($1::uuid[])', [ids]);
    await manager.query('DELETE FROM proposers WHERE proposal_id = ANY($1::uuid[])', [ids]);
    await manager.query(
      `UPDATE proposals p SET title = t.title, body = t.body, category = t.category, title_terms = t.title_terms, body_terms = t.body_terms,
         submitted_at = ${DAY_AT_TEN('t.filed_on', '$2')}, filed_at = ${DAY_AT_TEN('t.filed_on', '$2')}, closed_at = ${DAY_AT_TEN('t.closed_on', '$2')},
         version = p.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, title text, body text, category text, title_terms int4[], body_terms int4[], filed_on text, closed_on text)
       WHERE p.id = t.id`,
      [JSON.stringify(updated.map(terms)), timeZone],
    );
  }
  if (created.length > 0) {
    const rows: Array<{ id: string; session_id: string; number: number }> = await manager.query(
      `INSERT INTO proposals (committee_id, session_id, number, kind, title, body, category, status, title_terms, body_terms, submitted_at, filed_at, closed_at)
       SELECT $1, t.session_id, t.number, $2, t.title, t.body, t.category, $3, t.title_terms, t.body_terms,
              ${DAY_AT_TEN('t.filed_on', '$5')}, ${DAY_AT_TEN('t.filed_on', '$5')}, ${DAY_AT_TEN('t.closed_on', '$5')}
       FROM jsonb_to_recordset($4::jsonb) AS t(session_id uuid, number int, title text, body text, category text, title_terms int4[], body_terms int4[], filed_on text, closed_on text)
       RETURNING id, session_id, number`,
      [committeeId, ProposalKind.Plenary, ProposalStatus.Closed, JSON.stringify(created.map(terms)), timeZone],
    );
    const idOf = new Map(rows.map((r) => [`${r.session_id}#${r.number}`, r.id]));
    for (const item of created) item.id = idOf.get(`${item.session_id}#${item.number}`) as string;
  }
  const all = [...created, ...updated];
  if (all.length === 0) return;
  await manager.query(
    'INSERT INTO proposers (proposal_id, user_id, role) SELECT t.proposal_id, t.user_id, t.role FROM jsonb_to_recordset($1::jsonb) AS t(proposal_id uuid, user_id uuid, role text)',
    [JSON.stringify(proposerRows(all))],
  );
  const assignments = all.flatMap((item) => [
    { proposal_id: item.id, unit_id: item.lead_unit, role: AssignmentRole.Lead, assigned_on: item.assigned_on, replied_on: item.replied_on ?? item.closed_on },
    ...item.co_units.map((unit) => ({ proposal_id: item.id, unit_id: unit, role: AssignmentRole.Co, assigned_on: item.assigned_on, replied_on: item.replied_on ?? item.closed_on })),
  ]);
  await manager.query(
    `INSERT INTO assignments (committee_id, proposal_id, unit_id, role, status, assigned_by_user_id, assigned_at, accepted_at, replied_at)
     SELECT $1, t.proposal_id, t.unit_id, t.role, $2, $3, ${DAY_AT_TEN('t.assigned_on', '$5')}, ${DAY_AT_TEN('t.assigned_on', '$5')}, ${DAY_AT_TEN('t.replied_on', '$5')}
     FROM jsonb_to_recordset($4::jsonb) AS t(proposal_id uuid, unit_id uuid, role text, assigned_on text, replied_on text)`,
    [committeeId, AssignmentStatus.Closed, actorUserId, JSON.stringify(assignments), timeZone],
  );
  const answered = all.filter((item) => item.replied_on !== null);
  if (answered.length > 0) {
    // the lead unit's answer as it was sent: its date, grade and the lead proposer's satisfaction
    await manager.query(
      `WITH answers AS (
         INSERT INTO replies (committee_id, proposal_id, assignment_id, unit_id, kind, round, status, grade, title, addressee, opening, drafted_by_user_id, reply_date, signed_at, dispatched_at)
         SELECT $1, a.proposal_id, a.id, a.unit_id, $2, 1, $3, t.grade, '关于第' || p.number || '号提案的答复', '尊敬的' || u.display_name || '委员：', '', $4,
                t.replied_on::date, ${DAY_AT_TEN('t.replied_on', '$6')}, ${DAY_AT_TEN('t.replied_on', '$6')}
         FROM jsonb_to_recordset($5::jsonb) AS t(proposal_id uuid, lead uuid, grade text, replied_on text, satisfaction text, closed_on text)
         JOIN assignments a ON a.proposal_id = t.proposal_id AND a.role = $7
         JOIN proposals p ON p.id = t.proposal_id JOIN users u ON u.id = t.lead
         RETURNING id, proposal_id)
       INSERT INTO feedback (committee_id, proposal_id, reply_id, proposer_user_id, satisfaction, contacted, answered, recorded_by_user_id, created_at)
       SELECT $1, t.proposal_id, answers.id, t.lead, t.satisfaction, true, true, $4, ${DAY_AT_TEN('t.closed_on', '$6')}
       FROM answers JOIN jsonb_to_recordset($5::jsonb) AS t(proposal_id uuid, lead uuid, satisfaction text, closed_on text) ON t.proposal_id = answers.proposal_id
       WHERE t.satisfaction IS NOT NULL`,
      [committeeId, ReplyKind.Answer, ReplyStatus.Dispatched, actorUserId, JSON.stringify(answered.map((item) => ({ ...item, proposal_id: item.id }))), timeZone, AssignmentRole.Lead],
    );
  }
  await publish(manager, ProposalsChangedEvent, committeeId, { proposalIds: all.map((item) => item.id), change: 'imported' });
  // each session's numbering continues after its highest imported number
  const highest = new Map<string, number>();
  for (const item of all) highest.set(item.session_id, Math.max(highest.get(item.session_id) ?? 0, item.number));
  await manager.query(
    `INSERT INTO number_series (committee_id, series, last_value)
     SELECT $1, t.series, t.last FROM jsonb_to_recordset($2::jsonb) AS t(series text, last int)
     ON CONFLICT (committee_id, series) DO UPDATE SET last_value = GREATEST(number_series.last_value, EXCLUDED.last_value)`,
    [committeeId, JSON.stringify([...highest].map(([session, last]) => ({ series: proposalNumberSeries(session), last })))],
  );
}
