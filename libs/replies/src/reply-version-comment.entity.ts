import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '#app/org';
import { References } from '#app/core';
import { ReplyVersion } from './reply-version.entity.js';

/** A reviewer's remark on one saved version of a reply (修改意见), kept with that version. */
@Entity({ name: 'reply_version_comments' })
@Index(['versionId', 'createdAt'])
export class ReplyVersionComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId: string;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  /** The passage the remark is about, as the reviewer quoted it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  quote: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => ReplyVersion, 'version_id', 'CASCADE')
  private readonly versionIdFk?: never;

  @References(() => User, 'author_user_id')
  private readonly authorUserIdFk?: never;
}
