import { type Actor, ActorResolver } from '#app/auth';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime, DEMO_PASSWORD } from '#app/demo';
import { AssigningService, type AssignmentView, HandlingService } from '#app/handling';
import { OrgService, type Role, User } from '#app/org';
import { CosigningService, type ProposalView, ProposalsService, ReviewService } from '#app/proposals';
import { Disclosure, ReplyDispatchService, ReplyDraftingService, ReplyReviewService, ReplySignOffService, type ReplyView } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import type { TestApp } from './test-app.js';

/** Drives a proposal through the real services (faster than HTTP) to set up a later step. */
export class Scenario {
  readonly proposals: ProposalsService;
  readonly review: ReviewService;
  readonly cosigning: CosigningService;
  readonly assigning: AssigningService;
  readonly handling: HandlingService;
  readonly replyDrafting: ReplyDraftingService;
  readonly replyReview: ReplyReviewService;
  readonly replySignOff: ReplySignOffService;
  readonly replyDispatch: ReplyDispatchService;

  constructor(
    private readonly t: TestApp,
    readonly c: TestCommittee,
  ) {
    this.proposals = t.app.get(ProposalsService);
    this.review = t.app.get(ReviewService);
    this.cosigning = t.app.get(CosigningService);
    this.assigning = t.app.get(AssigningService);
    this.handling = t.app.get(HandlingService);
    this.replyDrafting = t.app.get(ReplyDraftingService);
    this.replyReview = t.app.get(ReplyReviewService);
    this.replySignOff = t.app.get(ReplySignOffService);
    this.replyDispatch = t.app.get(ReplyDispatchService);
  }

  async actor(username: string): Promise<Actor> {
    const user = await this.t.dataSource.getRepository(User).findOneByOrFail({ username: this.c.username(username) });
    return this.t.app.get(ActorResolver).actorOf(user.id, this.c.committeeId);
  }

  /**
   * Adds a user of the committee with one role (unit roles name a unit key), e.g. a second member or the
   * finance bureau's drafter; the username is tagged like the demo users'. Returns the user's id.
   */
  async addUser(name: string, displayName: string, role: Role, unit?: string): Promise<string> {
    const admin = { userId: this.c.userId('anyang-admin'), committeeId: this.c.committeeId };
    const user = await this.t.app.get(OrgService).createUser(admin, {
      username: this.c.username(name),
      displayName,
      password: DEMO_PASSWORD,
      memberships: [{ role, unitId: unit ? this.c.unitIds[unit] : null }],
    });
    return user.id;
  }

  /** A proposal of 袁媛's, submitted and under review. */
  async underReview(title = ANYANG_PROPOSAL_365.title, body = ANYANG_PROPOSAL_365.body, member = 'yuanyuan'): Promise<ProposalView> {
    const proposer = await this.actor(member);
    const staff = await this.actor('anyang-staff');
    let proposal = await this.proposals.create(proposer, { sessionId: this.c.sessionId, title, body });
    proposal = await this.proposals.submit(proposer, proposal.id, proposal.version);
    return this.proposals.startReview(staff, proposal.id, proposal.version);
  }

  async filed(title = ANYANG_PROPOSAL_365.title, body = ANYANG_PROPOSAL_365.body): Promise<ProposalView> {
    const staff = await this.actor('anyang-staff');
    const proposal = await this.underReview(title, body);
    return this.review.file(staff, proposal.id, proposal.version);
  }

  async accepted(on = '2021-08-05'): Promise<{ proposal: ProposalView; assignment: AssignmentView }> {
    const proposal = await this.filed();
    this.t.clock.set(chinaTime(on));
    const staff = await this.actor('anyang-staff');
    const [assignment] = (await this.assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: this.c.unitIds.police })).assignments;
    const accepted = await this.handling.accept(await this.actor('chending'), assignment.id, assignment.version);
    return { proposal, assignment: accepted };
  }

  /** A reply signed off by 郭成吉 with the given disclosure and sent by 陈丁: the proposal is replied. */
  async dispatched(disclosure = Disclosure.Full): Promise<{ proposal: ProposalView; assignment: AssignmentView; reply: ReplyView }> {
    const { proposal, assignment, reply } = await this.awaitingSignOff();
    const signed = await this.replySignOff.signOff(await this.actor('guochengji'), reply.id, { version: reply.version, disclosure });
    return { proposal, assignment, reply: await this.replyDispatch.dispatch(await this.actor('chending'), signed.id, signed.version) };
  }

  async awaitingSignOff(): Promise<{ proposal: ProposalView; assignment: AssignmentView; reply: ReplyView }> {
    const { proposal, assignment } = await this.accepted();
    const drafter = await this.actor('chending');
    const draft = await this.replyDrafting.createDraft(drafter, assignment.id, {
      body: '一、基本情况\n正文。',
      grade: 'B',
      contactUnitId: this.c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
    });
    const reply = await this.replyReview.submit(drafter, draft.id, draft.version);
    return { proposal, assignment, reply };
  }
}
