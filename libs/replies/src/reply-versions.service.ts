import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor } from '#app/auth';
import { Clock, DomainError } from '#app/core';
import { NotificationsService } from '#app/notifications';
import { userNameSql } from '#app/org';
import { workingReplies } from './replies.policy.js';
import { ReplyVersionComment } from './reply-version-comment.entity.js';
import { ReplyVersion } from './reply-version.entity.js';
import { Reply, type ReplyContact } from './reply.entity.js';
import { type DiffRun, lineDiff } from './text-diff.js';
import { RepliesEntity, ReplyNoticeKind } from './replies.vocabulary.js';
import { RepliesErrorCode } from './replies.errors.js';

export interface VersionCommentView {
  id: string;
  authorUserId: string;
  authorName: string;
  text: string;
  quote: string | null;
  createdAt: string;
}

export interface VersionSummary {
  seq: number;
  authorUserId: string;
  authorName: string;
  grade: string | null;
  bodyLength: number;
  comments: number;
  createdAt: string;
  /** The version the reply stands at now: the only one its next edit builds on. */
  latest: boolean;
}

export interface VersionView extends VersionSummary {
  body: string;
  contactUnitId: string | null;
  contacts: ReplyContact[];
  commentList: VersionCommentView[];
}

export interface VersionDiff {
  from: number;
  to: number;
  body: DiffRun[];
  /** The other fields that differ, with both values. */
  fields: Array<{ field: 'grade' | 'contactUnitId' | 'contacts'; from: unknown; to: unknown }>;
}

/**
 * The saved versions of a reply (each save of a draft is one, written by `ReplyDraftingService`): listed,
 * compared two at a time, and commented on by the unit's reviewers and the committee office. Only the
 * issuing unit and committee staff see them.
 */
