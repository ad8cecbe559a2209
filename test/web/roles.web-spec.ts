import type { Page } from 'playwright-core';
import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from '../helpers/test-app.js';
import { BrowserStory, type RoleBrowser } from './browser.js';

/**
 * The member's, units', offices' and public screens beyond the Anyang path, in Debian's Chromium, one
 * browser context per person: co-signing (one member invites, another accepts in their own browser),
 * withdrawal, a unit asking for an adjustment and an extension, a co-unit's 会办意见 read by the lead
 * unit, versions compared with a remark, 退回 on a phone, an office reading its copy, the inbox, and the
 * public search with the signed PDF. Each main screen is screenshotted and checked with axe-core; any
 * console error, uncaught exception or failed request fails the step. The data each step starts from is
 * set up through the HTTP API, as other clients would.
 */
const story = new BrowserStory('roles');
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

const COSIGN_TITLE = '关于加强电动自行车集中充电设施建设的提案';
const WITHDRAW_TITLE = '关于撤回测试老旧小区加装电梯的提案';
const HANDLED_TITLE = '关于严厉打击养老诈骗的提案';
const BODY = '一、情况分析\n近年来相关问题多发，群众反映强烈。\n二、具体建议\n（一）加强宣传；（二）强化打击。';

describe('the member, unit, office and public screens in the browser, one person each', () => {
  let t: TestApp;
  let c: TestCommittee;
  let member: UserClient;
  let staff: UserClient;
  let policeDrafter: UserClient;
  let financeDrafter: UserClient;
  let financeLeader: UserClient;
  let policeLeader: UserClient;
  let cosignId: string;
  let withdrawId: string;
  let lead: { id: string; version: number };
  let co: { id: string; version: number };
  let opinionId: string;
  let replyId: string;

  const open = (name: string, viewport?: { width: number; height: number }) => story.open(name, viewport);
  const login = (page: Page, username: string) => story.login(page, username);
  const check = (person: RoleBrowser, label: string) => story.check(person, label);

  const choose = async (page: Page, label: string, option: string) => {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    const s = new Scenario(t, c);
    await s.addUser('zhangming', '张明', Role.Member);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    await s.addUser('sunli', '孙丽', Role.Leader, 'finance');
    member = await t.as(c.username('yuanyuan'));
    staff = await t.as(c.username('anyang-staff'));
    policeDrafter = await t.as(c.username('chending'));
    policeLeader = await t.as(c.username('guochengji'));
    financeDrafter = await t.as(c.username('zhaolei'));
    financeLeader = await t.as(c.username('sunli'));
    cosignId = (await member.post('/api/proposals', { sessionId: c.sessionId, title: COSIGN_TITLE, body: BODY })).body.id;
    withdrawId = (await member.post('/api/proposals', { sessionId: c.sessionId, title: WITHDRAW_TITLE, body: BODY })).body.id;
    await story.start(t.app);
  }, 60_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
    await t?.close();
  });

  let yuanyuan: RoleBrowser;

  step('member: invites a co-signer found by name, with a deadline, and sees the invitation waiting', async () => {
    yuanyuan = await open('member');
    const { page } = yuanyuan;
    await login(page, c.username('yuanyuan'));
    await page.goto(`/proposals/${cosignId}`);
    await page.getByRole('heading', { level: 2, name: '联名' }).waitFor();
    await page.getByLabel('邀请联名的委员').click();
    await page.keyboard.type('张');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="张明"]').click();
    await page.keyboard.press('Escape');
    await page.getByLabel('联名截止日期').fill('2021-03-10');
    await page.getByRole('button', { name: '发起联名' }).click();
    await page.getByText('已发起联名，已通知被邀请的委员').waitFor();
    const row = page.getByRole('row', { name: /张明/ });
    await row.getByText('待答复').waitFor();
    await page.getByText(/联名截止：2021\/03\/10 18:00/).waitFor();
    await check(yuanyuan, 'cosign-invited');
  });

  step('co-signer: finds the invitation under 联名邀请 in their own browser and accepts it', async () => {
    const zhangming = await open('cosigner');
    const { page } = zhangming;
    await login(page, c.username('zhangming'));
    await page.getByRole('heading', { level: 1, name: '我的提案' }).waitFor();
    await page.locator('.stage-filter').getByText('联名邀请', { exact: true }).click();
    await page.getByRole('link', { name: COSIGN_TITLE }).waitFor();
    await check(zhangming, 'cosign-invitations');
    await page.getByRole('button', { name: `同意联名：${COSIGN_TITLE}` }).click();
    await page.getByText('您已同意联名').waitFor();
    await page.getByText('已同意', { exact: true }).waitFor();
    // the lead proposer sees the answer
    await yuanyuan.page.reload();
    await yuanyuan.page.getByRole('row', { name: /张明/ }).getByText('已同意').waitFor();
    expect((await member.get(`/api/proposals/${cosignId}`)).body.proposers.map((p: { displayName: string }) => p.displayName)).toEqual(['袁媛', '张明']);
  });

  step('member: withdraws a draft with a reason, then finds it among the ended ones by a word of its title, highlighted', async () => {
    const { page } = yuanyuan;
    await page.goto(`/proposals/${withdrawId}`);
    await page.getByRole('button', { name: '撤案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('撤案理由').fill('已通过其他渠道反映');
    await dialog.getByRole('button', { name: '撤案' }).click();
    await page.getByText('提案已撤回').waitFor();
    await page.locator('.page-head').getByText('已撤案').waitFor();
    await page.goto('/proposals');
    await page.locator('.stage-filter').getByText('已结束', { exact: true }).click();
    await page.getByLabel('搜索案由、正文、提案人、承办单位', { exact: true }).fill('加装电梯');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: WITHDRAW_TITLE }).waitFor();
    await expect(page.locator('.search-highlights mark').first().textContent()).resolves.toBe('加装电梯');
    expect(page.url()).toContain('tab=closed');
    await check(yuanyuan, 'my-proposals-search');
  });

  let chending: RoleBrowser;

  step('drafter: asks to adjust an assignment within its window and for an extension, and sees both waiting', async () => {
    t.clock.set(chinaTime('2021-03-02'));
    const s = new Scenario(t, c);
    const filed = await s.filed(HANDLED_TITLE, BODY);
    t.clock.set(chinaTime('2021-08-05'));
    [lead, co] = (await staff.post(`/api/proposals/${filed.id}/assignments`, { version: filed.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] })).body.assignments;
    chending = await open('drafter');
    const { page } = chending;
    await login(page, c.username('chending'));
    await page.goto(`/assignments/${lead.id}`);
    await page.getByRole('heading', { level: 2, name: '调整与延期' }).waitFor();
    await page.getByRole('button', { name: '申请调整' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('申请调整的理由').fill('本件主要涉及金融监管，建议由金融工作局主办');
    await dialog.getByRole('button', { name: '申请调整' }).click();
    await page.getByText('已提交调整申请，等待提案委审批').waitFor();
    await page.getByRole('button', { name: '申请延期' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('申请延至').fill('2021-12-20');
    await dialog.getByLabel('延期理由').fill('需会同多个部门调查核实');
    await dialog.getByRole('button', { name: '申请延期' }).click();
    await page.getByText('已提交延期申请，等待提案委审批').waitFor();
    await page.getByRole('row', { name: /金融工作局主办/ }).getByText('待审批').waitFor();
    await page.getByRole('row', { name: /申请延至 2021-12-20/ }).getByText('待审批').waitFor();
    await check(chending, 'assignment-requests');
    // the committee keeps the assignment and grants the extension: the history shows the move
    const [adjustment] = (await staff.get(`/api/adjustment-requests?assignmentId=${lead.id}`)).body.items;
    expect((await staff.post(`/api/adjustment-requests/${adjustment.id}/reject`, { version: adjustment.version, reason: '主办职责明确' })).status).toBe(200);
    const [extension] = (await staff.get(`/api/extensions?assignmentId=${lead.id}`)).body.items;
    expect((await staff.post(`/api/extensions/${extension.id}/approve`, { version: extension.version })).status).toBe(200);
    await page.reload();
    await page.getByRole('row', { name: /金融工作局主办/ }).getByText('未批准').waitFor();
    await page.getByRole('row', { name: /延期/ }).filter({ hasText: '2021-11-05 → 2021-12-20' }).waitFor();
  });

  step('lead unit: sees the co-unit’s 会办意见 missing, then received, and reads it', async () => {
    const { page } = chending;
    let current = (await policeDrafter.get(`/api/assignments/${lead.id}`)).body;
    lead = (await policeDrafter.post(`/api/assignments/${lead.id}/accept`, { version: current.version })).body;
    await page.reload();
    await page.getByText('还有会办单位的意见未到').waitFor();
    await page.getByRole('row', { name: /安阳市金融工作局/ }).getByText('未收到').waitFor();
    current = (await financeDrafter.get(`/api/assignments/${co.id}`)).body;
    await financeDrafter.post(`/api/assignments/${co.id}/accept`, { version: current.version });
    let opinion = (await financeDrafter.post(`/api/assignments/${co.id}/replies`, { body: '一、会办意见\n同意主办单位的办理意见，金融工作局将配合开展风险提示。', contactUnitId: c.unitIds.finance, contacts: [{ name: '赵磊', phone: '5150001' }] })).body;
    opinion = (await financeDrafter.post(`/api/replies/${opinion.id}/submit`, { version: opinion.version })).body;
    opinion = (await financeLeader.post(`/api/replies/${opinion.id}/sign-off`, { version: opinion.version, disclosure: 'none', disclosureNote: '会办意见不公开' })).body;
    opinionId = (await financeDrafter.post(`/api/replies/${opinion.id}/dispatch`, { version: opinion.version })).body.id;
    await page.reload();
    await page.getByText('会办意见已齐，答复可以提交签发。').waitFor();
    await check(chending, 'assignment-countersign');
    await page.getByRole('link', { name: '阅读会办意见：安阳市金融工作局' }).click();
    await page.waitForURL(`**/replies/${opinionId}`);
    await page.getByRole('heading', { level: 1, name: /会办意见$/ }).waitFor();
    await page.getByText('金融工作局将配合开展风险提示').waitFor();
    await check(chending, 'co-opinion');
  });

  step('leader on a phone: sends the reply back with a reason', async () => {
    let reply = (await policeDrafter.post(`/api/assignments/${lead.id}/replies`, { body: '一、办理情况\n已开展专项打击。', grade: 'B', contactUnitId: c.unitIds.police, contacts: [{ name: '陈丁', phone: '5156739' }] })).body;
    reply = (await policeDrafter.put(`/api/replies/${reply.id}`, { version: reply.version, body: '一、办理情况\n已开展专项打击。\n二、下步打算\n持续开展宣传。' })).body;
    reply = (await policeDrafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version })).body;
    replyId = reply.id;
    const phone = await open('leader-phone', { width: 360, height: 740 });
    const { page } = phone;
    await login(page, c.username('guochengji'));
    await page.goto(`/replies/${replyId}`);
    await page.getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('退回理由').fill('请补充打击成效的数据');
    await dialog.getByRole('button', { name: '退回修改' }).click();
    await page.getByText('已退回经办人').waitFor();
    await check(phone, 'reply-returned-phone');
    expect((await policeLeader.get(`/api/replies/${replyId}`)).body).toMatchObject({ status: 'drafting', returnReason: '请补充打击成效的数据' });
  });

  step('leader: compares any two versions, leaves a remark, and signs off', async () => {
    let reply = (await policeDrafter.get(`/api/replies/${replyId}`)).body;
    reply = (await policeDrafter.put(`/api/replies/${replyId}`, { version: reply.version, body: '一、办理情况\n已开展专项打击，破获案件12起。\n二、下步打算\n持续开展宣传。' })).body;
    await policeDrafter.post(`/api/replies/${replyId}/submit`, { version: reply.version });
    const leader = await open('leader');
    const { page } = leader;
    await login(page, c.username('guochengji'));
    await page.goto(`/replies/${replyId}`);
    await page.getByRole('heading', { level: 2, name: '版本与修改意见' }).waitFor();
    await page.getByRole('heading', { name: '第 2 版 → 第 3 版', exact: true }).waitFor();
    await choose(page, '旧版本', '第 1 版');
    await page.getByRole('heading', { name: '第 1 版 → 第 3 版', exact: true }).waitFor();
    const diff = page.getByRole('region', { name: '第 1 版 → 第 3 版' });
    await diff.locator('.diff-insert').filter({ hasText: '二、下步打算' }).waitFor();
    await diff.locator('.diff-delete').filter({ hasText: '已开展专项打击。' }).waitFor();
    await page.getByLabel('针对的原文（可选）').fill('破获案件12起');
    await page.getByLabel('修改意见', { exact: true }).fill('请注明统计时间段');
    await page.getByRole('button', { name: '提出意见' }).click();
    await page.getByText('意见已记录').waitFor();
    await page.locator('.remark-text').filter({ hasText: '请注明统计时间段' }).waitFor();
    await check(leader, 'reply-versions');
    await page.getByRole('button', { name: '签发', exact: true }).click();
    await page.getByText(/已签发：安公警〔2021〕\d+号/).waitFor({ timeout: 30_000 });
    const signed = (await policeDrafter.get(`/api/replies/${replyId}`)).body;
    expect((await policeDrafter.post(`/api/replies/${replyId}/dispatch`, { version: signed.version })).status).toBe(200);
  });

  step('office: finds the copied reply by a word of its text and reads it', async () => {
    const office = await open('office');
    const { page } = office;
    await login(page, c.username('anyang-swb'));
    await page.getByRole('heading', { level: 1, name: '抄送给我的答复' }).waitFor();
    await page.getByLabel('搜索答复标题、文号、正文', { exact: true }).fill('专项打击');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await check(office, 'copies-search');
    await page.getByRole('table').getByRole('link', { name: /的答复$/ }).click();
    await page.waitForURL(`**/replies/${replyId}`);
    await page.getByText('破获案件12起').waitFor();
    await check(office, 'copy-read');
    const [copy] = await t.dataSource.query('SELECT read_at FROM reply_copies WHERE reply_id = $1 AND unit_id = $2', [replyId, c.unitIds['office-party']]);
    expect(copy.read_at).not.toBeNull();
  });

  step('drafter: marks every notice read at once in the inbox', async () => {
    const { page } = chending;
    await page.goto('/inbox');
    await page.getByRole('heading', { level: 1, name: '消息' }).waitFor();
    await page.getByRole('button', { name: '标为已读', exact: true }).first().waitFor();
    await check(chending, 'inbox');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByText(/已将 \d+ 条消息标为已读/).waitFor();
    // the list reloads after the message: every per-notice button goes
    await page.getByRole('button', { name: '标为已读', exact: true }).first().waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: '标为已读', exact: true }).count()).resolves.toBe(0);
    expect((await policeDrafter.get('/api/notifications?unread=true')).body.unread).toBe(0);
  });

  step('public: searches the published replies without login and gets the signed PDF', async () => {
    const visitor = await open('public');
    const { page } = visitor;
    await page.goto('/public/replies');
    await page.getByLabel('按提案或答复标题搜索', { exact: true }).fill('养老诈骗');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    await check(visitor, 'public-search');
    await page.locator('#main').getByRole('link', { name: /的答复$/ }).click();
    await page.waitForURL(`**/public/replies/${replyId}`);
    await page.getByText('破获案件12起').waitFor();
    const href = await page.getByRole('link', { name: /查看签发的公文 PDF/ }).getAttribute('href');
    const pdf = await page.request.get(href as string);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await check(visitor, 'public-reply');
  });
});
