import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { AppConfig, Clock, DomainError, localDate, type Page } from '#app/core';
import { CodeTable, CodeTablesService, innerJoinUnit } from '#app/org';
import { innerJoinProposal } from '#app/proposals';
import { FollowUp, FollowUpStatus } from './follow-up.entity.js';
import { FollowUpAction, requireFollowUpAllowed } from './follow-up-status.js';
import { visibleReplies } from './replies.policy.js';
import { ReplyNotices } from './reply-notices.js';
import { RepliesEntity } from './replies.vocabulary.js';
import { RepliesErrorCode } from './replies.errors.js';

export interface FollowUpView {
  id: string;
  proposalId: string;
  proposalNumber: number | null;
  proposalTitle: string;
  unitId: string;
  unitName: string;
  replyId: string;
  replyDocNumber: string | null;
  firstGrade: string;
  dueDate: string;
  status: FollowUpStatus;
  /** open and its due date has passed */
  overdue: boolean;
  resultGrade: string | null;
  resultText: string | null;
  recordedByUserId: string | null;
  recordedAt: string | null;
}

export interface ListFollowUpsQuery {
  status?: FollowUpStatus;
  /** only open follow-ups whose due date has passed */
  overdue?: boolean;
  proposalId?: string;
  limit: number;
  offset: number;
}

interface RawFollowUp {
  id: string;
  proposal_id: string;
  number: number | null;
  title: string;
  unit_id: string;
  unit_name: string;
  reply_id: string;
  doc_number: string | null;
  first_grade: string;
  due_date: string;
  status: FollowUpStatus;
  result_grade: string | null;
  result_text: string | null;
  recorded_by_user_id: string | null;
  recorded_at: Date | null;
}

/**
 * 跟踪办理: an answer graded anything but the committee's first grade (A, 已解决) is revisited. Its
 * follow-up opens at dispatch (`DispatchFollowThrough`), due by the session's `followUp` rule; the unit (or the committee)
 * records the second result — a grade of the same table and what has happened since — and the
 * proposers and the committee are told. The first result stays as it was.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codeTables: CodeTablesService,
    private readonly notices: ReplyNotices,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The unit (its drafters and leaders) or committee staff record the second result. */
  async record(actor: Actor, id: string, grade: string, text: string): Promise<FollowUpView> {
    await this.dataSource.transaction(async (manager) => {
      const followUp = await this.visible(manager, actor, id, true);
      if (!seesWholeCommittee(actor) && !actor.handlingUnitIds.includes(followUp.unit_id)) {
        throw new DomainError('forbidden', RepliesErrorCode.NOT_FOLLOW_UP_UNIT, 'Only the unit that replied, or the committee, records the follow-up result');
      }
      const to = requireFollowUpAllowed({ status: followUp.status, resultGrade: followUp.result_grade }, FollowUpAction.Record);
      await this.codeTables.require(manager, actor.committeeId, CodeTable.ReplyGrade, grade, 'grade', RepliesErrorCode.GRADE_UNKNOWN);
      const now = this.clock.now();
      await manager.update(FollowUp, { id }, { status: to, resultGrade: grade, resultText: text, recordedByUserId: actor.userId, recordedAt: now });
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: RepliesEntity.FollowUp,
        entityId: id,
        action: 'follow-up.recorded',
        before: { status: followUp.status, grade: followUp.first_grade },
        after: { status: to, grade, text },
        at: now,
      });
      await this.notices.followUpRecorded(
        manager,
        actor.committeeId,
        { id, proposalId: followUp.proposal_id, proposalNumber: followUp.number, unitName: followUp.unit_name, firstGrade: followUp.first_grade },
        grade,
        now,
      );
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<FollowUpView> {
    return this.toView(await this.visible(this.dataSource.manager, actor, id, false));
  }

  /** Follow-ups of the replies the actor may read: staff the committee's, a unit its own, proposers theirs. */
  async list(actor: Actor, query: ListFollowUpsQuery): Promise<Page<FollowUpView>> {
    const builder = this.query(this.dataSource.manager, actor);
    if (query.status) builder.andWhere('f.status = :status', { status: query.status });
    if (query.overdue) builder.andWhere("f.status = 'open' AND f.due_date < :today::date", { today: this.today() });
    if (query.proposalId) builder.andWhere('f.proposal_id = :proposalId', { proposalId: query.proposalId });
    const total = await builder.clone().getCount();
    const rows = await builder.orderBy('f.due_date', 'ASC').addOrderBy('f.id', 'ASC').limit(query.limit).offset(query.offset).getRawMany<RawFollowUp>();
    return { items: rows.map((row) => this.toView(row)), total, limit: query.limit, offset: query.offset };
  }

  private async visible(manager: EntityManager, actor: Actor, id: string, lock: boolean): Promise<RawFollowUp> {
    const builder = this.query(manager, actor).andWhere('f.id = :id', { id });
    if (lock) builder.setLock('pessimistic_write', undefined, ['f']);
    const row = await builder.getRawOne<RawFollowUp>();
    if (!row) throw DomainError.notFound('FollowUp', id);
    return row;
  }

  private query(manager: EntityManager, actor: Actor) {
    const policy = visibleReplies(actor);
    const query = manager.getRepository(FollowUp).createQueryBuilder('f').innerJoin('replies', 'r', 'r.id = f.reply_id');
    return innerJoinUnit(innerJoinProposal(query, 'f.proposal_id', 'p'), 'f.unit_id', 'u')
      .select([
        'f.id AS id',
        'f.proposal_id AS proposal_id',
        'p.number AS number',
        'p.title AS title',
        'f.unit_id AS unit_id',
        'u.name AS unit_name',
        'f.reply_id AS reply_id',
        'r.doc_number AS doc_number',
        'f.first_grade AS first_grade',
        "to_char(f.due_date, 'YYYY-MM-DD') AS due_date",
        'f.status AS status',
        'f.result_grade AS result_grade',
        'f.result_text AS result_text',
        'f.recorded_by_user_id AS recorded_by_user_id',
        'f.recorded_at AS recorded_at',
      ])
      .where(policy.sql, policy.params);
  }

  private today(): string {
    return localDate(this.clock.now(), this.config.TIME_ZONE);
  }

  private toView(row: RawFollowUp): FollowUpView {
    return {
      id: row.id,
      proposalId: row.proposal_id,
      proposalNumber: row.number,
      proposalTitle: row.title,
      unitId: row.unit_id,
      unitName: row.unit_name,
      replyId: row.reply_id,
      replyDocNumber: row.doc_number,
      firstGrade: row.first_grade,
      dueDate: row.due_date,
      status: row.status,
      overdue: row.status === FollowUpStatus.Open && row.due_date < this.today(),
      resultGrade: row.result_grade,
      resultText: row.result_text,
      recordedByUserId: row.recorded_by_user_id,
      recordedAt: row.recorded_at ? new Date(row.recorded_at).toISOString() : null,
    };
  }
}
