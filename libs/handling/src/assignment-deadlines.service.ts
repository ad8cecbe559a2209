import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock } from '#app/core';
import { AssignmentRole } from './assignment.entity.js';
import type { AssignmentView } from './assignment-views.js';
import { dueKindOf } from './assigning.service.js';
import { DeadlinesService, type DeadlineView } from './deadlines.service.js';
import { HandlingNotices } from './handling-notices.js';
import { HandlingService } from './handling.service.js';
import { HandlingEntity, HandlingNoticeKind } from './handling.vocabulary.js';
import { proposalNumberSql, proposalTitleSql } from '#app/proposals';

/** The committee's work on the clock of open assignments: 暂停计时, resuming it, and 催办 by hand. */
@Injectable()
export class AssignmentDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly deadlines: DeadlinesService,
    private readonly notices: HandlingNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** 暂停计时 (committee staff): the reply clock stops, e.g. while waiting for the member. */
  async stopClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadOpen(manager, actor, id);
      await this.deadlines.stopClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, dueKindOf(assignment.role)), reason);
    });
    return this.handling.get(actor, id);
  }

  /** The reply clock runs again; the due date moves by the days it stood still. */
  async resumeClock(actor: Actor, id: string, reason: string): Promise<AssignmentView & { deadlines: DeadlineView[] }> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadOpen(manager, actor, id);
      return this.deadlines.resumeClock(manager, actor.userId, await this.deadlines.load(manager, assignment.id, dueKindOf(assignment.role)), reason);
    });
    return this.handling.get(actor, id);
  }

  /**
   * 催办 by hand (committee staff), one or many assignments at once, all or nothing: each unit's
   * drafters and leaders are told, and each urge is recorded.
   */
  async urge(actor: Actor, ids: string[], message: string): Promise<{ urged: number }> {
    const unique = [...new Set(ids)];
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (const id of unique) {
        const assignment = await this.handling.loadOpen(manager, actor, id);
        const [row]: Array<{ number: number | null; title: string; due: string }> = await manager.query(
          `SELECT ${proposalNumberSql('$1::uuid')} AS number, ${proposalTitleSql('$1::uuid')} AS title, to_char(d.due_date, 'YYYY-MM-DD') AS due
           FROM deadlines d WHERE d.assignment_id = $2 AND d.kind = $3`,
          [assignment.proposalId, assignment.id, dueKindOf(assignment.role)],
        );
        await this.notices.toUnits(manager, [assignment.unitId], {
          committeeId: assignment.committeeId,
          kind: HandlingNoticeKind.ManualUrge,
          title: `【催办】第${row.number}号提案《${row.title}》（${assignment.role === AssignmentRole.Co ? '会办意见' : '办复'}期限${row.due}）：${message}`,
          subject: { entity: HandlingEntity.Assignment, id },
          dedupeKey: `urge-${id}-${now.getTime()}`,
          at: now,
        });
        await this.audit.record(manager, {
          committeeId: assignment.committeeId,
          actorUserId: actor.userId,
          entity: HandlingEntity.Assignment,
          entityId: id,
          action: 'assignment.urged',
          after: { message },
          at: now,
        });
      }
    });
    return { urged: unique.length };
  }
}
