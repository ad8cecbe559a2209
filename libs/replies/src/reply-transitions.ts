import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import type { Actor } from '#app/auth';
import { Clock, updateAtVersion } from '#app/core';
import { ReplyAction } from './reply-status.js';
import { ReplyVersion } from './reply-version.entity.js';
import { Reply } from './reply.entity.js';
import { requireAllowed } from './reply-rules.js';
import { RepliesEntity } from './replies.vocabulary.js';

/**
 * A reply's history as the use cases write it, in their transaction: status steps by the transition
 * table (at the seen version), their audit entries, and the saved versions of a draft.
 */
@Injectable()
export class ReplyTransitions {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async transition(manager: EntityManager, actor: Actor, reply: Reply, expectedVersion: number, action: ReplyAction, changes: Partial<Reply>): Promise<void> {
    const to = requireAllowed(reply, action);
    await updateAtVersion(manager, Reply, 'Reply', reply.id, expectedVersion, { ...changes, status: to });
    await this.record(manager, actor, reply.id, `reply.${action}`, { status: reply.status, version: expectedVersion }, {
      status: to,
      version: expectedVersion + 1,
      ...JSON.parse(JSON.stringify(changes)),
    });
    Object.assign(reply, changes, { status: to, version: expectedVersion + 1 });
  }

  record(manager: EntityManager, actor: Actor, id: string, action: string, before: Record<string, unknown> | null, after: Record<string, unknown>): Promise<void> {
    return this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: RepliesEntity.Reply,
      entityId: id,
      action,
      before,
      after,
      at: this.clock.now(),
    });
  }

  async saveVersion(manager: EntityManager, actor: Actor, reply: Reply): Promise<void> {
    const seq = (await manager.getRepository(ReplyVersion).countBy({ replyId: reply.id })) + 1;
    await manager.insert(ReplyVersion, {
      replyId: reply.id,
      seq,
      body: reply.body,
      grade: reply.grade,
      contactUnitId: reply.contactUnitId,
      contacts: reply.contacts,
      authorUserId: actor.userId,
      createdAt: this.clock.now(),
    });
  }
}
