import { EntityManager, In } from 'typeorm';
import { DomainError } from '#app/core';
import { Unit, UnitKind } from '#app/org';
import { RepliesErrorCode } from './replies.errors.js';

/**
 * A reply's contact block and copies as a draft or a template gives them: the contact unit must be the
 * issuing unit or one of its sub-units, and copies (抄送) must go to offices of the committee. Each
 * breach is a 400 naming its field.
 */
export async function checkContactBlock(
  manager: EntityManager,
  committeeId: string,
  unitId: string,
  block: { contactUnitId?: string | null; copyUnitIds?: string[] | null },
): Promise<void> {
  if (block.contactUnitId) {
    const inside: unknown[] = await manager.query(
      `WITH RECURSIVE tree AS (SELECT id FROM units WHERE id = $1 UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
       SELECT id FROM tree WHERE id = $2`,
      [unitId, block.contactUnitId],
    );
    if (inside.length === 0) throw DomainError.invalidField('contactUnitId', 'contactUnitId must be the issuing unit or one of its sub-units', RepliesErrorCode.CONTACT_UNIT_OUTSIDE);
  }
  if (block.copyUnitIds?.length) {
    const offices = await manager.getRepository(Unit).countBy({ id: In(block.copyUnitIds), committeeId, kind: UnitKind.Office });
    if (offices !== new Set(block.copyUnitIds).size) {
      throw DomainError.invalidField('copyUnitIds', 'copyUnitIds must name offices (抄送单位) of your committee', RepliesErrorCode.COPY_UNIT_NOT_OFFICE);
    }
  }
}
