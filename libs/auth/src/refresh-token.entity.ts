import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '#app/org';
import { References } from '#app/core';
import { Session } from './session.entity.js';

/**
 * A refresh token (stored as its SHA-256 only). Each use replaces it with a new one in the same
 * family; presenting a used token again revokes the whole family (theft detection) and ends its session.
 * The family is the session (`family_id` references `sessions`).
 */
@Entity({ name: 'refresh_tokens' })
@Index(['familyId'])
@Index(['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @References(() => User, 'user_id', 'CASCADE')
  private readonly userIdFk?: never;

  @References(() => Session, 'family_id', 'CASCADE')
  private readonly familyIdFk?: never;
}
