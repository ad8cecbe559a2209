import { registerProposalChains } from '#app/audit';
import { registerProposalSearchParts, registerProposalVisibility } from '#app/proposals';

/*
 * What replies' tables add to the libs below it, which name no table of replies' (#18, owned reads):
 * loaded by replies' index, so wherever replies' records can exist.
 */

// Audit entries about a reply or a follow-up chain to its proposal (the follow-up's entity name was
// spelled both ways, and stored entries keep theirs).
registerProposalChains({
  reply: 'SELECT r.proposal_id::text FROM replies r WHERE r.id = e.entity_id',
  follow_up: 'SELECT f.proposal_id::text FROM follow_ups f WHERE f.id = e.entity_id',
  'follow-up': 'SELECT f.proposal_id::text FROM follow_ups f WHERE f.id = e.entity_id',
});

// An office sees the proposals with a reply copied to it.
registerProposalVisibility((actor) =>
  actor.officeUnitIds.length > 0
    ? `EXISTS (SELECT 1 FROM reply_copies rc JOIN replies r ON r.id = rc.reply_id
               WHERE r.proposal_id = p.id AND rc.unit_id = ANY(:policyOfficeIds::uuid[]))`
    : null,
);

// A proposal is found by its dispatched answers (答复, 分办答复): never drafts, never 会办意见, which members do not read.
registerProposalSearchParts(`SELECT r.proposal_id, 'reply', r.body, 3, true, r.dispatched_at
    FROM replies r WHERE r.proposal_id = ANY($1::uuid[]) AND r.status = 'dispatched' AND r.kind IN ('answer', 'separate_answer')`);
