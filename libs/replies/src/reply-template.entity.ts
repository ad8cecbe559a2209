import { Column, Entity, Index } from 'typeorm';
import { Unit } from '#app/org';
import { References, VersionedEntity } from '#app/core';
import { type ReplyContact, ReplyKind } from './reply.entity.js';

/**
 * 答复模板 — how a unit starts each kind of reply: the opening sentence (with placeholders such as
 * {proposalTitle}), the section scaffold (一、… （一）…), the contact block and the offices copied.
 * One per unit and kind; a unit without one starts from the built-in default.
 */
@Entity({ name: 'reply_templates' })
@Index(['unitId', 'kind'], { unique: true })
export class ReplyTemplate extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ReplyKind;

  @Column({ type: 'varchar', length: 500 })
  opening: string;

  /** The body a new draft starts from: the numbered section headings. */
  @Column({ type: 'text' })
  scaffold: string;

  @Column({ name: 'contact_unit_id', type: 'uuid', nullable: true })
  contactUnitId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: ReplyContact[];

  /** Offices copied (抄送); null means the session's default list. */
  @Column({ name: 'copy_unit_ids', type: 'uuid', array: true, nullable: true })
  copyUnitIds: string[] | null;

  @References(() => Unit, 'unit_id', 'CASCADE')
  private readonly unitIdFk?: never;
}
