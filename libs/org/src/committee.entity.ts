import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CommitteeLevel {
  National = 'national',
  Province = 'province',
  City = 'city',
  County = 'county',
}

/** 政协委员会 — the tenant: every session, member, unit and setting belongs to exactly one committee. */
@Entity({ name: 'committees' })
export class Committee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: CommitteeLevel;

  @Column({ type: 'varchar', length: 100 })
  region: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
