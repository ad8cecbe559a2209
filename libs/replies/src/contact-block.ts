import { EntityManager } from 'typeorm';
import { DomainError } from '#app/core';
import { isUnitWithin, UnitKind, unitsOfKind } from '#app/org';
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
    if (!(await isUnitWithin(manager, unitId, block.contactUnitId))) throw DomainError.invalidField('contactUnitId', 'contactUnitId must be the issuing unit or one of its sub-units', RepliesErrorCode.CONTACT_UNIT_OUTSIDE);
  }
  if (block.copyUnitIds?.length) {
    const offices = (await unitsOfKind(manager, committeeId, block.copyUnitIds, UnitKind.Office)).length;
    if (offices !== new Set(block.copyUnitIds).size) {
      throw DomainError.invalidField('copyUnitIds', 'copyUnitIds must name offices (抄送单位) of your committee', RepliesErrorCode.COPY_UNIT_NOT_OFFICE);
    }
  }
}
