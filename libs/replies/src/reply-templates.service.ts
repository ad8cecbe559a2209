import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor, seesWholeCommittee } from '#app/auth';
import { Clock, DomainError, updateAtVersion } from '#app/core';
import { UnitKind, unitsOfKind } from '#app/org';
import { checkContactBlock } from './contact-block.js';
import { ReplyTemplate } from './reply-template.entity.js';
import { type ReplyContact, ReplyKind } from './reply.entity.js';
import { RepliesEntity } from './replies.vocabulary.js';
import { RepliesErrorCode } from './replies.errors.js';

/** What a new reply starts from. */
export interface TemplateContent {
  opening: string;
  scaffold: string;
  contactUnitId: string | null;
  contacts: ReplyContact[];
  /** null: the session's default offices (a 会办意见: none) */
  copyUnitIds: string[] | null;
}

export interface TemplateView extends TemplateContent {
  unitId: string;
  kind: ReplyKind;
  /** true while the unit has not set its own and the built-in default applies */
  isDefault: boolean;
  version: number | null;
}

/** The words an opening may use; each is filled in when a draft starts. */
export const TEMPLATE_PLACEHOLDERS = ['proposalTitle', 'proposalNumber', 'memberName', 'unitName', 'workArea'] as const;
export type TemplateValues = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

const ANSWER_OPENING = '您提出的《{proposalTitle}》已收悉，非常感谢您对{workArea}的关心和提出的建议。';
const ANSWER_SCAFFOLD = '一、基本情况\n\n二、采取的措施\n（一）\n\n三、存在问题和下步打算\n';

/** The built-in templates: the wording of the Anyang reply, and a co-unit's letter to the lead unit. */
export const DEFAULT_TEMPLATES: Readonly<Record<ReplyKind, TemplateContent>> = {
  [ReplyKind.Answer]: { opening: ANSWER_OPENING, scaffold: ANSWER_SCAFFOLD, contactUnitId: null, contacts: [], copyUnitIds: null },
  [ReplyKind.SeparateAnswer]: { opening: ANSWER_OPENING, scaffold: ANSWER_SCAFFOLD, contactUnitId: null, contacts: [], copyUnitIds: null },
  [ReplyKind.CoOpinion]: {
    opening: '贵单位主办的《{proposalTitle}》收悉，现将我单位会办意见函告如下：',
    scaffold: '一、会办意见\n\n二、有关情况\n',
    contactUnitId: null,
    contacts: [],
    copyUnitIds: [],
  },
};

/** Fills the placeholders of an opening. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as keyof TemplateValues] : whole));
}

/**
 * 答复模板: each unit keeps one template per kind of reply (答复, 分办答复, 会办意见); its drafters and
 * leaders manage it, committee staff read it. Changes are audited and made at the version read.
 */
@Injectable()
export class ReplyTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The unit's template of each kind (its own, or the default). */
  async list(actor: Actor, unitId: string): Promise<TemplateView[]> {
    await this.requireUnit(this.dataSource.manager, actor, unitId, false);
    const own = await this.dataSource.getRepository(ReplyTemplate).findBy({ unitId });
    return Object.values(ReplyKind).map((kind) => {
      const mine = own.find((t) => t.kind === kind);
      return mine ? toView(mine) : { unitId, kind, ...DEFAULT_TEMPLATES[kind], isDefault: true, version: null };
    });
  }

  /** What a unit's new reply of a kind starts from (for drafting, inside the caller's transaction). */
  async effective(manager: EntityManager, unitId: string, kind: ReplyKind): Promise<TemplateContent> {
    const own = await manager.getRepository(ReplyTemplate).findOneBy({ unitId, kind });
    return own ? toView(own) : DEFAULT_TEMPLATES[kind];
  }

  /**
   * Sets the unit's template of a kind. The first time, no version is given; after that, the version
   * read (a change made since answers 409).
   */
  async put(actor: Actor, unitId: string, kind: ReplyKind, version: number | undefined, content: TemplateContent): Promise<TemplateView> {
    await this.dataSource.transaction(async (manager) => {
      await this.requireUnit(manager, actor, unitId, true);
      await this.check(manager, actor.committeeId, unitId, content);
      const existing = await manager.getRepository(ReplyTemplate).findOneBy({ unitId, kind });
      if (existing) {
        if (version === undefined) throw DomainError.invalidField('version', 'version is required: this unit already has a template of this kind');
        await updateAtVersion(manager, ReplyTemplate, 'ReplyTemplate', existing.id, version, content as Partial<ReplyTemplate>);
      } else {
        await manager.insert(ReplyTemplate, { committeeId: actor.committeeId, unitId, kind, ...content });
      }
      await this.record(manager, actor, unitId, 'reply-template.set', existing ? toContent(existing) : null, { kind, ...content });
    });
    return (await this.list(actor, unitId)).find((t) => t.kind === kind) as TemplateView;
  }

  /** Back to the built-in default. */
  async remove(actor: Actor, unitId: string, kind: ReplyKind): Promise<TemplateView> {
    await this.dataSource.transaction(async (manager) => {
      await this.requireUnit(manager, actor, unitId, true);
      const existing = await manager.getRepository(ReplyTemplate).findOneBy({ unitId, kind });
      if (!existing) throw new DomainError('not_found', RepliesErrorCode.TEMPLATE_NOT_FOUND, 'This unit has no template of this kind; the default applies');
      await manager.delete(ReplyTemplate, { id: existing.id });
      await this.record(manager, actor, unitId, 'reply-template.removed', toContent(existing), { kind });
    });
    return (await this.list(actor, unitId)).find((t) => t.kind === kind) as TemplateView;
  }

  /** A handling unit of the committee the actor may read (staff) or change (its own people); 404 otherwise. */
  private async requireUnit(manager: EntityManager, actor: Actor, unitId: string, change: boolean): Promise<void> {
    const [unit] = await unitsOfKind(manager, actor.committeeId, [unitId], UnitKind.Handling);
    const own = actor.handlingUnitIds.includes(unitId);
    if (!unit || (!own && !seesWholeCommittee(actor))) throw DomainError.notFound('Unit', unitId);
    if (change && !own) throw new DomainError('forbidden', RepliesErrorCode.NOT_UNIT_TEMPLATE, 'Only the unit’s own drafters and leaders manage its reply templates');
  }

  private async check(manager: EntityManager, committeeId: string, unitId: string, content: TemplateContent): Promise<void> {
    const unknown = [...content.opening.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw DomainError.invalidField('opening', `opening may use only ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}; unknown: ${unknown.join(', ')}`);
    }
    await checkContactBlock(manager, committeeId, unitId, content);
  }

  private async record(manager: EntityManager, actor: Actor, unitId: string, action: string, before: object | null, after: object): Promise<void> {
    await this.audit.record(manager, {
      committeeId: actor.committeeId,
      actorUserId: actor.userId,
      entity: RepliesEntity.Unit,
      entityId: unitId,
      action,
      before: before as Record<string, unknown> | null,
      after: after as Record<string, unknown>,
      at: this.clock.now(),
    });
  }
}

const toContent = (t: ReplyTemplate): TemplateContent => ({
  opening: t.opening,
  scaffold: t.scaffold,
  contactUnitId: t.contactUnitId,
  contacts: t.contacts,
  copyUnitIds: t.copyUnitIds,
});

const toView = (t: ReplyTemplate): TemplateView => ({ unitId: t.unitId, kind: t.kind, ...toContent(t), isDefault: false, version: t.version });
