import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '#app/audit';
import { Clock, DomainError, updateAtVersion } from '#app/core';
import { type OrgActor, recordOrgChange } from './org-audit.js';
import { Unit, UnitKind } from './unit.entity.js';
import { OrgErrorCode } from './org.errors.js';
import { OrgEntity } from './org.vocabulary.js';

export interface UnitInput {
  name: string;
  kind: UnitKind;
  parentId?: string | null;
  docPrefix?: string | null;
  workArea?: string | null;
  remitKeywords?: string[];
}

export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  docPrefix: string | null;
  workArea: string | null;
  remitKeywords: string[];
  version: number;
}

/**
 * Work that depends on a unit's name, done in the renaming transaction by a lib above org (e.g. the
 * proposals' search documents, which hold the units' names).
 */
export type UnitRenamedListener = (manager: EntityManager, unitId: string) => Promise<unknown>;

/** Remit keywords trimmed, without blanks or repeats, in the order given. */
function normaliseKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k.length > 0))];
}

export const toUnitView = (u: Unit): UnitView => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  docPrefix: u.docPrefix,
  workArea: u.workArea,
  remitKeywords: u.remitKeywords,
  version: u.version,
});

/** A unit of the committee, or a 404. */
export async function requireUnit(manager: EntityManager, committeeId: string, id: string): Promise<Unit> {
  const unit = await manager.getRepository(Unit).findOneBy({ id, committeeId });
  if (!unit) throw DomainError.notFound('Unit', id);
  return unit;
}

/** Offices (抄送单位) of the committee, or a 400. */
export async function requireOffices(manager: EntityManager, committeeId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await manager.getRepository(Unit).countBy({ id: In(ids), committeeId, kind: UnitKind.Office });
  if (found !== new Set(ids).size) {
    throw new DomainError('invalid', OrgErrorCode.COPY_UNIT_NOT_OFFICE, 'defaultCopyUnitIds must name offices (抄送单位) of this committee');
  }
}

/** The committee's units (承办单位 and 抄送单位, with parent units): the administrator's work. */
@Injectable()
export class UnitsService {
  private readonly renamedListeners: UnitRenamedListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Registers work to do in the same transaction when a unit's name changes. */
  onRenamed(listener: UnitRenamedListener): void {
    this.renamedListeners.push(listener);
  }

  async listUnits(committeeId: string, kind?: UnitKind): Promise<UnitView[]> {
    const units = await this.dataSource
      .getRepository(Unit)
      .find({ where: { committeeId, ...(kind ? { kind } : {}) }, order: { name: 'ASC' } });
    return units.map(toUnitView);
  }

  async createUnit(actor: OrgActor, input: UnitInput): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      if (input.parentId) await requireUnit(manager, actor.committeeId, input.parentId);
      const unit = await manager.save(
        manager.create(Unit, {
          committeeId: actor.committeeId,
          name: input.name,
          kind: input.kind,
          parentId: input.parentId ?? null,
          docPrefix: input.docPrefix ?? null,
          workArea: input.workArea ?? null,
          remitKeywords: normaliseKeywords(input.remitKeywords ?? []),
        }),
      );
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.Unit, entityId: unit.id, action: 'unit.created', before: null, after: toUnitView(unit), at: this.clock.now() });
      return toUnitView(unit);
    });
  }

  /**
   * Updates a unit, audited; when its name changes, the listeners registered with {@link onRenamed} run in
   * the same transaction (the proposals it works on are found by the new name at once, ADR 11).
   */
  async updateUnit(actor: OrgActor, id: string, version: number, input: Partial<UnitInput>): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await requireUnit(manager, actor.committeeId, id);
      if (input.parentId) {
        await requireUnit(manager, actor.committeeId, input.parentId);
        await this.refuseCycle(manager, id, input.parentId);
      }
      const changes = input.remitKeywords ? { ...input, remitKeywords: normaliseKeywords(input.remitKeywords) } : input;
      await updateAtVersion(manager, Unit, 'Unit', id, version, changes);
      const after = await manager.getRepository(Unit).findOneByOrFail({ id });
      await recordOrgChange(this.audit, manager, actor, { entity: OrgEntity.Unit, entityId: id, action: 'unit.updated', before: toUnitView(before), after: toUnitView(after), at: this.clock.now() });
      if (after.name !== before.name) for (const listener of this.renamedListeners) await listener(manager, id);
      return toUnitView(after);
    });
  }

  private async refuseCycle(manager: EntityManager, id: string, parentId: string): Promise<void> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM units WHERE id = $1
         UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT id FROM up WHERE id = $2`,
      [parentId, id],
    );
    if (rows.length > 0) throw new DomainError('invalid', OrgErrorCode.UNIT_CYCLE, 'parentId would make the unit its own ancestor');
  }
}
