import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Reply } from './reply.entity.js';
import { Unit } from '#app/org';
import { References } from '#app/core';

/** 抄送 — a dispatched reply copied to an office, which may read it and nothing more. */
@Entity({ name: 'reply_copies' })
@Index(['replyId', 'unitId'], { unique: true })
@Index(['unitId'])
export class ReplyCopy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reply_id', type: 'uuid' })
  replyId: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @References(() => Reply, 'reply_id', 'CASCADE')
  private readonly replyIdFk?: never;

  @References(() => Unit, 'unit_id')
  private readonly unitIdFk?: never;
}
