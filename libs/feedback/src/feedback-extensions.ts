import { registerProposalChains } from '#app/audit';
import { proposersSql } from '#app/proposals';
import { registerReminderContext } from '#app/reminders';

/*
 * What feedback's tables add to the libs below it, which name no table of feedback's (#18, owned reads):
 * loaded by feedback's index, so wherever feedback's records can exist.
 */

// Audit entries about a feedback form or a 当面协商 chain to its proposal.
registerProposalChains({
  feedback: 'SELECT f.proposal_id::text FROM feedback f WHERE f.id = e.entity_id',
  consultation: 'SELECT c.proposal_id::text FROM consultations c WHERE c.id = e.entity_id',
});

// The feedback reminder goes to the proposers who have not given theirs.
registerReminderContext({
  proposersToRemind: proposersSql('$1', `NOT EXISTS (
               SELECT 1 FROM feedback f WHERE f.proposal_id = pr.proposal_id AND f.proposer_user_id = pr.user_id)`),
});
