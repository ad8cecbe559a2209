import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { AppConfig, Clock, DomainError } from '#app/core';
import { CodeTablesService, type OrgActor } from '#app/org';
import { type ExportFile, streamWorkbook, type XlsxWriter } from '#app/statistics';
import { historyImporter } from './history-import.js';
import { type ColumnSpec, ImportKind, KIND_COLUMNS, SHEET_NAMES } from './import-kinds.js';
import type { ImportReport } from './import-report.js';
import { type ImportPlan, type ImportScope, type KindImporter, Problems } from './import-scope.js';
import { readImportSheet } from './import-workbook.js';
import { paperImporter } from './paper-import.js';
import { membersImporter, usersImporter } from './people-import.js';
import { unitsImporter } from './units-import.js';
import { ImportsErrorCode } from './imports.errors.js';

const IMPORTERS: Readonly<Record<ImportKind, KindImporter>> = {
  [ImportKind.Members]: membersImporter,
  [ImportKind.Units]: unitsImporter,
  [ImportKind.Users]: usersImporter,
  [ImportKind.History]: historyImporter,
  [ImportKind.Paper]: paperImporter,
};

const FILE_NAMES: Readonly<Record<ImportKind, string>> = {
  [ImportKind.Members]: '委员',
  [ImportKind.Units]: '单位',
  [ImportKind.Users]: '用户',
  [ImportKind.History]: '往届提案',
  [ImportKind.Paper]: '代录提案',
};

/** The 说明 sheet of a template or export: each column, whether it is required, what to write. */
function writeNotes(writer: XlsxWriter, columns: readonly ColumnSpec[]): void {
  const notes = writer.sheet<ColumnSpec>('说明', [
    { header: '列名', width: 16, value: (c) => c.header },
    { header: '必填', width: 8, value: (c) => (c.required ? '是' : '否') },
    { header: '说明', width: 80, value: (c) => c.note },
  ]);
  for (const column of columns) notes.add(column);
  notes.done();
}

/**
 * Imports a committee's spreadsheets (#21): a dry run reports every problem by row and column and writes
 * nothing; a confirmed import checks the same file again and writes it whole in one transaction, or
 * nothing, with one audit entry carrying the file's SHA-256 and the counts. Natural keys (username or
 * phone, unit name, session and number, session and proposer and title) make the same file imported
 * twice change nothing. Each kind exports in its template's shape, so an exported file comes back unchanged.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codeTables: CodeTablesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** What the file would do; nothing is written (the check runs in a read-only transaction). */
  async dryRun(actor: OrgActor, kind: ImportKind, bytes: Buffer): Promise<ImportReport> {
    const sheet = await readImportSheet(kind, bytes);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return (await this.check(manager, actor, kind, bytes, sheet)).report;
    });
  }

  /** Writes the file whole, or refuses it (400 IMPORT_INVALID with every problem) and writes nothing. */
  async confirm(actor: OrgActor, kind: ImportKind, bytes: Buffer): Promise<ImportReport> {
    const sheet = await readImportSheet(kind, bytes);
    return this.dataSource.transaction(async (manager) => {
      // one import at a time per committee: two uploads of one file cannot both create its rows
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${actor.committeeId}`]);
      const { report, plan } = await this.check(manager, actor, kind, bytes, sheet);
      if (report.problems.length > 0) {
        throw new DomainError('invalid', ImportsErrorCode.IMPORT_INVALID, `文件有 ${report.problems.length} 处问题，未导入任何数据：请按报告逐项修改后重新上传`, {
          problems: report.problems,
          fields: [{ field: 'file', problems: report.problems.slice(0, 20).map((p) => p.message) }],
        });
      }
      const links = await plan.apply();
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: 'import',
        entityId: actor.committeeId,
        action: `import.${kind}`,
        before: null,
        after: { kind, sha256: report.sha256, rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
        at: this.clock.now(),
      });
      return { ...report, written: true, links };
    });
  }

  /** The empty template of a kind, with its 说明 sheet. */
  template(kind: ImportKind): ExportFile {
    return streamWorkbook(`${FILE_NAMES[kind]}导入模板.xlsx`, this.config.TIME_ZONE, async (writer) => {
      writer.sheet(SHEET_NAMES[kind], this.sheetColumns(kind)).done();
      writeNotes(writer, KIND_COLUMNS[kind]);
    });
  }

  /** The committee's records of a kind in the template's shape: edit and import it back. */
  export(actor: OrgActor, kind: ImportKind): ExportFile {
    return streamWorkbook(`${FILE_NAMES[kind]}.xlsx`, this.config.TIME_ZONE, async (writer) => {
      const current = await this.dataSource.transaction(async (manager) => IMPORTERS[kind].current(this.scope(manager, actor)));
      const sheet = writer.sheet(SHEET_NAMES[kind], this.sheetColumns(kind));
      for (const row of current.values()) sheet.add(row);
      sheet.done();
      writeNotes(writer, KIND_COLUMNS[kind]);
    });
  }

  private sheetColumns(kind: ImportKind) {
    return KIND_COLUMNS[kind].map((c) => ({ header: c.header, width: c.max > 200 ? 40 : Math.max(12, Math.min(c.max, 30)), value: (row: Record<string, string | number | null>) => row[c.key] ?? null }));
  }

  private scope(manager: EntityManager, actor: OrgActor): ImportScope {
    return { manager, committeeId: actor.committeeId, actorUserId: actor.userId, timeZone: this.config.TIME_ZONE, codeTables: this.codeTables };
  }

  private async check(
    manager: EntityManager,
    actor: OrgActor,
    kind: ImportKind,
    bytes: Buffer,
    sheet: Awaited<ReturnType<typeof readImportSheet>>,
  ): Promise<{ report: ImportReport; plan: ImportPlan }> {
    const problems = new Problems(sheet.problems);
    const plan = await IMPORTERS[kind].plan(this.scope(manager, actor), sheet.rows, problems);
    const order = KIND_COLUMNS[kind].map((c) => c.header);
    problems.list.sort((a, b) => a.row - b.row || order.indexOf(a.column ?? '') - order.indexOf(b.column ?? ''));
    const report: ImportReport = {
      kind,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      rows: sheet.rows.length,
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      problems: problems.list,
      written: false,
      links: [],
    };
    return { report, plan };
  }
}
