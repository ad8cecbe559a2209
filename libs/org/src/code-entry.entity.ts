import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Committee } from './committee.entity.js';

/** The code tables a committee configures; each has built-in defaults until the committee sets its own. */
export enum CodeTable {
  /** 不予立案理由 */
  NotFiledReason = 'not-filed-reason',
  /** 提案类别 */
  Category = 'category',
  /** 办理结果: the grade a reply is marked with (A/B/C by default; some places use A–D) */
  ReplyGrade = 'reply-grade',
  /** 界别: the sector a member sits for (中共, 民盟, 教育界 …) */
  Sector = 'sector',
}

/** One code of a committee's code table, e.g. 不予立案理由 `no-suggestion` 内容空泛，没有具体建议. */
@Entity({ name: 'code_entries' })
@Index(['committeeId', 'codeTable', 'code'], { unique: true })
export class CodeEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'code_table', type: 'varchar', length: 40 })
  codeTable: CodeTable;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;

  @References(() => Committee, 'committee_id')
  private readonly committeeIdFk?: never;
}
