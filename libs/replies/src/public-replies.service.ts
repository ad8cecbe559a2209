import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type Page } from '#app/core';
import { committeesSql, joinCommitteeSql, joinSessionSql, joinUnitSql } from '#app/org';
import { type Highlight, highlights, innerJoinProposal, joinProposalSql, parseSearchQuery } from '#app/proposals';
import { ObjectStore } from '#app/storage';
import { type ReplyDocument, renderReplyText } from './reply-document.js';
import { replyDocuments } from './reply-documents.js';
import { Disclosure, Reply, ReplyKind, ReplyStatus } from './reply.entity.js';
import { RepliesErrorCode } from './replies.errors.js';

export interface PublishedReplyView {
  id: string;
  committee: string;
  session: string;
  proposalNumber: number | null;
  proposalTitle: string;
  title: string;
  issuingUnit: string;
  docNumber: string | null;
  date: string | null;
  disclosure: Disclosure.Full | Disclosure.Summary;
  /** 摘要公开: the summary decided at sign-off; the text itself stays unpublished. */
  summary: string | null;
  /** 全文公开 only: the whole document, element by element, and as text. */
  document: ReplyDocument | null;
  text: string | null;
  /** 全文公开 only: the SHA-256 of the signed PDF (GET /public/replies/:id/document.pdf), the very bytes signed. */
  sha256: string | null;
  /** With `q`: up to 3 passages of what is published where it matches, HTML-escaped with the matches in `<mark>`. */
  highlights?: Highlight[];
}

/**
 * What verifying a document's SHA-256 answers (ADR 15): that it is genuine, its number and date, always;
 * its title, issuing unit and committee, and where it is published, only when it is published in full
 * (全文公开), since then all of that is public anyway. For 摘要公开 and 不公开 those stay null.
 */
export interface VerifiedDocument {
  genuine: true;
  /** 全文公开 (`full`), or anything less (`limited`): 摘要公开, 不公开 and documents that are never published. */
  disclosure: 'full' | 'limited';
  docNumber: string | null;
  date: string | null;
  title: string | null;
  issuingUnit: string | null;
  committee: string | null;
  /** The published reply (GET /public/replies/:id), 全文公开 only. */
  publishedReplyId: string | null;
}

export interface PublishedRepliesQuery {
  committeeId?: string;
  /**
   * Full-text search (ADR 11) over what is published: the proposal's title, the reply's title and number,
   * and its text (全文公开) or its summary (摘要公开); ranked by relevance.
   */
  q?: string;
  limit: number;
  offset: number;
}

/** What anyone may read without logging in: dispatched answers to proposers, disclosed in full or as a summary. */
const PUBLISHED = `r.status = '${ReplyStatus.Dispatched}' AND r.disclosure IN ('${Disclosure.Full}', '${Disclosure.Summary}')
  AND r.kind IN ('${ReplyKind.Answer}', '${ReplyKind.SeparateAnswer}')`;

/**
 * 公开: the public page of replies. A reply marked 全文公开 is shown whole; 摘要公开 shows its summary;
 * 不公开, drafts, 会办意见 and anything not yet dispatched never appear (404, as if they did not exist).
 */
