import { randomUUID } from 'node:crypto';
import { AdjustmentsService, ExtensionsService } from '#app/handling';
import { Notification } from '#app/notifications';
import { Role } from '#app/org';
import { AttachmentsService } from '#app/proposals';
import { Disclosure, FollowUpsService } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import type { TestApp } from '../helpers/test-app.js';

/** The ten people of the matrix, in the order of each row's expected statuses. */
export const ACTORS = ['anonymous', 'member', 'member2', 'drafter', 'drafter2', 'leader', 'leader2', 'staff', 'office', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

/** The rows the matrix requests: one of each kind, owned by the first of each pair of actors. */
export interface MatrixIds {
  /** 袁媛's proposal: filed, assigned to the police (lead), answered (grade B, 全文公开), dispatched, copied to the offices. */
  proposal: string;
  assignment: string;
  reply: string;
  followUp: string;
  /** 袁媛's private draft with one attachment. */
  draft: string;
  attachment: string;
  /** An assignment to the police the drafter asked to be relieved of. */
  adjustment: string;
  /** An accepted assignment to the police with an extension request pending. */
  extension: string;
  /** One of 袁媛's notices. */
  notification: string;
  unit: string;
  session: string;
  user: string;
  /** An id that names nothing: for deletions that must not delete anything. */
  nothing: string;
}

/** Usernames (demo names, tagged by the committee) of each actor; anonymous has none. */
const USERNAMES: Record<Exclude<ActorName, 'anonymous'>, string> = {
  member: 'yuanyuan',
  member2: 'lifang',
  drafter: 'chending',
  drafter2: 'zhaolei',
  leader: 'guochengji',
  leader2: 'qianli',
  staff: 'anyang-staff',
  office: 'anyang-swb',
  admin: 'anyang-admin',
};

export async function buildMatrixScenario(t: TestApp, c: TestCommittee): Promise<{ ids: MatrixIds; tokens: Record<ActorName, string | null> }> {
  const s = new Scenario(t, c);
  await s.addUser('lifang', '李芳', Role.Member);
  await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
  await s.addUser('qianli', '钱立', Role.Leader, 'finance');

  const member = await s.actor('yuanyuan');
  const draft = await s.proposals.create(member, { sessionId: c.sessionId, title: '关于袁媛委员草稿的提案', body: '一、情况分析\n草稿正文。' });
  const attachment = await t.app.get(AttachmentsService).add(member, draft.id, { originalName: '材料.txt', bytes: Buffer.from('附件内容') });

  const { proposal, assignment, reply } = await s.dispatched(Disclosure.Full);
  const [followUp] = (await t.app.get(FollowUpsService).list(await s.actor('anyang-staff'), { proposalId: proposal.id, limit: 1, offset: 0 })).items;

  const staff = await s.actor('anyang-staff');
  const drafter = await s.actor('chending');
  const toAdjust = await s.filed('关于调整交办单位的提案');
  const [adjusted] = (await s.assigning.assign(staff, toAdjust.id, { version: toAdjust.version, leadUnitId: c.unitIds.police })).assignments;
  const adjustment = await t.app.get(AdjustmentsService).request(drafter, adjusted.id, '本提案不属于本单位职责范围', []);

  const toExtend = await s.filed('关于延期办理的提案');
  const [extended] = (await s.assigning.assign(staff, toExtend.id, { version: toExtend.version, leadUnitId: c.unitIds.police })).assignments;
  await s.handling.accept(drafter, extended.id, extended.version);
  const extension = await t.app.get(ExtensionsService).request(drafter, extended.id, '2022-06-30', '需要跨部门调查取证');

  const notice = await t.dataSource.getRepository(Notification).findOneOrFail({ where: { recipientUserId: c.userId('yuanyuan'), committeeId: c.committeeId } });

  const ids: MatrixIds = {
    proposal: proposal.id,
    assignment: assignment.id,
    reply: reply.id,
    followUp: followUp.id,
    draft: draft.id,
    attachment: attachment.id,
    adjustment: adjustment.id,
    extension: extension.id,
    notification: notice.id,
    unit: c.unitIds.police,
    session: c.sessionId,
    user: c.userId('yuanyuan'),
    nothing: randomUUID(),
  };
  const tokens = { anonymous: null } as Record<ActorName, string | null>;
  for (const [actor, username] of Object.entries(USERNAMES)) tokens[actor as ActorName] = (await t.as(c.username(username))).token;
  return { ids, tokens };
}
