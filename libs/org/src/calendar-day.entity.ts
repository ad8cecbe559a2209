import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from '#app/core';
import { Committee } from './committee.entity.js';

/**
 * 节假日与调休 — a day that departs from the Monday–Friday rule. Rows without a committee are the
 * national schedule of the State Council; a committee's own row for the same date overrides it.
 */
@Entity({ name: 'calendar_days' })
@Index('uq_calendar_day_national', ['date'], { unique: true, where: 'committee_id IS NULL' })
@Index('uq_calendar_day_committee', ['committeeId', 'date'], { unique: true, where: 'committee_id IS NOT NULL' })
export class CalendarDay {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'committee_id', type: 'uuid', nullable: true })
  committeeId: string | null;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => Committee, 'committee_id', 'CASCADE')
  private readonly committeeIdFk?: never;
}
