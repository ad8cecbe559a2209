import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ANYANG_CONTACTS, chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from '../helpers/test-app.js';
import { BrowserStory, type RoleBrowser } from './browser.js';

/**
 * The reply screens of members, units and offices in Debian's Chromium, one browser context per person:
 * 内部审核 (a drafter names reviewers, one sends it back with a reason, the next round is approved from
 * 待我审核), 跟踪办理 (a unit records the second result of a B reply), the signed reply as DOCX, the
 * member rating two 分办 answers one after the other (the form names each), an office filtering its
 * copies by unread and read, the public search's highlights, and the unit's screens at 360 px. Each new
 * screen is screenshotted and checked with axe-core; any console error, uncaught exception or failed
 * request fails the step. The data each step starts from is set up through the HTTP API.
 */
const story = new BrowserStory('replies');
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

const SEPARATE_TITLE = '关于加强金融消费者权益保护的提案';

describe('internal review, follow-ups, DOCX, feedback on every answer and copies in the browser', () => {
  let t: TestApp;
  let c: TestCommittee;
  let reviewedId: string;
  let followedReplyId: string;
  let separateId: string;

  const open = (name: string, viewport?: { width: number; height: number }) => story.open(name, viewport);
  const login = (page: Page, username: string) => story.login(page, username);
  const check = (person: RoleBrowser, label: string) => story.check(person, label);

  /** Picks options of a multiple select by their titles, then closes it. */
  const chooseMany = async (page: Page, label: string, options: string[]) => {
    await page.getByLabel(label, { exact: true }).click();
    for (const option of options) await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${option}"]`).click();
    await page.keyboard.press('Escape');
  };

  /** A unit drafts, its leader signs off and the drafter sends a reply of an accepted assignment, over HTTP. */
  const answer = async (assignmentId: string, drafter: UserClient, leader: UserClient, contactUnitId: string) => {
    let reply = (await drafter.post(`/api/assignments/${assignmentId}/replies`, { body: '一、办理情况\n已开展专项整治。', grade: 'B', contactUnitId, contacts: ANYANG_CONTACTS })).body;
    reply = (await drafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version })).body;
    reply = (await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' })).body;
    expect((await drafter.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version })).status).toBe(200);
    return reply.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    const s = new Scenario(t, c);
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    await s.addUser('sunli', '孙丽', Role.Leader, 'finance');
    const staff = await t.as(c.username('anyang-staff'));
    const policeDrafter = await t.as(c.username('chending'));
    const policeLeader = await t.as(c.username('guochengji'));
    const financeDrafter = await t.as(c.username('zhaolei'));
    const financeLeader = await t.as(c.username('sunli'));
    // A B reply sent: its follow-up is open, its DOCX signed.
    followedReplyId = (await s.dispatched()).reply.id;
    // A complete draft of the police, for the internal review.
    const { assignment } = await s.accepted();
    reviewedId = (await policeDrafter.post(`/api/assignments/${assignment.id}/replies`, { body: '一、办理情况\n正文。', grade: 'A', contactUnitId: c.unitIds.police, contacts: ANYANG_CONTACTS })).body.id;
    // 分办 to the police and finance, each answering separately.
    const filed = await s.filed(SEPARATE_TITLE);
    separateId = filed.id;
    const [police, finance] = (await staff.post(`/api/proposals/${filed.id}/assignments`, { version: filed.version, separateUnitIds: [c.unitIds.police, c.unitIds.finance] })).body.assignments;
    await policeDrafter.post(`/api/assignments/${police.id}/accept`, { version: police.version });
    await financeDrafter.post(`/api/assignments/${finance.id}/accept`, { version: finance.version });
    await answer(police.id, policeDrafter, policeLeader, c.unitIds.police);
    t.clock.set(chinaTime('2021-08-06'));
    await answer(finance.id, financeDrafter, financeLeader, c.unitIds.finance);
    await story.start(t.app);
  }, 60_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
    await t?.close();
  });

  let chending: RoleBrowser;
  let wangpeng: RoleBrowser;

  step('drafter: names two reviewers of the unit and sends the draft for internal review', async () => {
    chending = await open('drafter');
    const { page } = chending;
    await login(page, c.username('chending'));
    await page.goto(`/replies/${reviewedId}`);
    await page.getByRole('heading', { level: 2, name: '内部审核' }).waitFor();
    await page.getByText('尚未送内部审核').waitFor();
    await chooseMany(page, '审核人', ['王鹏', '郭成吉']);
    await page.getByRole('button', { name: '送内部审核' }).click();
    await page.getByText('已送内部审核，已通知审核人').waitFor();
    await page.getByRole('region', { name: '第 1 轮' }).getByText('待审核').first().waitFor();
    await check(chending, 'internal-review-sent');
  });

  step('reviewer: finds it under 待我审核 and sends it back with a reason; the focus returns after the dialog', async () => {
    wangpeng = await open('reviewer');
    const { page } = wangpeng;
    await login(page, c.username('wangpeng'));
    await page.getByRole('navigation').getByRole('link', { name: '待我审核' }).click();
    await page.getByRole('heading', { level: 1, name: '待我审核的答复' }).waitFor();
    await check(wangpeng, 'review-queue');
    await page.getByRole('table').getByRole('link', { name: /的答复$/ }).click();
    await page.getByText('这份答复等待你的审核').waitFor();
    await check(wangpeng, 'review-decide');
    // a reason is required: cancel first, and the focus is back on the button that opened the dialog
    const sendBack = page.getByRole('button', { name: '退回修改' });
    await sendBack.click();
    await page.getByRole('dialog').getByLabel('退回理由').waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect(sendBack.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await sendBack.click();
    await page.getByRole('dialog').getByLabel('退回理由').fill('第一部分的数据请核实');
    await page.getByRole('dialog').getByRole('button', { name: '退回修改' }).click();
    await page.getByText('已退回起草人').waitFor();
    await page.getByRole('region', { name: '第 1 轮' }).getByText('第一部分的数据请核实').waitFor();
    await page.goto('/reply-reviews');
    await page.getByText('没有等待你审核的答复').waitFor();
  });

  step('drafter: sees the reason and the round, sends it again to one reviewer, who approves it on to sign-off', async () => {
    const { page } = chending;
    await page.reload();
    await page.getByText(/第一部分的数据请核实/).first().waitFor();
    await chooseMany(page, '审核人', ['王鹏']);
    await page.getByRole('button', { name: '送内部审核' }).click();
    await page.getByText('已送内部审核，已通知审核人').waitFor();
    await page.getByRole('region', { name: '第 2 轮' }).waitFor();

    await wangpeng.page.goto(`/replies/${reviewedId}`);
    await wangpeng.page.getByRole('button', { name: '审核同意' }).click();
    await wangpeng.page.getByText('已同意，答复已送签发').waitFor();
    await wangpeng.page.getByRole('region', { name: '第 2 轮' }).getByText('同意').waitFor();
    expect((await t.dataSource.query('SELECT status FROM replies WHERE id = $1', [reviewedId]))[0].status).toBe('awaiting_signoff');
  });

  step('drafter: records the follow-up result of a B reply, and downloads the signed reply as DOCX', async () => {
    const { page } = chending;
    await page.getByRole('navigation').getByRole('link', { name: '跟踪办理' }).click();
    await page.getByRole('heading', { level: 1, name: '跟踪办理' }).waitFor();
    const row = page.getByRole('row', { name: /金融理财诈骗/ });
    await row.getByText('2022-02-07').waitFor();
    await check(chending, 'follow-ups');
    await row.getByRole('button', { name: /记录跟踪结果/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '记录跟踪结果' }).click();
    await dialog.getByText('请选择新的办理结果').waitFor();
    await check(chending, 'follow-up-record');
    await dialog.getByLabel('新的办理结果').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="A："]').click();
    await dialog.getByLabel('跟踪办理情况').fill('专项整治已完成，诈骗案件发案数同比下降三成。');
    await dialog.getByRole('button', { name: '记录跟踪结果' }).click();
    await page.getByText('跟踪结果已记录').waitFor();
    await page.locator('.follow-up-filter').getByText('已反馈', { exact: true }).click();
    await page.getByText('专项整治已完成，诈骗案件发案数同比下降三成。').waitFor();
    expect((await t.dataSource.query('SELECT status, result_grade FROM follow_ups WHERE reply_id = $1', [followedReplyId]))[0]).toEqual({ status: 'done', result_grade: 'A' });

    await page.goto(`/replies/${followedReplyId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word 版' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.getByText(/已下载 .*\.docx/).waitFor();
  });

  step('member: rates the first 分办 answer, then the form names the second one, which is rated too', async () => {
    const member = await open('member');
    const { page } = member;
    await login(page, c.username('yuanyuan'));
    await page.goto(`/proposals/${separateId}`);
    await page.getByRole('heading', { level: 2, name: '征询意见表' }).waitFor();
    await expect(page.getByText('等待您的评价').count()).resolves.toBe(2);
    const fill = async (unit: string, level: string) => {
      await page.getByText(new RegExp(`针对${unit}的答复`)).waitFor();
      const form = page.locator('form', { hasText: '对办理结果' });
      await form.locator('.ant-form-item', { hasText: '对办理结果' }).getByText(level, { exact: true }).click();
      await form.locator('.ant-form-item', { hasText: '对办理态度' }).getByText('满意', { exact: true }).click();
      await form.locator('.ant-form-item', { hasText: '是否与您联系' }).getByText('是', { exact: true }).click();
      await form.locator('.ant-form-item', { hasText: '是否回应' }).getByText('是', { exact: true }).click();
    };
    await fill('安阳市公安局', '满意');
    await page.getByText('提交后还有 1 份答复等待评价。').waitFor();
    await check(member, 'feedback-first-answer');
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByText('您的评价：满意').waitFor();
    await fill('安阳市金融工作局', '基本满意');
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByText('您的评价：基本满意').waitFor();
    await page.getByRole('heading', { level: 2, name: '征询意见表' }).waitFor({ state: 'detached' });
    await check(member, 'feedback-every-answer');
    const rated: Array<{ unit: string; satisfaction: string }> = await t.dataSource.query(
      `SELECT u.name AS unit, f.satisfaction FROM feedback f JOIN replies r ON r.id = f.reply_id JOIN units u ON u.id = r.unit_id WHERE f.proposal_id = $1 ORDER BY f.created_at`,
      [separateId],
    );
    expect(rated).toEqual([
      { unit: '安阳市公安局', satisfaction: 'satisfied' },
      { unit: '安阳市金融工作局', satisfaction: 'basically_satisfied' },
    ]);
  });

  step('office: filters its copies by unread, reads one, and finds it under 已读', async () => {
    const office = await open('office');
    const { page } = office;
    await login(page, c.username('anyang-swb'));
    await page.getByRole('heading', { level: 1, name: '抄送给我的答复' }).waitFor();
    await page.locator('.read-filter').getByText('未读', { exact: true }).click();
    await page.waitForURL(/read=false/);
    const unread = page.getByRole('table').getByRole('link', { name: /的答复$/ });
    await unread.first().waitFor();
    const before = await unread.count();
    expect(before).toBe(3);
    await check(office, 'copies-unread');
    await unread.first().click();
    await page.waitForURL(/\/replies\//);
    await page.getByText('已开展专项整治').first().waitFor();
    await page.goBack();
    await page.waitForURL(/read=false/);
    await page.getByRole('table').getByRole('link', { name: /的答复$/ }).nth(before - 2).waitFor();
    await expect(page.getByRole('table').getByRole('link', { name: /的答复$/ }).count()).resolves.toBe(before - 1);
    await page.locator('.read-filter').getByText('已读', { exact: true }).click();
    await page.waitForURL(/read=true/);
    await page.getByRole('table').getByText(/^已读 /).waitFor();
    await expect(page.getByRole('table').getByRole('link', { name: /的答复$/ }).count()).resolves.toBe(1);
  });

  step('public: the search marks where each published reply matched', async () => {
    const visitor = await open('public');
    const { page } = visitor;
    await page.goto('/public/replies?q=%E4%B8%93%E9%A1%B9%E6%95%B4%E6%B2%BB');
    await page.locator('.search-highlights mark').first().waitFor();
    await expect(page.locator('.search-highlights mark').first().textContent()).resolves.toBe('专项整治');
    await check(visitor, 'public-highlights');
  });

  step('phone: the unit’s new screens fit 360 px and the menu reaches them from the keyboard', async () => {
    const phone = await open('drafter-phone', { width: 360, height: 740 });
    const { page } = phone;
    await login(page, c.username('chending'));
    for (const [path, heading] of [
      ['/unit/follow-ups', '跟踪办理'],
      ['/reply-reviews', '待我审核的答复'],
      [`/replies/${reviewedId}`, '内部审核'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect([path, overflow]).toEqual([path, 0]);
    }
    await check(phone, 'phone-internal-review');
    // keyboard: the skip link first, then into the page; the menu links are reachable by Tab
    await page.goto('/unit/follow-ups');
    await page.getByRole('heading', { level: 1, name: '跟踪办理' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.className')).resolves.toContain('skip-link');
    let reached = false;
    for (let i = 0; i < 25 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement.textContent')) === '待我审核';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '待我审核的答复' }).waitFor();
  });
});