@Injectable()
export class ReplyVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, replyId: string): Promise<VersionSummary[]> {
    await this.loadWorking(this.dataSource.manager, actor, replyId);
    return this.summaries(this.dataSource.manager, replyId);
  }

  async get(actor: Actor, replyId: string, seq: number): Promise<VersionView> {
    await this.loadWorking(this.dataSource.manager, actor, replyId);
    const version = await this.version(this.dataSource.manager, replyId, seq);
    const [summary] = await this.summaries(this.dataSource.manager, replyId, seq);
    return {
      ...summary,
      body: version.body,
      contactUnitId: version.contactUnitId,
      contacts: version.contacts,
      commentList: await this.comments(this.dataSource.manager, { versionId: version.id }),
    };
  }

  /** What changed from version `from` to version `to` (either order): the body line by line, and the other fields. */
  async diff(actor: Actor, replyId: string, from: number, to: number): Promise<VersionDiff> {
    await this.loadWorking(this.dataSource.manager, actor, replyId);
    const [older, newer] = [await this.version(this.dataSource.manager, replyId, from, 'from'), await this.version(this.dataSource.manager, replyId, to, 'to')];
    const fields: VersionDiff['fields'] = [];
    if (older.grade !== newer.grade) fields.push({ field: 'grade', from: older.grade, to: newer.grade });
    if (older.contactUnitId !== newer.contactUnitId) fields.push({ field: 'contactUnitId', from: older.contactUnitId, to: newer.contactUnitId });
    if (JSON.stringify(older.contacts) !== JSON.stringify(newer.contacts)) fields.push({ field: 'contacts', from: older.contacts, to: newer.contacts });
    return { from, to, body: lineDiff(older.body, newer.body), fields };
  }

  /** A remark on a version; the reply's drafter is told. */
  async comment(actor: Actor, replyId: string, seq: number, text: string, quote: string | undefined): Promise<VersionCommentView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const reply = await this.loadWorking(manager, actor, replyId);
      const version = await this.version(manager, replyId, seq);
      const now = this.clock.now();
      const comment = await manager.save(manager.create(ReplyVersionComment, { versionId: version.id, authorUserId: actor.userId, text, quote: quote ?? null, createdAt: now }));
      await this.audit.record(manager, {
        committeeId: reply.committeeId,
        actorUserId: actor.userId,
        entity: RepliesEntity.Reply,
        entityId: reply.id,
        action: 'reply.version-commented',
        after: { seq, commentId: comment.id },
        at: now,
      });
      await this.notifications.notify(manager, {
        committeeId: reply.committeeId,
        recipientUserIds: [reply.draftedByUserId].filter((userId) => userId !== actor.userId),
        kind: ReplyNoticeKind.Commented,
        title: `${actor.displayName}对《${reply.title}》第${seq}稿提出意见：${text.slice(0, 60)}`,
        subject: { entity: RepliesEntity.Reply, id: reply.id },
        dedupeKey: `reply.commented-${comment.id}`,
        at: now,
      });
      return comment.id;
    });
    const [comment] = await this.comments(this.dataSource.manager, { commentId: id });
    return comment;
  }

  /** A reply whose working drafts the actor may see (404 otherwise, so its existence is not revealed). */
  private async loadWorking(manager: EntityManager, actor: Actor, replyId: string): Promise<Reply> {
    const policy = workingReplies(actor);
    const reply = await manager.getRepository(Reply).createQueryBuilder('r').where('r.id = :replyId', { replyId }).andWhere(policy.sql, policy.params).getOne();
    if (!reply) throw DomainError.notFound('Reply', replyId);
    return reply;
  }

  private async version(manager: EntityManager, replyId: string, seq: number, field = 'seq'): Promise<ReplyVersion> {
    const version = await manager.getRepository(ReplyVersion).findOneBy({ replyId, seq });
    if (!version) throw new DomainError('not_found', RepliesErrorCode.VERSION_NOT_FOUND, `This reply has no version ${seq}`, { fields: [{ field, problems: [`${field} must be a saved version`] }] });
    return version;
  }

  /** The remarks on one version, or one remark by its id, oldest first. */
  private async comments(manager: EntityManager, which: { versionId: string } | { commentId: string }): Promise<VersionCommentView[]> {
    const rows: Array<{ id: string; author_user_id: string; display_name: string; text: string; quote: string | null; created_at: Date }> = await manager.query(
      `SELECT c.id, c.author_user_id, ${userNameSql('c.author_user_id')} AS display_name, c.text, c.quote, c.created_at FROM reply_version_comments c
       WHERE ${'versionId' in which ? 'c.version_id' : 'c.id'} = $1 ORDER BY c.created_at, c.id`,
      ['versionId' in which ? which.versionId : which.commentId],
    );
    return rows.map((c) => ({
      id: c.id,
      authorUserId: c.author_user_id,
      authorName: c.display_name,
      text: c.text,
      quote: c.quote,
      createdAt: new Date(c.created_at).toISOString(),
    }));
  }

  /** Every version's summary, or one version's (`seq`). */
  private async summaries(manager: EntityManager, replyId: string, seq?: number): Promise<VersionSummary[]> {
    const rows: Array<{ seq: number; author_user_id: string; display_name: string; grade: string | null; body_length: number; comments: number; created_at: Date; latest: boolean }> =
      await manager.query(
        `SELECT v.seq, v.author_user_id, ${userNameSql('v.author_user_id')} AS display_name, v.grade, length(v.body) AS body_length, v.created_at,
                (SELECT count(*)::int FROM reply_version_comments c WHERE c.version_id = v.id) AS comments,
                v.seq = (SELECT max(seq) FROM reply_versions m WHERE m.reply_id = v.reply_id) AS latest
         FROM reply_versions v WHERE v.reply_id = $1 ${seq === undefined ? '' : 'AND v.seq = $2'} ORDER BY v.seq`,
        seq === undefined ? [replyId] : [replyId, seq],
      );
    return rows.map((row) => ({
      seq: row.seq,
      authorUserId: row.author_user_id,
      authorName: row.display_name,
      grade: row.grade,
      bodyLength: Number(row.body_length),
      comments: row.comments,
      createdAt: new Date(row.created_at).toISOString(),
      latest: row.latest,
    }));
  }
}
