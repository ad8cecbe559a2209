import { Column, Entity, Index } from 'typeorm';
import { Committee } from './committee.entity.js';
import { References, VersionedEntity } from '#app/core';

export enum UnitKind {
  /** 承办单位 */
  Handling = 'handling',
  /** 抄送单位 (receives copies, read-only) */
  Office = 'office',
}

/** A unit's contact person. */
export interface UnitContact {
  name: string;
  phone: string;
}

/** 承办单位 or 抄送单位; units nest (安阳市公安局 › 经侦支队). */
@Entity({ name: 'units' })
@Index(['committeeId', 'name'], { unique: true })
@Index(['parentId'])
export class Unit extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** 发文字号前缀, e.g. 安公警 in 安公警〔2021〕60号. */
  @Column({ name: 'doc_prefix', type: 'varchar', length: 20, nullable: true })
  docPrefix: string | null;

  /** The unit's field of work as named in a reply's opening, e.g. 公安工作. */
  @Column({ name: 'work_area', type: 'varchar', length: 40, nullable: true })
  workArea: string | null;

  /** 职责关键词: words of the unit's remit, used to recommend units when assigning. */
  @Column({ name: 'remit_keywords', type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  remitKeywords: string[];

  /** 联系人: the people a proposer or the committee may call about the unit's work, with their phones. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: UnitContact[];

  @References(() => Committee, 'committee_id')
  private readonly committeeIdFk?: never;

  @References(() => Unit, 'parent_id')
  private readonly parentIdFk?: never;
}
