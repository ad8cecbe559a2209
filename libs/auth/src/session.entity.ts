import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from '#app/core';
import { User } from '#app/org';

/** Why a session ended. */
export enum SessionEnd {
  /** The user logged out (POST /auth/logout). */
  Logout = 'logout',
  /** The user changed their password: every session of theirs ends, the one that changed it gets a new one. */
  PasswordChanged = 'password-changed',
  /** A refresh token of the session was presented a second time (theft detection). */
  RefreshReused = 'refresh-reused',
  /** The user's last membership was removed (ended by the database, whatever removed it). */
  NoMembership = 'no-membership',
  /** The user was deactivated (ended by the database when `users.active` turns false). */
  Deactivated = 'deactivated',
  /** Carried over by the migration that introduced sessions: no refresh token of the family was usable any more. */
  Expired = 'expired',
}

/**
 * 会话: one login of one user, from the password to logout. Its refresh tokens are one family
 * (`refresh_tokens.family_id` = the session's id) and every access token carries its id (`sid`); the
 * actor is resolved per request only while the session has not ended, so ending it ends both at once.
 */
@Entity({ name: 'sessions' })
@Index(['userId'])
export class Session {
  /** Chosen by the writer (the refresh-token family of the login). */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: SessionEnd | null;

  @References(() => User, 'user_id', 'CASCADE')
  private readonly userIdFk?: never;
}
