import { JoinColumn, ManyToOne } from 'typeorm';

/**
 * Declares a foreign key on an id column the entity already maps with @Column, without loading the
 * related entity: `@References(() => Unit, 'unit_id') private readonly unitFk?: never;`.
 * Entities keep plain id fields (and no object graphs); PostgreSQL keeps the integrity.
 */
export function References(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  target: () => Function,
  column: string,
  onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT',
): PropertyDecorator {
  return (prototype, property) => {
    ManyToOne(target, { onDelete, nullable: true })(prototype, property);
    JoinColumn({ name: column })(prototype, property);
  };
}
