import { ActorResolver } from '#app/auth';
import { loadAnyang, loadLanzhou, type DemoServices } from '#app/demo';
import { AssigningService, HandlingService } from '#app/handling';
import { orgServicesOf } from '#app/org';
import { ProposalsService, ReviewService } from '#app/proposals';
import { ReplyDispatchService, ReplyDraftingService, ReplyReviewService, ReplySignOffService } from '#app/replies';
import { RehandlingService } from '#app/feedback';
import { ImportsService } from '#app/imports';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** The demo data `npm start` loads: the real names, replayed through the services. */
describe('the demo seed', () => {
  let t: TestApp;
  let services: DemoServices;

  beforeAll(async () => {
    t = await createTestApp(new Date());
    services = {
      dataSource: t.dataSource,
      org: orgServicesOf(t.app),
      actors: t.app.get(ActorResolver),
      proposals: t.app.get(ProposalsService),
      review: t.app.get(ReviewService),
      assigning: t.app.get(AssigningService),
      handling: t.app.get(HandlingService),
      replyDrafting: t.app.get(ReplyDraftingService),
      replyReview: t.app.get(ReplyReviewService),
      replySignOff: t.app.get(ReplySignOffService),
      replyDispatch: t.app.get(ReplyDispatchService),
      rehandling: t.app.get(RehandlingService),
      imports: t.app.get(ImportsService),
      clock: t.clock,
    };
  });
  afterAll(() => t.close());

  it('loads Anyang with proposal 365 replied as 安公警〔2021〕60号 and awaiting feedback', async () => {
    await loadAnyang(services);
    const member = await t.as('yuanyuan');
    const proposals = (await member.get('/api/proposals')).body.items;
    const byStatus = Object.fromEntries(proposals.map((p: { number: number | null; status: string }) => [p.status, p.number]));
    expect(byStatus).toEqual({ replied: 365, submitted: null });
    const reply = (await member.get('/api/replies')).body.items[0];
    expect(reply.document).toMatchObject({ docNumber: '安公警〔2021〕60号', signer: '郭成吉', date: '2021-11-01', issuingUnit: '安阳市公安局' });
    expect(reply.text).toContain('三、存在问题和下步打算');
    // Years later, on the demo day, 袁媛 can still answer the feedback form: the committee extended the window.
    t.clock.set(new Date());
    const replied = proposals.find((p: { status: string }) => p.status === 'replied');
    const feedback = await member.post(`/api/proposals/${replied.id}/feedback`, { satisfaction: 'satisfied', contacted: true, answered: true });
    expect(feedback.status).toBe(201);
  });

  it('brings the session before over as history: 230 closed proposals that drive similar proposals and unit recommendation', async () => {
    const staff = await t.as('anyang-staff');
    const sessions = (await staff.get('/api/sessions')).body;
    const earlier = sessions.find((session: { name: string }) => session.name === '政协十三届安阳市委员会三次会议');
    const history = await staff.get(`/api/proposals?sessionId=${earlier.id}&status=closed&limit=1`);
    expect(history.body.total).toBe(230);
    const waiting = (await staff.get('/api/proposals?status=submitted')).body.items[0];
    expect(waiting.title).toBe('关于加强老旧小区电动自行车充电设施建设的提案');
    const similar = (await staff.get(`/api/proposals/${waiting.id}/similar`)).body;
    expect(similar.length).toBeGreaterThan(0);
    expect(similar[0].sessionName).toBe('政协十三届安阳市委员会三次会议');
    const recommended = (await staff.get(`/api/proposals/${waiting.id}/recommended-units`)).body;
    expect(recommended.lead.length).toBeGreaterThan(0);
    expect(recommended.lead[0].reasons.length).toBeGreaterThan(0);
  });

  it('loads Lanzhou with a reply drawn from the press release waiting for 张伟', async () => {
    await loadLanzhou(services);
    const leader = await t.as('zhangwei');
    const waiting = (await leader.get('/api/replies?status=awaiting_signoff')).body.items;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].document.title).toBe('关于对政协十五届兰州市委员会四次会议第112号提案的答复');
    expect(waiting[0].text).toContain('全市共受理经济犯罪案件626起，立案491起，破案482起');
    const anyangMember = await t.as('yuanyuan');
    expect((await anyangMember.get(`/api/replies/${waiting[0].id}`)).status).toBe(404);
  });
});
