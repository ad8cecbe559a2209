import { EntityManager } from 'typeorm';
import { unitNames, userNames } from '#app/org';
import type { ReplyDocument } from './reply-document.js';
import type { Reply } from './reply.entity.js';

/** The printable document of each reply (names of units, signer and offices looked up in two queries). */
export async function replyDocuments(manager: EntityManager, replies: Reply[]): Promise<Map<string, ReplyDocument>> {
  const unitIds = [...new Set(replies.flatMap((r) => [r.unitId, ...(r.contactUnitId ? [r.contactUnitId] : []), ...r.copyUnitIds]))];
  const units = await unitNames(manager, unitIds);
  const signerIds = replies.flatMap((r) => (r.signerUserId ? [r.signerUserId] : []));
  const signers = await userNames(manager, signerIds);
  return new Map(
    replies.map((r) => [
      r.id,
      {
        docNumber: r.docNumber,
        signer: r.signerUserId ? (signers.get(r.signerUserId) ?? null) : null,
        grade: r.grade,
        issuingUnit: units.get(r.unitId) ?? '',
        title: r.title,
        addressee: r.addressee,
        opening: r.opening,
        body: r.body,
        contactUnit: r.contactUnitId ? (units.get(r.contactUnitId) ?? null) : null,
        contacts: r.contacts,
        copies: r.copyUnitIds.map((unitId) => units.get(unitId) ?? ''),
        date: r.replyDate,
      },
    ]),
  );
}
