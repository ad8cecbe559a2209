import { EntityManager } from 'typeorm';
import type { Actor } from '#app/auth';
import { DomainError } from '#app/core';
import { AssignmentRole, HandlingService, isOpen } from '#app/handling';
import { Role, userIdsOfUnitAndAbove } from '#app/org';
import { nextReplyStatus, ReplyAction } from './reply-status.js';
import { Reply, ReplyKind, ReplyStatus } from './reply.entity.js';
import { visibleReplies } from './replies.policy.js';
import { RepliesErrorCode } from './replies.errors.js';

/*
 * The checks the reply use cases share (drafting, review, sign-off, dispatch): plain functions on the
 * transaction's EntityManager, so each service keeps only the collaborators it needs.
 */

/** A reply of one of the actor's handling units, locked for the change unless `lock` is false. */
export async function loadForUnit(manager: EntityManager, actor: Actor, id: string, lock = true): Promise<Reply> {
  const policy = visibleReplies(actor);
  const builder = manager.getRepository(Reply).createQueryBuilder('r');
  if (lock) builder.setLock('pessimistic_write');
  const reply = await builder
    .where('r.id = :id', { id })
    .andWhere(policy.sql, policy.params)
    .getOne();
  if (!reply) throw DomainError.notFound('Reply', id);
  if (!actor.handlingUnitIds.includes(reply.unitId)) {
    throw new DomainError('forbidden', RepliesErrorCode.NOT_REPLY_UNIT, 'Only the unit that issues this reply may change it');
  }
  return reply;
}

export function requireSigner(actor: Actor, reply: Reply): void {
  if (!actor.signingUnitIds.includes(reply.unitId)) {
    throw new DomainError('forbidden', RepliesErrorCode.NOT_SIGNING_LEADER, 'Only a leader (签发人) of the issuing unit may do this');
  }
}

export function requireAllowed(reply: Reply, action: ReplyAction): ReplyStatus {
  const to = nextReplyStatus(reply.status, action);
  if (!to) {
    throw new DomainError('conflict', RepliesErrorCode.REPLY_ILLEGAL_TRANSITION, `A reply in status ${reply.status} cannot ${action}`, {
      status: reply.status,
      action,
    });
  }
  return to;
}

/** A draft complete enough to go on (to review or to sign-off), and for an answer, every co-unit's opinion in (会签). */
export async function requireReady(manager: EntityManager, handling: HandlingService, reply: Reply, next: 'review' | 'sign-off'): Promise<void> {
  const missing = [
    (!reply.body.trim() || reply.body.trim() === reply.scaffold?.trim()) && 'body', // only the section headings: not written yet
    reply.kind !== ReplyKind.CoOpinion && !reply.grade && 'grade', // a 会办意见 has no 办理结果
    !reply.contactUnitId && 'contactUnitId',
    reply.contacts.length === 0 && 'contacts',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new DomainError('invalid', RepliesErrorCode.REPLY_INCOMPLETE, `Fill in ${missing.join(', ')} before sending the reply to ${next}`, { missing });
  }
  if (next === 'sign-off' && reply.kind === ReplyKind.Answer) await requireCountersigned(manager, handling, reply.proposalId);
}

/**
 * 会签: the lead unit's answer goes to sign-off only once every co-unit has sent its 会办意见 (its
 * assignment replied) or the committee has waived it (closed); a 409 names the units still missing.
 */
async function requireCountersigned(manager: EntityManager, handling: HandlingService, proposalId: string): Promise<void> {
  const names = (await handling.activeAssignments(manager, proposalId)).filter((a) => a.role === AssignmentRole.Co && isOpen(a)).map((a) => a.unitName);
  if (names.length > 0) {
    throw new DomainError(
      'conflict',
      RepliesErrorCode.COUNTERSIGN_MISSING,
      `The co-units' opinions (会办意见) are not all in: ${names.join('、')}. Send to sign-off once they are, or ask the committee to waive them`,
      { units: names },
    );
  }
}

/** Leaders of a unit and of the units above it: who may sign its replies off. */
export async function unitLeaders(manager: EntityManager, committeeId: string, unitId: string): Promise<string[]> {
  return userIdsOfUnitAndAbove(manager, committeeId, unitId, [Role.Leader]);
}

/** Drafters and leaders of a unit and of the units above it: who may review its drafts. */
export async function unitPeople(manager: EntityManager, committeeId: string, unitId: string): Promise<string[]> {
  return userIdsOfUnitAndAbove(manager, committeeId, unitId, [Role.Drafter, Role.Leader]);
}
