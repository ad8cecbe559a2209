import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';

/**
 * Updates a row only if it is still at `expectedVersion`, bumping the version. A lost race or a
 * stale client answers 409 instead of silently overwriting someone else's change.
 */
export async function updateAtVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entityName: string,
  id: string,
  expectedVersion: number,
  changes: Partial<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected !== 1) throw DomainError.staleVersion(entityName, id, expectedVersion);
}
