import { publish } from '#app/core';
import { CodeTable } from '#app/org';
import { ProposalKind, ProposalStatus, ProposerRole, ProposalsChangedEvent, termHashes } from '#app/proposals';
import { ImportKind } from './import-kinds.js';
import { codeSet, type CurrentRows, DAY_AT_TEN, DAY_OF, header, type ImportPlan, type ImportScope, type KindImporter, markDuplicates, planOf, sameAsCurrent, text } from './import-scope.js';
import type { SheetRow } from './import-workbook.js';
import { loadProposalRefs, proposerRows, proposersOf, sessionOf, unitsOf } from './proposal-refs.js';

const KIND = ImportKind.Paper;

interface PaperItem {
  id: string;
  session_id: string;
  kind: ProposalKind;
  title: string;
  body: string;
  category: string | null;
  lead: string;
  cosigners: string[];
  suggested: string[];
  submitted_on: string;
}

const paperKey = (row: SheetRow): string | null =>
  text(row, 'session') && text(row, 'lead') && text(row, 'title') ? `${text(row, 'session')}#${text(row, 'lead')}#${text(row, 'title')}` : null;

/**
 * 代录提案: the current session's paper proposals, entered by staff for their members (co-signers as they
 * signed the paper). Each arrives submitted (提交), in the review queue, numbered when filed. The key is
 * session, lead proposer and title; one still waiting for review may be imported again with changes.
 */
export const paperImporter: KindImporter = {
  async current(scope): Promise<CurrentRows> {
    const rows: Array<Record<string, string | null> & { status: string; id: string }> = await scope.manager.query(
      `SELECT s.name AS session,
         (SELECT u.username FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = p.id AND pr.role = $3 LIMIT 1) AS lead,
         (SELECT string_agg(u.username, '、' ORDER BY u.username) FROM proposers pr JOIN users u ON u.id = pr.user_id WHERE pr.proposal_id = p.id AND pr.role = $4) AS cosigners,
         p.title, p.category, p.body,
         (SELECT string_agg(un.name, '、' ORDER BY un.name) FROM units un WHERE un.id = ANY(p.suggested_unit_ids)) AS "suggestedUnits",
         ${DAY_OF('p.submitted_at', '$2')} AS "submittedOn", p.status, p.id
       FROM proposals p JOIN cppcc_sessions s ON s.id = p.session_id
       WHERE p.committee_id = $1 AND p.entered_by_user_id IS NOT NULL AND p.submitted_at IS NOT NULL
       ORDER BY s.year, s.name, p.submitted_at, p.title`,
      [scope.committeeId, scope.timeZone, ProposerRole.Lead, ProposerRole.CoSigner],
    );
    return new Map(rows.map((r) => [`${r.session}#${r.lead}#${r.title}`, r]));
  },

  async plan(scope, rows, problems): Promise<ImportPlan> {
    const refs = await loadProposalRefs(scope, rows);
    const categories = await codeSet(scope, CodeTable.Category);
    const items = new Map<number, PaperItem>();
    for (const row of rows) {
      const session = sessionOf(KIND, row, refs, problems);
      const { lead, cosigners } = proposersOf(KIND, row, refs, problems);
      const category = text(row, 'category');
      if (category !== null && !categories.codes.has(category)) problems.add(row.row, header(KIND, 'category'), `“${category}”不在本会的提案类别中：可填 ${categories.hint}`);
      const suggested = unitsOf(KIND, row, 'suggestedUnits', refs, problems);
      const day = text(row, 'submittedOn');
      if (session && lead && day && !problems.has(row.row)) {
        const plenary = day >= session.plenary_start && day <= session.plenary_end;
        items.set(row.row, {
          id: '',
          session_id: session.id,
          kind: plenary ? ProposalKind.Plenary : ProposalKind.Interim,
          title: text(row, 'title') as string,
          body: text(row, 'body') as string,
          category,
          lead,
          cosigners,
          suggested,
          submitted_on: day,
        });
      }
    }
    markDuplicates(rows, paperKey, header(KIND, 'title'), problems);
    const current = await this.current(scope);
    const created: PaperItem[] = [];
    const updated: PaperItem[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const item = items.get(row.row);
      if (!item || problems.has(row.row)) continue;
      const was = current.get(paperKey(row) as string) as (Record<string, string | null> & { status: string; id: string }) | undefined;
      if (!was) created.push(item);
      else if (sameAsCurrent(KIND, row, was)) unchanged += 1;
      else if (was.status !== ProposalStatus.Submitted) problems.add(row.row, header(KIND, 'title'), '这件提案已进入审查，不能再由导入修改：请在提案页面处理');
      else updated.push({ ...item, id: was.id });
    }
    return planOf({ created, updated, unchanged }, async () => {
      await writePaper(scope, created, updated);
      return [...created, ...updated].slice(0, 200).map((item) => ({ label: item.title, href: `/proposals/${item.id}` }));
    });
  },
};

async function writePaper(scope: ImportScope, created: PaperItem[], updated: PaperItem[]): Promise<void> {
  const { manager, committeeId, actorUserId, timeZone } = scope;
  const json = (items: PaperItem[]) => JSON.stringify(items.map((item, n) => ({ ...item, id: item.id || null, n, title_terms: termHashes(item.title), body_terms: termHashes(item.body) })));
  const columns = 'n int, id uuid, session_id uuid, kind text, title text, body text, category text, suggested uuid[], submitted_on text, title_terms int4[], body_terms int4[]';
  if (updated.length > 0) {
    await manager.query('DELETE FROM proposers WHERE proposal_id = ANY($1::uuid[])', [updated.map((item) => item.id)]);
    await manager.query(
      `UPDATE proposals p SET kind = t.kind, body = t.body, category = t.category, suggested_unit_ids = t.suggested, title_terms = t.title_terms,
         body_terms = t.body_terms, submitted_at = ${DAY_AT_TEN('t.submitted_on', '$2')}, version = p.version + 1, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS t(${columns}) WHERE p.id = t.id`,
      [json(updated), timeZone],
    );
  }
  if (created.length > 0) {
    const ids: Array<{ id: string }> = await manager.query(
      `INSERT INTO proposals (committee_id, session_id, kind, title, body, category, suggested_unit_ids, status, title_terms, body_terms, entered_by_user_id, submitted_at)
       SELECT $1, t.session_id, t.kind, t.title, t.body, t.category, t.suggested, $2, t.title_terms, t.body_terms, $3, ${DAY_AT_TEN('t.submitted_on', '$5')}
       FROM jsonb_to_recordset($4::jsonb) AS t(${columns}) ORDER BY t.n RETURNING id`,
      [committeeId, ProposalStatus.Submitted, actorUserId, json(created), timeZone],
    );
    created.forEach((item, i) => (item.id = ids[i].id));
  }
  const all = [...created, ...updated];
  if (all.length === 0) return;
  await manager.query(
    'INSERT INTO proposers (proposal_id, user_id, role) SELECT t.proposal_id, t.user_id, t.role FROM jsonb_to_recordset($1::jsonb) AS t(proposal_id uuid, user_id uuid, role text)',
    [JSON.stringify(proposerRows(all))],
  );
  await publish(manager, ProposalsChangedEvent, committeeId, { proposalIds: all.map((item) => item.id), change: 'imported' });
}
