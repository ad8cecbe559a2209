import { DataSource } from 'typeorm';
import { ActorResolver, type Actor } from '#app/auth';
import { addDays, FixedClock, localDate } from '#app/core';
import type { RehandlingService } from '#app/feedback';
import { AssigningService, HandlingService } from '#app/handling';
import type { ImportsService } from '#app/imports';
import { Role } from '#app/org';
import { proposalNumberSeries, ProposalsService, ReviewService } from '#app/proposals';
import {
  Disclosure,
  type DraftInput,
  documentNumberSeries,
  ReplyDispatchService,
  ReplyDraftingService,
  ReplyKind,
  ReplyReviewService,
  ReplySignOffService,
  type ReplyView,
} from '#app/replies';
import { ANYANG, continueNumbering, DEMO_PASSWORD, LANZHOU, type LoadedCommittee, loadDemoCommittee } from './demo-org.js';
import { ANYANG_HISTORY_MEMBERS, ANYANG_HISTORY_SESSION, importProposalHistory } from './demo-proposal-import.js';
import { anyangReplyBody } from './seed-texts.js';
import type { OrgServices } from '#app/org';

export interface DemoServices {
  dataSource: DataSource;
  org: OrgServices;
  actors: ActorResolver;
  proposals: ProposalsService;
  review: ReviewService;
  assigning: AssigningService;
  handling: HandlingService;
  replyDrafting: ReplyDraftingService;
  replyReview: ReplyReviewService;
  replySignOff: ReplySignOffService;
  replyDispatch: ReplyDispatchService;
  rehandling: RehandlingService;
  imports: ImportsService;
  clock: FixedClock;
}

/** China time (UTC+8) on a given day and hour, as an instant. */
export const chinaTime = (date: string, hour = 10): Date => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export const ANYANG_PROPOSAL_365 = {
  title: '关于严厉打击金融理财诈骗的提案',
  category: '政法',
  body: [
    '一、情况分析',
    '近年来，以“直播理财”“手机APP理财”“代炒股汇”为噱头的金融理财诈骗在我市多发，受害群众损失严重，追赃挽损困难，群众反映强烈。（演示数据：提案正文为示例文字）',
    '二、具体建议',
    '（一）建立公安、金融、网信等部门协作机制，对涉诈资金快速止付冻结；',
    '（二）开展专项打击行动，全链条打击为诈骗提供技术支撑和资金转移的犯罪团伙；',
    '（三）加强反诈宣传，提高群众特别是老年人的识骗防骗能力。',
  ].join('\n'),
};

export const ANYANG_CONTACTS = [
  { name: '陈丁', phone: '5156739' },
  { name: '王鹏', phone: '5156055' },
];

async function actorOf(services: DemoServices, committee: LoadedCommittee, username: string): Promise<Actor> {
  return services.actors.actorOf(committee.userIds[username], committee.committeeId);
}

/** One case replayed through the services: who does each step, and on which day. */
interface CasePlan {
  proposal: { title: string; category: string; body: string };
  people: { member: string; staff: string; drafter: string };
  /** Days (China time) of submit, file, assign, accept and draft. */
  on: { submit: string; file: string; assign: string; accept: string; draft: string };
  leadUnit: string;
  draft: DraftInput & { contactUnit: string };
}

/** Submits, files, assigns and accepts a proposal, then drafts its reply and sends it to sign-off. */
async function replayToSignOff(services: DemoServices, committee: LoadedCommittee, plan: CasePlan): Promise<ReplyView> {
  const { clock, proposals, review, assigning, handling, replyDrafting, replyReview } = services;
  const member = await actorOf(services, committee, plan.people.member);
  const staff = await actorOf(services, committee, plan.people.staff);
  const drafter = await actorOf(services, committee, plan.people.drafter);

  clock.set(chinaTime(plan.on.submit));
  let proposal = await proposals.create(member, { sessionId: committee.sessionId, ...plan.proposal });
  proposal = await proposals.submit(member, proposal.id, proposal.version);
  clock.set(chinaTime(plan.on.file));
  proposal = await proposals.startReview(staff, proposal.id, proposal.version);
  proposal = await review.file(staff, proposal.id, proposal.version);
  clock.set(chinaTime(plan.on.assign));
  const [assigned] = (await assigning.assign(staff, proposal.id, { version: proposal.version, leadUnitId: committee.unitIds[plan.leadUnit] })).assignments;
  clock.set(chinaTime(plan.on.accept));
  const assignment = await handling.accept(drafter, assigned.id, assigned.version);
  clock.set(chinaTime(plan.on.draft));
  const { contactUnit, ...draft } = plan.draft;
  const reply = await replyDrafting.createDraft(drafter, assignment.id, { ...draft, contactUnitId: committee.unitIds[contactUnit] });
  return replyReview.submit(drafter, reply.id, reply.version);
}

/**
 * Anyang: proposal 365 played through the real services on the dates of 2021 — submitted, filed as
 * No. 365, assigned to 安阳市公安局, drafted by 陈丁, signed off by 郭成吉 as 安公警〔2021〕60号 on
 * 2021-11-01 and dispatched. It waits for 袁媛's feedback. A second proposal waits for review.
 */
