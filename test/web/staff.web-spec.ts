import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from '../helpers/test-app.js';
import { launchChromium, RoleBrowser } from './browser.js';

/**
 * The committee staff's and administrator's screens in Debian's Chromium, on a committee whose history
 * is driven through the real services (filed, assigned, overdue, answered, rated): the dashboard with a
 * drill-down, 催办 and an Excel download, a 交办会 of several proposals (with a refused item), the other
 * review outcomes, an adjustment and an extension decided, the actions after a 不满意, follow-ups, and the
 * administrator's calendar, rules, code tables, users and units. Every main screen is screenshotted
 * (test-artifacts/web/staff/) and checked with axe-core; a console error or failed request fails the step.
 */
let brokenAt: string | null = null;
const people: RoleBrowser[] = [];
const step = (name: string, fn: () => Promise<void>) =>
  it(
    name,
    async () => {
      if (brokenAt) throw new Error(`not run: the earlier step "${brokenAt}" failed`);
      try {
        await fn();
      } catch (error) {
        brokenAt = name;
        await Promise.all(people.map((person) => person.screenshot('at-failure').catch(() => undefined)));
        throw error;
      }
    },
    90_000,
  );

const BODY = '一、基本情况\n近年来群众反映较多，相关工作仍有不足。\n二、具体建议\n建议有关部门加强统筹，完善制度，抓好落实。';
const BULK = ['关于加强电动自行车充电管理的提案', '关于优化营商环境的提案', '关于加强校园周边交通安全的提案'];
const OVERDUE = '关于治理城区噪声扰民的提案';
const ADJUSTED = '关于发展普惠金融的提案';
const NOT_FILED = '关于在全市推广某品牌净水器的提案';
const MERGED = '关于规范电动车充电设施的提案';
const OPINION = '关于改进机关食堂管理的提案';

