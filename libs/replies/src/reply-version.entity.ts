import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Reply } from './reply.entity.js';
import { References } from '#app/core';
import type { ReplyContact } from './reply.entity.js';

/** One saved draft of a reply. The signer may not be the author of any version. */
@Entity({ name: 'reply_versions' })
@Index(['replyId', 'seq'], { unique: true })
export class ReplyVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 4, nullable: true })
  grade: string | null;

  @Column({ name: 'contact_unit_id', type: 'uuid', nullable: true })
  contactUnitId: string | null;

  @Column({ type: 'jsonb' })
  contacts: ReplyContact[];

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Reply, 'reply_id', 'CASCADE')
  private readonly replyIdFk?: never;
}