export async function loadAnyang(services: DemoServices): Promise<LoadedCommittee> {
  const { clock, proposals, replySignOff, replyDispatch } = services;
  clock.set(chinaTime('2021-01-10'));
  const anyang = await loadDemoCommittee(services.dataSource, services.org, ANYANG);
  // The session before: 230 closed proposals by four (invented) members, and how they were assigned
  // (for similar proposals and unit recommendation).
  const admin = { userId: anyang.userIds['anyang-admin'], committeeId: anyang.committeeId };
  const historyMembers: string[] = [];
  for (const [username, displayName] of ANYANG_HISTORY_MEMBERS) {
    const user = await services.org.users.createUser(admin, { username, displayName, password: DEMO_PASSWORD, memberships: [{ role: Role.Member }] });
    historyMembers.push(user.id);
  }
  await importProposalHistory(services, admin, historyMembers, ANYANG_HISTORY_SESSION);
  await continueNumbering(services.dataSource, anyang.committeeId, proposalNumberSeries(anyang.sessionId), 364);
  await continueNumbering(services.dataSource, anyang.committeeId, documentNumberSeries(anyang.unitIds.police, ReplyKind.Answer, 2021), 59);

  let reply = await replayToSignOff(services, anyang, {
    proposal: ANYANG_PROPOSAL_365,
    people: { member: 'yuanyuan', staff: 'anyang-staff', drafter: 'chending' },
    on: { submit: '2021-02-27', file: '2021-03-15', assign: '2021-08-05', accept: '2021-08-06', draft: '2021-10-20' },
    leadUnit: 'police',
    draft: { body: anyangReplyBody(), grade: 'A', contactUnit: 'police-economic', contacts: ANYANG_CONTACTS },
  });
  const leader = await actorOf(services, anyang, 'guochengji');
  clock.set(chinaTime('2021-11-01', 9));
  reply = await replySignOff.signOff(leader, reply.id, { version: reply.version, disclosure: Disclosure.Full });
  await replyDispatch.dispatch(leader, reply.id, reply.version);
  // The demo is shown years after the reply: the committee has extended 袁媛's feedback window (征询意见期限)
  // to 90 days after the demo day, so the member can still answer it.
  const demoDay = new Date();
  clock.set(demoDay);
  const staff = await actorOf(services, anyang, 'anyang-staff');
  await services.rehandling.extendFeedbackWindow(staff, reply.proposalId, addDays(localDate(demoDay, 'Asia/Shanghai'), 90), '演示数据：征询意见期限延至演示期间');

  clock.set(chinaTime('2021-03-01'));
  const member = await actorOf(services, anyang, 'yuanyuan');
  const second = await proposals.create(member, {
    sessionId: anyang.sessionId,
    title: '关于加强老旧小区电动自行车充电设施建设的提案',
    category: '城建',
    body: '一、情况分析\n老旧小区电动自行车“飞线充电”现象普遍，火灾隐患突出。（演示数据）\n二、具体建议\n（一）将充电设施纳入老旧小区改造内容；（二）落实物业和街道的管理责任。',
  });
  await proposals.submit(member, second.id, second.version);
  return anyang;
}

/** The Lanzhou reply's body, drawn from the 2024 press release of the Lanzhou police (demo text). */
export const LANZHOU_REPLY_BODY = [
  '作为提案的主办单位，我局高度重视，组织经侦支队专题研究提案所提建议，结合全市公安经侦工作实际，现将办理情况答复如下：',
  '一、打击经济犯罪的基本情况',
  '2024年，全市共受理经济犯罪案件626起，立案491起，破案482起，抓获犯罪嫌疑人381人，移送起诉512人，挽回经济损失5.33亿元，破获部督案件1起、省督案件6起，发起全国集群战役2起。',
  '二、我们采取的措施',
  '（一）突出打击重点。破获金融案件81起，挽回经济损失3.47亿元；破获涉税案件64起，挽回国家税款损失5136.79万元；破获涉企案件323起，为企业挽回损失1.12亿元；破获涉众案件14起，挽回投资者损失2257万元。',
  '（二）攻坚大要案件。攻破“1·12”虚开增值税专用发票案、“3·15”系列贷款诈骗案、“4·29”地下钱庄非法经营案等一批大要案件。',
  '三、下步打算',
  '我们将深化“专业+机制+大数据”新型警务运行模式，持续加强对涉企经济犯罪的打击，护航民营企业健康发展。',
].join('\n');

/**
 * Lanzhou: a proposal filed in 2025, assigned to 兰州市公安局, its reply drafted by 刘洋 and waiting
 * for 张伟 to sign it off (so the demo shows sign-off live).
 */
export async function loadLanzhou(services: DemoServices): Promise<LoadedCommittee> {
  services.clock.set(chinaTime('2025-01-02'));
  const lanzhou = await loadDemoCommittee(services.dataSource, services.org, LANZHOU);
  await continueNumbering(services.dataSource, lanzhou.committeeId, proposalNumberSeries(lanzhou.sessionId), 111);
  await replayToSignOff(services, lanzhou, {
    proposal: {
      title: '关于依法打击涉企经济犯罪护航民营企业发展的提案',
      category: '政法',
      body: '一、情况分析\n合同诈骗、职务侵占等涉企经济犯罪影响企业正常经营。（演示数据）\n二、具体建议\n（一）建立涉企案件快侦快办机制；（二）加大追赃挽损力度。',
    },
    people: { member: 'wangfang', staff: 'lanzhou-staff', drafter: 'liuyang' },
    on: { submit: '2025-01-09', file: '2025-02-10', assign: '2025-03-20', accept: '2025-03-21', draft: '2025-05-15' },
    leadUnit: 'police',
    draft: { body: LANZHOU_REPLY_BODY, grade: 'B', contactUnit: 'police-economic', contacts: [{ name: '刘洋', phone: '0931-8000001' }] },
  });
  return lanzhou;
}
