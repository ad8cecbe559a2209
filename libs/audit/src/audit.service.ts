import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertRows } from '#app/core';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  committeeId: string | null;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at: Date;
}

export interface AuditEntryView {
  id: string;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

/** Writes audit entries inside the caller's transaction; the table refuses UPDATE and DELETE. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await this.recordMany(manager, [entry]);
  }

  /** Many entries in one INSERT (a 交办会 writes thousands). */
  async recordMany(manager: EntityManager, entries: readonly AuditRecord[]): Promise<void> {
    await insertRows(
      manager,
      AuditEntry,
      entries.map((entry) => ({ ...entry, before: entry.before ?? null, after: entry.after ?? null }) as AuditEntry),
    );
  }

  /** The audit trail of one record within a committee, oldest first. */
  async trail(committeeId: string, entityId: string): Promise<AuditEntryView[]> {
    const rows = await this.dataSource.getRepository(AuditEntry).find({
      where: { committeeId, entityId },
      order: { at: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => ({
      id: row.id,
      actorUserId: row.actorUserId,
      entity: row.entity,
      entityId: row.entityId,
      action: row.action,
      before: row.before,
      after: row.after,
      at: row.at.toISOString(),
    }));
  }
}
