import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity.js';
import { Committee } from './committee.entity.js';
import { Unit } from './unit.entity.js';
import { References } from '#app/core';

/** What a user is within one committee. One person may hold several memberships. */
export enum Role {
  /** 政协委员 */
  Member = 'member',
  /** 提案委工作人员 */
  Staff = 'staff',
  /** 承办单位经办人 */
  Drafter = 'drafter',
  /** 承办单位领导 (签发人) */
  Leader = 'leader',
  /** 抄送单位 */
  Office = 'office',
  /** 管理员 */
  Admin = 'admin',
}

/** Roles that act for a unit (and so need one). */
export const UNIT_ROLES: ReadonlySet<Role> = new Set([Role.Drafter, Role.Leader, Role.Office]);

@Entity({ name: 'memberships' })
@Index(['userId', 'committeeId'])
// a committee's members (委员参与率), without reading every committee's memberships
@Index('ix_memberships_committee_role', ['committeeId', 'role'])
@Index('uq_membership_unit', ['userId', 'committeeId', 'role', 'unitId'], { unique: true, where: 'unit_id IS NOT NULL' })
@Index('uq_membership_plain', ['userId', 'committeeId', 'role'], { unique: true, where: 'unit_id IS NULL' })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** 界别 of a member (a code of the committee's sector table), e.g. 中国民主同盟; null for other roles. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  sector: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => User, 'user_id', 'CASCADE')
  private readonly userIdFk?: never;

  @References(() => Committee, 'committee_id')
  private readonly committeeIdFk?: never;

  @References(() => Unit, 'unit_id')
  private readonly unitIdFk?: never;
}
