import type { EntityManager } from 'typeorm';
import { type SearchField, searchVector } from '#app/proposals';

/** What a reply is found by in the reply lists (ADR 11). */
export interface ReplySearchDocument {
  title: string;
  docNumber: string | null;
  opening: string;
  body: string;
  /** The summary (摘要公开) or the reason it is not published (不公开). */
  disclosureNote: string | null;
}

/**
 * Title and document number (A), opening and body (B), disclosure note (C): the public list searches a
 * 全文公开 reply's A and B, a 摘要公开 reply's A and C only, so unpublished text is never matched there.
 */
export function replySearchVector(doc: ReplySearchDocument): string {
  return searchVector(replySearchFields(doc));
}

/** The fields of a reply's search document, in the order and with the weights its vector has. */
export function replySearchFields(doc: ReplySearchDocument): SearchField[] {
  return [
    { text: doc.title, weight: 'A' },
    { text: doc.docNumber ?? '', weight: 'A' },
    { text: doc.disclosureNote ?? '', weight: 'C' },
    { text: doc.opening, weight: 'B' },
    { text: doc.body, weight: 'B' },
  ];
}

/**
 * Recomputes the search documents of some replies from what is in the database now. A write does not
 * call it: it publishes {@link RepliesChangedEvent}, whose reaction calls it after commit.
 */
export async function refreshReplySearch(manager: EntityManager, replyIds: readonly string[]): Promise<void> {
  const unique = [...new Set(replyIds)];
  for (let i = 0; i < unique.length; i += 200) {
    const rows: Array<{ id: string; title: string; doc_number: string | null; opening: string; body: string; disclosure_note: string | null }> = await manager.query(
      'SELECT id, title, doc_number, opening, body, disclosure_note FROM replies WHERE id = ANY($1::uuid[])',
      [unique.slice(i, i + 200)],
    );
    const vectors = rows.map((r) => replySearchVector({ title: r.title, docNumber: r.doc_number, opening: r.opening, body: r.body, disclosureNote: r.disclosure_note }));
    await manager.query('UPDATE replies r SET search = v.search::tsvector FROM unnest($1::uuid[], $2::text[]) AS v(id, search) WHERE r.id = v.id', [
      rows.map((r) => r.id),
      vectors,
    ]);
  }
}
