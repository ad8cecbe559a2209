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
  // the usual 界别 of a city committee; a committee sets its own list
  [CodeTable.Sector]: [
    { code: '中共', label: '中国共产党' },
    { code: '民革', label: '中国国民党革命委员会' },
    { code: '民盟', label: '中国民主同盟' },
    { code: '民建', label: '中国民主建国会' },
    { code: '民进', label: '中国民主促进会' },
    { code: '农工党', label: '中国农工民主党' },
    { code: '致公党', label: '中国致公党' },
    { code: '九三学社', label: '九三学社' },
    { code: '无党派人士', label: '无党派人士' },
    { code: '共青团', label: '中国共产主义青年团' },
    { code: '工会', label: '总工会' },
    { code: '妇联', label: '妇女联合会' },
    { code: '工商联', label: '工商业联合会' },
    { code: '科技界', label: '科学技术界' },
    { code: '社科界', label: '社会科学界' },
    { code: '经济界', label: '经济界' },
    { code: '农业界', label: '农业界' },
    { code: '教育界', label: '教育界' },
    { code: '体育界', label: '体育界' },
    { code: '新闻出版界', label: '新闻出版界' },
    { code: '文化艺术界', label: '文化艺术界' },
    { code: '医药卫生界', label: '医药卫生界' },
    { code: '对外友好界', label: '对外友好界' },
    { code: '社会福利和社会保障界', label: '社会福利和社会保障界' },
    { code: '少数民族界', label: '少数民族界' },
    { code: '宗教界', label: '宗教界' },
    { code: '特邀', label: '特邀人士' },
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
