import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '#app/auth';
import { Clock, DomainError, publish, updateAtVersion } from '#app/core';
import { AssignmentRole, AssignmentStatus, HandlingService } from '#app/handling';
import { CodeTable, CodeTablesService, sessionById, unitById, userById } from '#app/org';
import { leadProposerId, ProposalsService } from '#app/proposals';
import { checkContactBlock } from './contact-block.js';
import { coOpinionTitle, groupAddressee, replyAddressee, replyTitle } from './reply-document.js';
import { loadForUnit, requireAllowed } from './reply-rules.js';
import { RepliesChangedEvent } from './replies.events.js';
import { ReplyAction } from './reply-status.js';
import { fillTemplate, ReplyTemplatesService } from './reply-templates.service.js';
import { ReplyTransitions } from './reply-transitions.js';
import { readReply, type ReplyView } from './reply-views.js';
import { Reply, type ReplyContact, ReplyKind, ReplyStatus } from './reply.entity.js';
import { RepliesErrorCode } from './replies.errors.js';

export interface DraftInput {
  body?: string;
  grade?: string;
  contactUnitId?: string;
  contacts?: ReplyContact[];
  copyUnitIds?: string[];
}

/** What a unit writes for each role it was given: 主办 答复, 分办 分办答复, 会办 会办意见. */
const KIND_OF_ROLE: Readonly<Record<AssignmentRole, ReplyKind>> = {
  [AssignmentRole.Lead]: ReplyKind.Answer,
  [AssignmentRole.Separate]: ReplyKind.SeparateAnswer,
  [AssignmentRole.Co]: ReplyKind.CoOpinion,
};

/** Drafting a reply: the draft started from the unit's template with its generated parts, and each edit saved as a version. */
@Injectable()
export class ReplyDraftingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handling: HandlingService,
    private readonly proposals: ProposalsService,
    private readonly templates: ReplyTemplatesService,
    private readonly codeTables: CodeTablesService,
    private readonly transitions: ReplyTransitions,
    private readonly clock: Clock,
  ) {}

  /** Starts the reply of an accepted assignment with title, addressee, opening and copies filled in. */
  async createDraft(actor: Actor, assignmentId: string, input: DraftInput): Promise<ReplyView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const assignment = await this.handling.loadForUnitWork(manager, actor, assignmentId);
      if (assignment.status !== AssignmentStatus.Accepted) {
        throw new DomainError('conflict', RepliesErrorCode.ASSIGNMENT_NOT_ACCEPTED, 'Accept (签收) the assignment before drafting its reply');
      }
      const kind = KIND_OF_ROLE[assignment.role];
      // One reply per handling round: 重新办理 (round 2) gets a second reply, the first kept as it was.
      if (await manager.getRepository(Reply).existsBy({ assignmentId, kind, round: assignment.round })) {
        throw new DomainError('conflict', RepliesErrorCode.REPLY_EXISTS, 'This assignment already has a reply; edit that one');
      }
      const proposal = await this.proposals.loadVisible(manager, actor, assignment.proposalId);
      const session = await sessionById(manager, proposal.sessionId);
      const unit = await unitById(manager, assignment.unitId);
      await this.checkDraft(manager, actor, unit.id, input);
      // The unit's template of this kind (or the default) gives the opening, the section scaffold, the
      // contact block and the copies; title, addressee and (at sign-off) number and date are generated.
      const template = await this.templates.effective(manager, unit.id, kind);
      let title: string;
      let addressee: string;
      let memberName = '';
      if (kind === ReplyKind.CoOpinion) {
        // 会办意见: addressed to the lead unit.
        const lead = (await this.handling.activeAssignments(manager, proposal.id)).find((a) => a.role === AssignmentRole.Lead);
        title = coOpinionTitle(session.name, proposal.number as number);
        addressee = `${lead?.unitName ?? '主办单位'}：`;
      } else {
        const leadUserId = await leadProposerId(manager, proposal.id);
        memberName = proposal.groupName ?? (await userById(manager, leadUserId)).displayName;
        title = replyTitle(session.name, proposal.number as number);
        addressee = proposal.groupName ? groupAddressee(proposal.groupName) : replyAddressee(memberName);
      }
      const opening = fillTemplate(template.opening, {
        proposalTitle: proposal.title,
        proposalNumber: String(proposal.number),
        memberName,
        unitName: unit.name,
        workArea: unit.workArea ?? '我们工作',
      });
      const reply = await manager.save(
        manager.create(Reply, {
          committeeId: actor.committeeId,
          proposalId: proposal.id,
          assignmentId,
          unitId: unit.id,
          kind,
          round: assignment.round,
          status: ReplyStatus.Drafting,
          grade: input.grade ?? null,
          title,
          addressee,
          opening,
          scaffold: template.scaffold,
          body: input.body ?? template.scaffold,
          contactUnitId: input.contactUnitId ?? template.contactUnitId,
          contacts: input.contacts ?? template.contacts,
          copyUnitIds: input.copyUnitIds ?? template.copyUnitIds ?? session.defaultCopyUnitIds,
          draftedByUserId: actor.userId,
        }),
      );
      await this.transitions.saveVersion(manager, actor, reply);
      await publish(manager, RepliesChangedEvent, reply.committeeId, { replyIds: [reply.id], change: 'drafted' });
      await this.transitions.record(manager, actor, reply.id, 'reply.created', null, { status: reply.status, assignmentId });
      return reply.id;
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  /** Saves a new version of a draft. Only the unit may edit, only while drafting, only at the seen version. */
  async updateDraft(actor: Actor, id: string, version: number, input: DraftInput): Promise<ReplyView> {
    await this.dataSource.transaction(async (manager) => {
      const reply = await loadForUnit(manager, actor, id);
      requireAllowed(reply, ReplyAction.Edit);
      await this.checkDraft(manager, actor, reply.unitId, input);
      const changes = stripUndefined({
        body: input.body,
        grade: input.grade,
        contactUnitId: input.contactUnitId,
        contacts: input.contacts,
        copyUnitIds: input.copyUnitIds,
      });
      await updateAtVersion(manager, Reply, 'Reply', id, version, changes);
      Object.assign(reply, changes);
      await this.transitions.saveVersion(manager, actor, reply);
      await publish(manager, RepliesChangedEvent, reply.committeeId, { replyIds: [id], change: 'edited' });
      await this.transitions.record(manager, actor, id, 'reply.edited', { version }, { version: version + 1 });
    });
    return readReply(this.dataSource.manager, actor, id, this.clock.now());
  }

  private async checkDraft(manager: EntityManager, actor: Actor, unitId: string, input: DraftInput): Promise<void> {
    if (input.grade !== undefined) {
      await this.codeTables.require(manager, actor.committeeId, CodeTable.ReplyGrade, input.grade, 'grade', RepliesErrorCode.GRADE_UNKNOWN);
    }
    await checkContactBlock(manager, actor.committeeId, unitId, input);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
