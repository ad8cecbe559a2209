import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Gap-free number series (proposal numbers per session, document numbers per unit/kind/year). */
@Entity({ name: 'number_series' })
export class NumberSeries {
  @PrimaryColumn({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @PrimaryColumn({ type: 'varchar', length: 120 })
  series: string;

  @Column({ name: 'last_value', type: 'int' })
  lastValue: number;
}