@Injectable()
export class PublicRepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
  ) {}

  async committees(): Promise<Array<{ id: string; name: string; published: number }>> {
    const rows: Array<{ id: string; name: string; published: number }> = await this.dataSource.query(
      `SELECT c.id, c.name, count(r.id)::int AS published FROM ${committeesSql('c')}
       LEFT JOIN replies r ON r.committee_id = c.id AND ${PUBLISHED}
       GROUP BY c.id, c.name ORDER BY c.name`,
    );
    return rows;
  }

  async list(query: PublishedRepliesQuery): Promise<Page<PublishedReplyView>> {
    const builder = this.base();
    if (query.committeeId) builder.andWhere('r.committee_id = :committeeId', { committeeId: query.committeeId });
    if (query.q !== undefined) {
      // Weights keep unpublished text out: a 摘要公开 reply's body (B) is never matched, only its summary (C).
      const search = parseSearchQuery(query.q);
      builder
        .andWhere(
          `(p.search @@ :titleSearch::tsquery
            OR (r.disclosure = '${Disclosure.Full}' AND r.search @@ :fullSearch::tsquery)
            OR (r.disclosure = '${Disclosure.Summary}' AND r.search @@ :summarySearch::tsquery))`,
          { titleSearch: search.tsquery('A'), fullSearch: search.tsquery('AB'), summarySearch: search.tsquery('AC') },
        )
        .addSelect(
          `ts_rank_cd(CASE WHEN r.disclosure = '${Disclosure.Full}' THEN '{0,0,0.4,1}' ELSE '{0,0.2,0,1}' END::float4[], r.search, :searchAll::tsquery, 1)
           + CASE WHEN p.search @@ :titleSearch::tsquery THEN 1 ELSE 0 END`,
          'search_rank',
        )
        .setParameter('searchAll', search.tsquery())
        .orderBy('search_rank', 'DESC')
        .addOrderBy('r.dispatched_at', 'DESC');
    } else {
      builder.orderBy('r.dispatched_at', 'DESC');
    }
    const [rows, total] = await builder.addOrderBy('r.id', 'ASC').limit(query.limit).offset(query.offset).getManyAndCount();
    const items = await this.views(rows);
    if (query.q !== undefined) {
      // Only what the page publishes: titles, and the text (全文公开) or the summary (摘要公开).
      const search = parseSearchQuery(query.q);
      for (const item of items) {
        item.highlights = highlights(
          [
            { field: 'title', texts: [item.proposalTitle, item.title] },
            { field: 'reply', texts: item.document ? [item.document.body] : [] },
            { field: 'summary', texts: item.summary ? [item.summary] : [] },
          ],
          search,
        );
      }
    }
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<PublishedReplyView> {
    const reply = await this.base().andWhere('r.id = :id', { id }).getOne();
    if (!reply) throw DomainError.notFound('Reply', id);
    const [view] = await this.views([reply]);
    return view;
  }

  /** The signed PDF of a reply published in full: the bytes signed off, unchanged. */
  async signedPdf(id: string): Promise<{ bytes: Buffer; sha256: string; fileName: string }> {
    const reply = await this.base().andWhere('r.disclosure = :full AND r.signed_pdf_key IS NOT NULL', { full: Disclosure.Full }).andWhere('r.id = :id', { id }).getOne();
    if (!reply) throw DomainError.notFound('Reply', id);
    return { bytes: await this.store.get(reply.signedPdfKey as string), sha256: reply.signedPdfSha256 as string, fileName: `${reply.docNumber ?? reply.title}.pdf` };
  }

  /**
   * Whether a document with this SHA-256 is a reply signed off and sent by a unit — for anyone holding a
   * copy. It confirms the document and its number and date; what it is about and who wrote it only when
   * the reply is published in full (ADR 15): a 不公开 reply's file may be in hands it was never meant
   * for, and the answer must not add to what they hold. 404 when no sent reply has that hash.
   */
  async verify(sha256: string): Promise<VerifiedDocument> {
    const [row]: Array<{ id: string; doc_number: string | null; title: string; unit: string; reply_date: string | null; committee: string; full: boolean }> =
      await this.dataSource.query(
        `SELECT r.id, r.doc_number, r.title, u.name AS unit, to_char(r.reply_date, 'YYYY-MM-DD') AS reply_date, c.name AS committee,
                (${PUBLISHED} AND r.disclosure = $3) AS full
         FROM replies r ${joinUnitSql('r.unit_id', 'u')} ${joinCommitteeSql('r.committee_id', 'c')}
         WHERE r.signed_pdf_sha256 = $1 AND r.status = $2`,
        [sha256, ReplyStatus.Dispatched, Disclosure.Full],
      );
    if (!row) throw new DomainError('not_found', RepliesErrorCode.DOCUMENT_NOT_FOUND, 'No reply sent by a unit has this SHA-256: the document is not one this system signed, or it was altered');
    const full = row.full;
    return {
      genuine: true,
      disclosure: full ? 'full' : 'limited',
      docNumber: row.doc_number,
      date: row.reply_date,
      title: full ? row.title : null,
      issuingUnit: full ? row.unit : null,
      committee: full ? row.committee : null,
      publishedReplyId: full ? row.id : null,
    };
  }

  private base() {
    return innerJoinProposal(this.dataSource.getRepository(Reply).createQueryBuilder('r'), 'r.proposal_id', 'p').where(PUBLISHED);
  }

  private async views(replies: Reply[]): Promise<PublishedReplyView[]> {
    if (replies.length === 0) return [];
    const documents = await replyDocuments(this.dataSource.manager, replies);
    const context: Array<{ id: string; committee: string; session: string; number: number | null; title: string }> = await this.dataSource.query(
      `SELECT r.id, c.name AS committee, s.name AS session, p.number, p.title FROM replies r
       ${joinProposalSql('r.proposal_id', 'p')} ${joinSessionSql('p.session_id', 's')} ${joinCommitteeSql('r.committee_id', 'c')}
       WHERE r.id = ANY($1::uuid[])`,
      [replies.map((r) => r.id)],
    );
    return replies.map((r) => {
      const row = context.find((c) => c.id === r.id) as (typeof context)[number];
      const document = documents.get(r.id) as ReplyDocument;
      const full = r.disclosure === Disclosure.Full;
      return {
        id: r.id,
        committee: row.committee,
        session: row.session,
        proposalNumber: row.number,
        proposalTitle: row.title,
        title: r.title,
        issuingUnit: document.issuingUnit,
        docNumber: r.docNumber,
        date: r.replyDate,
        disclosure: r.disclosure as Disclosure.Full | Disclosure.Summary,
        summary: full ? null : r.disclosureNote,
        document: full ? document : null,
        text: full ? renderReplyText(document) : null,
        sha256: full ? r.signedPdfSha256 : null,
      };
    });
  }
}
