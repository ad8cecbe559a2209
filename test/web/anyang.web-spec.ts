import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { setSeriesStart } from '#app/core';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, anyangReplyBody, chinaTime } from '#app/demo';
import { proposalNumberSeries } from '#app/proposals';
import { documentNumberSeries } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { BrowserStory, type RoleBrowser } from './browser.js';

/**
 * The Anyang case through the web app, in Debian's Chromium: one browser context per role, from the
 * member's submission to the committee closing the proposal, then the public page. Every main screen is
 * screenshotted (test-artifacts/web/) and checked with axe-core (no serious or critical violations);
 * any console error, uncaught exception or failed request fails the step it happened in.
 */
/**
 * Each step has a minute (a sign-off renders the PDF; Chromium starts once). The story is one: after a
 * step fails, the later ones fail at once naming it, instead of each waiting out its timeouts.
 */
const story = new BrowserStory('anyang');
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

const TITLE = ANYANG_PROPOSAL_365.title;
const REPLY_TITLE = '关于对政协十三届安阳市委员会四次会议第365号提案的答复';

describe('the Anyang case in the browser, one person per role', () => {
  let t: TestApp;
  let c: TestCommittee;
  let proposalPath: string;
  let replyPath: string;

  const open = (name: string, viewport?: { width: number; height: number }) => story.open(name, viewport);

  /** Logs in with the keyboard only: type, Tab, type, Enter. */
  const login = async (page: Page, username: string) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').focus();
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('cppcc-demo-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  const check = (person: RoleBrowser, label: string) => story.check(person, label);

  const choose = async (page: Page, label: string, option: string) => {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    // The list closes with an animation; a screen checked while it is still fading is not the screen people see.
    // On a loaded machine a click can land while the list is still opening and leave it open (seen once in
    // six runs): then it is closed as a person would (the later steps check what was chosen).
    const open = page.locator('.ant-select-dropdown:visible').first();
    await open.waitFor({ state: 'hidden', timeout: 3_000 }).catch(async () => {
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'hidden' });
    });
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    await setSeriesStart(t.dataSource.manager, c.committeeId, proposalNumberSeries(c.sessionId), 364);
    await setSeriesStart(t.dataSource.manager, c.committeeId, documentNumberSeries(c.unitIds.police, 'answer', 2021), 59);
    // The police bureau's remit, so the committee is shown a recommendation with its reason.
    const admin = await t.as(c.username('anyang-admin'));
    const police = (await admin.get('/api/units?kind=handling')).body.find((u: { id: string }) => u.id === c.unitIds.police);
    const remit = await admin.patch(`/api/admin/units/${police.id}`, { version: police.version, remitKeywords: ['诈骗', '公安'] });
    expect(remit.status).toBe(200);
    await story.start(t.app);
  }, 60_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
    await t?.close();
  });

  step('serves the web app from the API origin, with client routes falling back to it and /api left alone', async () => {
    const page = await t.http().get('/proposals/whatever');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<div id="root"></div>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await t.http().get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect((await t.http().get('/assets/missing.js')).status).toBe(404);
  });

  step('member: is told what to do after a wrong password, then writes the proposal, sees similar ones, attaches a file and submits it', async () => {
    const member = await open('member');
    const { page } = member;
    await page.goto('/login');
    member.expectConsoleError(/status of 401 .*\/api\/auth\/login/);
    await page.getByLabel('用户名').fill(c.username('yuanyuan'));
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    // The refusal says what to do, then what the API said.
    await page.getByRole('alert').getByText('用户名或密码不正确：请检查后重新输入（注意大小写）。').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password');
    await login(page, c.username('yuanyuan'));
    await page.getByRole('heading', { level: 1, name: '我的提案' }).waitFor();
    await page.getByRole('button', { name: '写提案' }).click();
    await page.getByRole('heading', { level: 1, name: '写提案' }).waitFor();
    await page.getByLabel('案由').fill(TITLE);
    await choose(page, '类别', '政法');
    await page.getByLabel('正文').fill(ANYANG_PROPOSAL_365.body);
    await page.getByText('没有找到相似的提案').waitFor();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}\/edit$/);
    await page.locator('input[type=file]').setInputFiles({ name: '诈骗案件情况.txt', mimeType: 'text/plain', buffer: Buffer.from('2020年受理金融理财诈骗案件情况（示例）') });
    await page.getByText('已上传 诈骗案件情况.txt').waitFor();
    await check(member, 'write-proposal');

    await page.getByRole('button', { name: '提交提案' }).click();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    proposalPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '已提交' }).waitFor();
    await page.getByRole('button', { name: '诈骗案件情况.txt' }).waitFor();
    await check(member, 'proposal-submitted');

    await page.getByRole('link', { name: '我的提案' }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await page.locator('.stage-filter').getByText('草稿', { exact: true }).click();
    await page.getByText('暂无提案').waitFor();
    await page.locator('.stage-filter').getByText('已提交', { exact: true }).click();
    await page.getByLabel('搜索案由、正文、提案人、承办单位', { exact: true }).fill('金融理财');
    await page.getByLabel('搜索案由、正文、提案人、承办单位', { exact: true }).press('Enter');
    await page.waitForURL(/q=/);
    await page.getByRole('link', { name: TITLE }).waitFor();
    await check(member, 'my-proposals');
  });

  step('committee staff: files it as No. 365 from the review queue and assigns it to the recommended unit', async () => {
    t.clock.set(chinaTime('2021-03-15'));
    const staff = await open('staff');
    const { page } = staff;
    await login(page, c.username('anyang-staff'));
    await page.getByRole('heading', { level: 1, name: '审查队列' }).waitFor();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await check(staff, 'review-queue');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: '开始审查' }).click();
    await page.locator('.page-head .ant-tag', { hasText: '审查中' }).waitFor();
    await page.getByRole('heading', { name: '相似的提案（审查参考，可考虑并案）' }).waitFor();
    await page.getByRole('button', { name: '立案' }).click();
    await page.getByText('已立案，编号第365号').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '已立案' }).waitFor();

    t.clock.set(chinaTime('2021-08-05'));
    const recommendation = page.locator('.recommendations .ant-list-item', { hasText: '安阳市公安局' });
    await recommendation.waitFor();
    expect(await recommendation.textContent()).toContain('诈骗');
    await page.getByRole('button', { name: '设为主办：安阳市公安局' }).click();
    await expect(page.locator('.ant-form-item', { hasText: '主办单位' }).locator('.ant-select-content').textContent()).resolves.toBe('安阳市公安局');
    await check(staff, 'assign');
    await page.getByRole('button', { name: '交办', exact: true }).click();
    await page.getByText('已交办给 安阳市公安局').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '已交办' }).waitFor();
    await page.getByRole('cell', { name: '自 2021-08-05 起 3 个月，至 2021-11-05' }).waitFor();
  });

  step('unit drafter: sees the due date with its explanation, accepts, drafts the reply on the template and sends it to sign-off', async () => {
    t.clock.set(chinaTime('2021-08-06'));
    const drafter = await open('drafter');
    const { page } = drafter;
    await login(page, c.username('chending'));
    await page.getByRole('heading', { level: 1, name: '本单位交办的提案' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await expect(row.textContent()).resolves.toContain('2021-11-05自 2021-08-05 起 3 个月，至 2021-11-05');
    await check(drafter, 'assignments');
    await page.getByRole('button', { name: `签收：${TITLE}` }).click();
    await row.locator('.ant-tag', { hasText: '已签收' }).waitFor();

    t.clock.set(chinaTime('2021-10-20'));
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await page.getByRole('heading', { name: '各项期限' }).waitFor();
    await page.getByRole('button', { name: '按模板起草答复' }).click();
    await page.waitForURL(/\/replies\/[0-9a-f-]{36}$/);
    replyPath = new URL(page.url()).pathname;
    const body = page.getByLabel('答复正文');
    await expect(body.inputValue()).resolves.toContain('一、基本情况');
    await page.getByText('您提出的《关于严厉打击金融理财诈骗的提案》已收悉，非常感谢您对公安工作的关心和提出的建议。').waitFor();
    await choose(page, '办理结果', 'A：所提问题已经解决或基本解决 / 已采纳');
    await body.fill(anyangReplyBody());
    await choose(page, '联系单位', '安阳市公安局经侦支队');
    await page.getByLabel('姓名 1').fill(ANYANG_CONTACTS[0].name);
    await page.getByLabel('电话 1').fill(ANYANG_CONTACTS[0].phone);
    await page.getByRole('button', { name: '添加联系人' }).click();
    await page.getByLabel('姓名 2').fill(ANYANG_CONTACTS[1].name);
    await page.getByLabel('电话 2').fill(ANYANG_CONTACTS[1].phone);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('已保存，第 2 版').waitFor();
    await check(drafter, 'reply-draft');
    await page.getByRole('button', { name: '提交签发' }).click();
    await page.getByText('已提交，等待领导签发').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '待签发' }).waitFor();
  });

  step('unit leader: reads the change from the previous version and sends the reply back with a reason', async () => {
    const leader = await open('leader');
    const { page } = leader;
    await login(page, c.username('guochengji'));
    await page.getByRole('heading', { level: 1, name: '待签发的答复' }).waitFor();
    await check(leader, 'sign-off-list');
    await page.getByRole('link', { name: REPLY_TITLE }).click();
    await page.getByRole('heading', { name: '与上一版的差异（第 1 版 → 第 2 版）' }).waitFor();
    await page.locator('.diff-insert', { hasText: '二、我们采取的措施' }).first().waitFor();
    await check(leader, 'sign-off');
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByLabel('退回理由').fill('请核实第二部分的数据');
    await page.getByRole('dialog').getByRole('button', { name: '退回修改' }).click();
    await page.getByText('已退回经办人').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '起草中' }).waitFor();
  });

  step('drafter sees the reason and sends it again; the leader signs it off with full disclosure as 安公警〔2021〕60号', async () => {
    const [drafter, leader] = [story.people[2], story.people[3]];
    await drafter.page.goto(replyPath);
    await drafter.page.getByText('领导退回：请核实第二部分的数据').waitFor();
    await drafter.page.getByRole('button', { name: '提交签发' }).click();
    await drafter.page.getByText('已提交，等待领导签发').waitFor();

    t.clock.set(chinaTime('2021-11-01', 9));
    await leader.page.reload();
    await leader.page.getByRole('radio', { name: '全文公开' }).waitFor();
    await expect(leader.page.getByRole('radio', { name: '全文公开' }).isChecked()).resolves.toBe(true);
    await leader.page.getByRole('button', { name: '签发', exact: true }).click();
    await leader.page.getByText('已签发：安公警〔2021〕60号').waitFor();
    await leader.page.locator('.page-head .ant-tag', { hasText: '已签发' }).waitFor();
    await leader.page.getByText('签发人：郭成吉').waitFor();
    await check(leader, 'signed');

    await drafter.page.reload();
    await drafter.page.getByRole('button', { name: '发出答复' }).click();
    await drafter.page.getByText('答复已发出，委员和抄送单位已收到').waitFor();
    await drafter.page.locator('.page-head .ant-tag', { hasText: '已发出' }).waitFor();
  });

  step('office: finds the reply among the replies copied to it and reads it', async () => {
    const office = await open('office');
    const { page } = office;
    await login(page, c.username('anyang-swb'));
    await page.getByRole('heading', { level: 1, name: '抄送给我的答复' }).waitFor();
    await page.getByRole('cell', { name: '安公警〔2021〕60号' }).waitFor();
    await check(office, 'copies');
    await page.getByRole('link', { name: REPLY_TITLE }).click();
    await page.getByText('抄送：市委办公室、市政府办公室、市政协提案委').waitFor();
  });

  step('member: is told in the inbox, reads the reply, downloads the signed PDF and fills in the feedback form', async () => {
    t.clock.set(chinaTime('2021-11-05'));
    const member = story.people[0];
    const { page } = member;
    await page.goto('/proposals');
    // The count arrives after the page: wait for it to be other than 0.
    const inbox = page.getByRole('link', { name: /^消息\s?，[1-9]\d* 条未读$/ });
    await inbox.waitFor();
    const unread = Number(/(\d+) 条未读/.exec((await inbox.textContent()) ?? '')?.[1]);
    expect(unread).toBeGreaterThanOrEqual(2);
    await inbox.click();
    await page.getByRole('button', { name: '您的提案《关于严厉打击金融理财诈骗的提案》已立案，编号第365号' }).waitFor();
    await check(member, 'inbox');

    await page.goto(proposalPath);
    await page.getByRole('heading', { name: '答复：安阳市公安局' }).waitFor();
    await page.getByText('尊敬的袁媛委员：').waitFor();
    await page.getByText('安公警〔2021〕60号').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载答复 PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const form = page.locator('form', { hasText: '对办理结果' });
    await form.locator('.ant-form-item', { hasText: '对办理结果' }).getByText('满意', { exact: true }).click();
    await form.locator('.ant-form-item', { hasText: '对办理态度' }).getByText('满意', { exact: true }).click();
    await form.locator('.ant-form-item', { hasText: '是否与您联系' }).getByText('是', { exact: true }).click();
    await form.locator('.ant-form-item', { hasText: '联系方式' }).getByText('电话', { exact: true }).click();
    await form.locator('.ant-form-item', { hasText: '是否回应' }).getByText('是', { exact: true }).click();
    await page.getByLabel('其他意见').fill('答复认真，措施具体');
    await check(member, 'feedback-form');
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByText('意见已提交，谢谢！').waitFor();
    await page.getByText('对办理结果：满意').waitFor();
  });

  step('committee staff: sees the feedback and closes the proposal (办结)', async () => {
    const staff = story.people[1];
    const { page } = staff;
    await page.goto(proposalPath);
    await page.getByText('对办理结果：满意').waitFor();
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByText('提案已办结').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '已办结' }).waitFor();
    await check(staff, 'closed');
  });

  step('public: finds the published reply without logging in, opens its PDF, and reads the page in English', async () => {
    const visitor = await open('public');
    const { page } = visitor;
    await page.goto(`/public/replies?committee=${c.committeeId}`);
    await page.getByRole('searchbox', { name: '按提案或答复标题搜索' }).fill('金融理财');
    await page.getByRole('searchbox', { name: '按提案或答复标题搜索' }).press('Enter');
    await page.getByRole('link', { name: REPLY_TITLE }).click();
    await page.getByText('安阳市公安局', { exact: true }).first().waitFor();
    const href = await page.getByRole('link', { name: '查看签发的公文 PDF' }).getAttribute('href');
    const pdf = await visitor.context.request.get(new URL(href as string, page.url()).toString());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await check(visitor, 'public-reply');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('link', { name: 'Back to the published replies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Published replies to proposals' }).waitFor();
    await check(visitor, 'public-list-en');
  });

  step('works on a phone-sized screen: the member’s list fits the width', async () => {
    const phone = await open('member-phone', { width: 390, height: 844 });
    const { page } = phone;
    await login(page, c.username('yuanyuan'));
    await page.getByRole('link', { name: TITLE }).waitFor();
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await check(phone, 'my-proposals-phone');
  });
});
