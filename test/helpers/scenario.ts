import { type Actor, ActorResolver } from '#app/auth';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime } from '#app/demo';
import { type AssignmentView, HandlingService } from '#app/handling';
import { User } from '#app/org';
import { type ProposalView, ProposalsService } from '#app/proposals';
import { RepliesService, type ReplyView } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import type { TestApp } from './test-app.js';

/** Drives a proposal through the real services (faster than HTTP) to set up a later step. */
export class Scenario {
  readonly proposals: ProposalsService;
  readonly handling: HandlingService;
  readonly replies: RepliesService;

  constructor(
    private readonly t: TestApp,
    readonly c: TestCommittee,
  ) {
    this.proposals = t.app.get(ProposalsService);
    this.handling = t.app.get(HandlingService);
    this.replies = t.app.get(RepliesService);
  }

  async actor(username: string): Promise<Actor> {
    const user = await this.t.dataSource.getRepository(User).findOneByOrFail({ username: this.c.username(username) });
    return this.t.app.get(ActorResolver).resolve(user.id, user.tokenVersion, this.c.committeeId);
  }

  async filed(title = ANYANG_PROPOSAL_365.title): Promise<ProposalView> {
    const member = await this.actor('yuanyuan');
    const staff = await this.actor('anyang-staff');
    let proposal = await this.proposals.create(member, { sessionId: this.c.sessionId, title, body: ANYANG_PROPOSAL_365.body });
    proposal = await this.proposals.submit(member, proposal.id, proposal.version);
    proposal = await this.proposals.startReview(staff, proposal.id, proposal.version);
    return this.proposals.file(staff, proposal.id, proposal.version);
  }

  async accepted(on = '2021-08-05'): Promise<{ proposal: ProposalView; assignment: AssignmentView }> {
    const proposal = await this.filed();
    this.t.clock.set(chinaTime(on));
    const staff = await this.actor('anyang-staff');
    const assignment = await this.handling.assign(staff, proposal.id, { version: proposal.version, leadUnitId: this.c.unitIds.police });
    const accepted = await this.handling.accept(await this.actor('chending'), assignment.id, assignment.version);
    return { proposal, assignment: accepted };
  }

  async awaitingSignOff(): Promise<{ proposal: ProposalView; assignment: AssignmentView; reply: ReplyView }> {
    const { proposal, assignment } = await this.accepted();
    const drafter = await this.actor('chending');
    const draft = await this.replies.createDraft(drafter, assignment.id, {
      body: '一、基本情况\n正文。',
      grade: 'B',
      contactUnitId: this.c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
    });
    const reply = await this.replies.submit(drafter, draft.id, draft.version);
    return { proposal, assignment, reply };
  }
}
