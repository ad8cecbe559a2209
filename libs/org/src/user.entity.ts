import { Column, Entity } from 'typeorm';
import { VersionedEntity } from '#app/core';

/** A person who logs in. What they may do comes from their memberships, per committee. */
@Entity({ name: 'users' })
export class User extends VersionedEntity {
  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Bumped when roles, units or the password change: older access tokens stop working at once. */
  @Column({ name: 'token_version', type: 'int', default: 1 })
  tokenVersion: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
