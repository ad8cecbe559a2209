import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { Clock, DomainError } from '#app/core';
import { CodeEntry, CodeTable } from './code-entry.entity.js';
import type { OrgActor } from './org-audit.js';
import { OrgErrorCode } from './org.errors.js';
import { OrgEntity } from './org.vocabulary.js';

export interface CodeView {
  code: string;
  label: string;
}

/**
 * Defaults of each code table. 不予立案 grounds follow the usual 提案工作条例 wording; categories are the
 * common 提案分类; grades are DOMAIN.md's A/B/C. A committee that sets its own table replaces the default whole.
 */
export const DEFAULT_CODES: Readonly<Record<CodeTable, readonly CodeView[]>> = {
  [CodeTable.NotFiledReason]: [
    { code: 'secret', label: '涉及党和国家秘密' },
    { code: 'unity', label: '涉及民族、宗教等敏感问题，不利于团结' },
    { code: 'academic', label: '属于学术研究、讨论的问题' },
    { code: 'litigation', label: '涉及起诉、申诉、仲裁等司法诉讼或个人、家庭事务' },
    { code: 'promotion', label: '属于宣传、推介具体单位、产品或个人' },
    { code: 'no-suggestion', label: '内容空泛，没有具体建议' },
    { code: 'multiple-matters', label: '一案多事，或不属于本级办理范围' },
    { code: 'other', label: '其他原因（见说明）' },
  ],
  [CodeTable.Category]: [
    { code: '经济', label: '经济' },
    { code: '政法', label: '政法' },
    { code: '教育', label: '教育' },
    { code: '医疗卫生', label: '医疗卫生' },
    { code: '城建', label: '城建' },
    { code: '环境', label: '环境' },
    { code: '农业农村', label: '农业农村' },
    { code: '社会保障', label: '社会保障' },
    { code: '文化旅游', label: '文化旅游' },
    { code: '科技', label: '科技' },
    { code: '交通', label: '交通' },
    { code: '其他', label: '其他' },
  ],
  [CodeTable.ReplyGrade]: [
    { code: 'A', label: '所提问题已经解决或基本解决 / 已采纳' },
    { code: 'B', label: '正在解决或已列入计划逐步解决 / 拟采纳' },
    { code: 'C', label: '因条件限制暂时不能解决或留作参考，已向委员说明' },
  ],
};

/** A committee's code tables (不予立案理由, 提案类别), with the defaults where it has set none. */
@Injectable()
export class CodeTablesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(committeeId: string, table: CodeTable, manager: EntityManager = this.dataSource.manager): Promise<CodeView[]> {
    const rows = await manager.getRepository(CodeEntry).find({ where: { committeeId, codeTable: table }, order: { sortOrder: 'ASC' } });
    return rows.length > 0 ? rows.map((row) => ({ code: row.code, label: row.label })) : [...DEFAULT_CODES[table]];
  }

  /** The entry of `code`, or a 400 naming `field` and the codes allowed. */
  async require(manager: EntityManager, committeeId: string, table: CodeTable, code: string, field: string, errorCode: string = OrgErrorCode.UNKNOWN_CODE): Promise<CodeView> {
    const codes = await this.list(committeeId, table, manager);
    const found = codes.find((entry) => entry.code === code);
    if (!found) {
      throw new DomainError('invalid', errorCode, `${field} must be one of: ${codes.map((c) => c.code).join(', ')}`, {
        fields: [{ field, problems: [`${field} must be one of the committee's ${table} codes`] }],
      });
    }
    return found;
  }

  /** Replaces the committee's table whole (order as given); audited. */
  async replace(actor: OrgActor, table: CodeTable, entries: CodeView[]): Promise<CodeView[]> {
    const codes = entries.map((entry) => entry.code);
    if (new Set(codes).size !== codes.length) {
      throw new DomainError('invalid', OrgErrorCode.DUPLICATE_CODE, 'entries must not repeat a code', { fields: [{ field: 'entries', problems: ['codes must be unique'] }] });
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await this.list(actor.committeeId, table, manager);
      await manager.delete(CodeEntry, { committeeId: actor.committeeId, codeTable: table });
      if (entries.length > 0) {
        await manager.insert(
          CodeEntry,
          entries.map((entry, index) => ({ committeeId: actor.committeeId, codeTable: table, code: entry.code, label: entry.label, sortOrder: index })),
        );
      }
      await this.audit.record(manager, {
        committeeId: actor.committeeId,
        actorUserId: actor.userId,
        entity: OrgEntity.CodeTable,
        entityId: actor.committeeId, // the committee owns its tables; the table name is in the entry
        action: 'code-table.replaced',
        before: { table, entries: before },
        after: { table, entries },
        at: this.clock.now(),
      });
      return this.list(actor.committeeId, table, manager);
    });
  }
}