describe('committee staff and administrator screens in the browser', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let browser: Browser;
  let baseURL: string;
  let staffApi: UserClient;
  const counter = { next: 1, story: 'staff' };
  const accessibility: string[] = [];
  const ids: Record<string, string> = {};

  const open = async (name: string, viewport?: { width: number; height: number }) => {
    const person = await RoleBrowser.open(browser, name, baseURL, counter, viewport);
    people.push(person);
    return person;
  };

  const login = async (page: Page, username: string) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('cppcc-demo-2026');
    await page.getByLabel('密码').press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  const check = async (person: RoleBrowser, label: string) => accessibility.push(...(await person.checkScreen(label)));

  const proposal = async (id: string) => (await staffApi.get(`/api/proposals/${id}`)).body as { status: string; key: boolean; version: number; number: number | null };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    const admin = await t.as(c.username('anyang-admin'));
    const units = (await admin.get('/api/units?kind=handling')).body as Array<{ id: string; version: number }>;
    const remit = async (key: string, remitKeywords: string[]) => {
      const unit = units.find((u) => u.id === c.unitIds[key]);
      expect((await admin.patch(`/api/admin/units/${c.unitIds[key]}`, { version: unit?.version, remitKeywords })).status).toBe(200);
    };
    await remit('police', ['交通', '充电', '噪声', '治安']);
    await remit('finance', ['营商', '金融']);

    const staff = await s.actor('anyang-staff');
    for (const [i, title] of BULK.entries()) ids[`bulk${i}`] = (await s.filed(title, BODY)).id;
    const overdue = await s.filed(OVERDUE, BODY);
    const adjusted = await s.filed(ADJUSTED, BODY);
    for (const [key, title] of [
      ['notFiled', NOT_FILED],
      ['merged', MERGED],
      ['opinion', OPINION],
    ]) {
      ids[key] = (await s.underReview(title, BODY)).id;
    }

    t.clock.set(chinaTime('2021-03-10'));
    await s.handling.assign(staff, overdue.id, { version: overdue.version, leadUnitId: c.unitIds.police });
    const [toAdjust] = (await s.handling.assign(staff, adjusted.id, { version: adjusted.version, leadUnitId: c.unitIds.police })).assignments;
    Object.assign(ids, { overdue: overdue.id, adjusted: adjusted.id, adjustment: toAdjust.id });
    t.clock.set(chinaTime('2021-03-11'));
    const drafter = await t.as(c.username('chending'));
    const asked = await drafter.post(`/api/assignments/${toAdjust.id}/adjustment-requests`, { reason: '该提案主要涉及金融监管，不属于公安机关职责', suggestedUnitIds: [c.unitIds.finance] });
    expect(asked.status).toBe(201);

    // Two answers sent (grade B, so each is followed up): one rated 满意, one 不满意.
    const member = await t.as(c.username('yuanyuan'));
    const rated = async (satisfaction: string) => {
      const { proposal: p, assignment } = await s.dispatched();
      const feedback = await member.post(`/api/proposals/${p.id}/feedback`, { satisfaction, contacted: true, answered: satisfaction !== 'dissatisfied' });
      expect(feedback.status).toBe(201);
      return { id: p.id, assignmentId: assignment.id };
    };
    ids.satisfied = (await rated('satisfied')).id;
    const dissatisfied = await rated('dissatisfied');
    Object.assign(ids, { dissatisfied: dissatisfied.id, dissatisfiedAssignment: dissatisfied.assignmentId });

    t.clock.set(chinaTime('2021-08-10'));
    staffApi = await t.as(c.username('anyang-staff'));
    await t.app.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium('staff');
  }, 120_000);

  afterEach(() => {
    const problems = people.flatMap((person) => person.problems.splice(0));
    const failing = accessibility.splice(0);
    expect({ problems, accessibility: failing }).toEqual({ problems: [], accessibility: [] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  step('staff: the dashboard shows the figures, charts and units; a figure drills down to its proposals; the overdue one is chased; the workbook downloads', async () => {
    const staff = await open('staff');
    const { page } = staff;
    await login(page, c.username('anyang-staff'));
    await page.getByRole('link', { name: '统计', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '提案办理统计' }).waitFor();
    // Two assignments of 2021-03-10 (噪声, 普惠金融: due 2021-06-10) are overdue on 2021-08-10; the card leads to them.
    const overdueCard = page.locator('.figure-card', { hasText: '超期未办复件次' });
    await expect(overdueCard.locator('.figure-value').textContent()).resolves.toBe('2');
    await page.getByRole('img', { name: /各承办单位办复率与按期办复率：安阳市公安局/ }).waitFor();
    await page.getByRole('img', { name: /委员满意度：满意 1；基本满意 0；不满意 1/ }).waitFor();
    // The per-unit table: 噪声, 普惠金融 and the two answered proposals.
    await page.getByRole('link', { name: '安阳市公安局 交办件次：4' }).waitFor();
    await check(staff, 'dashboard');

    await overdueCard.click();
    await page.getByRole('heading', { level: 1, name: '明细：超期未办复件次' }).waitFor();
    await page.getByText('共 2 条，截至 2021-08-10').waitFor();
    const row = page.getByRole('row', { name: new RegExp(OVERDUE) });
    expect(await row.textContent()).toContain('2021-06-10');
    expect(await row.textContent()).toContain('61');
    await check(staff, 'drill-overdue');
    await page.getByRole('link', { name: '返回统计' }).click();

    await page.getByRole('button', { name: `催办：安阳市公安局《${OVERDUE}》` }).click();
    const dialog = page.getByRole('dialog', { name: '催办' });
    await expect(dialog.getByLabel('催办内容').inputValue()).resolves.toBe('请抓紧办理，按期答复。');
    await dialog.getByLabel('催办内容').fill('已超期两个月，请于本周内答复。');
    await dialog.getByRole('button', { name: '催办' }).click();
    await page.getByText('已催办 1 件').waitFor();
    const inbox = await (await t.as(c.username('chending'))).get('/api/notifications?limit=20');
    expect(JSON.stringify(inbox.body.items)).toContain(OVERDUE);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出统计表（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = readFileSync(await download.path());
    // An xlsx is a zip (PK…) holding the workbook part.
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.includes(Buffer.from('xl/workbook.xml'))).toBe(true);
    await page.getByText(/已下载 .*\.xlsx/).waitFor();
  });

  step('staff: a 交办会 assigns three proposals to their recommended units; an item changed meanwhile is refused by name, and assigned once reloaded', async () => {
    const staff = people[0];
    const { page } = staff;
    await page.getByRole('link', { name: '交办会' }).click();
    await page.getByRole('heading', { level: 1, name: '交办会（批量交办）' }).waitFor();
    for (const title of BULK) await page.getByRole('checkbox', { name: title }).check();
    await page.getByText('已选 3 件').waitFor();
    await page.getByRole('button', { name: '第二步：载入推荐单位' }).click();
    await page.getByRole('heading', { name: '第三步：确认承办单位' }).waitFor();
    const lead = (title: string) => page.getByRole('row', { name: new RegExp(title) }).locator('.bulk-lead .ant-select-content');
    await expect(lead(BULK[0]).textContent()).resolves.toBe('安阳市公安局');
    await expect(lead(BULK[1]).textContent()).resolves.toBe('安阳市金融工作局');
    await expect(lead(BULK[2]).textContent()).resolves.toBe('安阳市公安局');
    await page.getByRole('checkbox', { name: `重点提案：${BULK[1]}` }).check();
    await check(staff, 'bulk-assign');

    // Someone changes the third proposal meanwhile: the whole batch is refused, naming it.
    const third = await proposal(ids.bulk2);
    expect((await staffApi.put(`/api/proposals/${ids.bulk2}/deadline-rules`, { version: third.version, deadlineRules: { replyDue: { amount: 2, unit: 'calendar_months' } } })).status).toBe(200);
    staff.expectConsoleError(/status of 409 .*\/api\/assignments\/bulk/);
    await page.getByRole('button', { name: '提交交办（3 件）' }).click();
    await page.getByRole('alert').getByText(`第 3 件《${BULK[2]}》未能交办`, { exact: false }).waitFor();
    expect((await proposal(ids.bulk0)).status).toBe('filed');

    await page.getByRole('button', { name: `移出本次交办：${BULK[2]}` }).click();
    await page.getByRole('button', { name: '提交交办（2 件）' }).click();
    await page.getByText('已交办 2 件').waitFor();
    expect((await proposal(ids.bulk0)).status).toBe('assigned');
    expect(await proposal(ids.bulk1)).toMatchObject({ status: 'assigned', key: true });

    await page.getByRole('checkbox', { name: BULK[2] }).check();
    await page.getByRole('button', { name: '第二步：载入推荐单位' }).click();
    await page.getByRole('button', { name: '提交交办（1 件）' }).click();
    await page.getByText('已交办 1 件').waitFor();
    expect((await proposal(ids.bulk2)).status).toBe('assigned');
    await page.getByText('没有待交办的提案').waitFor();
  });
});
