import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from '../helpers/test-app.js';
import { BrowserStory, type RoleBrowser } from './browser.js';

/**
 * The committee staff's and administrator's screens in Debian's Chromium, on a committee whose history
 * is driven through the real services (filed, assigned, overdue, answered, rated): the dashboard with a
 * drill-down, 催办 and an Excel download, a 交办会 of several proposals (with a refused item), the other
 * review outcomes, an adjustment and an extension decided, the actions after a 不满意, follow-ups, and the
 * administrator's calendar, rules, code tables, users and units. Every main screen is screenshotted
 * (test-artifacts/web/staff/) and checked with axe-core; a console error or failed request fails the step.
 */
const story = new BrowserStory('staff', 90_000);
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

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
  let staffApi: UserClient;
  const ids: Record<string, string> = {};

  const open = (name: string, viewport?: { width: number; height: number }) => story.open(name, viewport);

  const login = async (page: Page, username: string) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('cppcc-demo-2026');
    await page.getByLabel('密码').press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  const check = (person: RoleBrowser, label: string) => story.check(person, label);

  /** Picks an option of the select labelled `label` (inside `root`, e.g. a dialog); the list opens in the page's body. */
  const choose = async (page: Page, label: string, option: string, root: Page | Locator = page) => {
    await root.getByLabel(label, { exact: true }).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  };

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
    await s.assigning.assign(staff, overdue.id, { version: overdue.version, leadUnitId: c.unitIds.police });
    const [toAdjust] = (await s.assigning.assign(staff, adjusted.id, { version: adjusted.version, leadUnitId: c.unitIds.police })).assignments;
    Object.assign(ids, { overdue: overdue.id, adjusted: adjusted.id, adjustment: toAdjust.id });
    t.clock.set(chinaTime('2021-03-11'));
    const drafter = await t.as(c.username('chending'));
    const asked = await drafter.post(`/api/assignments/${toAdjust.id}/adjustment-requests`, { reason: '该提案主要涉及金融监管，不属于公安机关职责', suggestedUnitIds: [c.unitIds.finance] });
    expect(asked.status).toBe(201);
    const [noise] = (await drafter.get(`/api/assignments?proposalId=${overdue.id}`)).body.items as Array<{ id: string }>;
    ids.overdueAssignment = noise.id;
    const extension = await drafter.post(`/api/assignments/${noise.id}/extensions`, { requestedDueDate: '2021-09-30', reason: '需会同环保、城管部门联合调查，申请延期' });
    expect(extension.status).toBe(201);

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
    await story.start(t.app);
  }, 120_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
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
    const staff = story.people[0];
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

  step('staff: decides the other review outcomes — 不予立案 on a ground (“other” needs words), 并案 into a proposal found by title, 转为意见建议 — each kept in the history', async () => {
    const staff = story.people[0];
    const { page } = staff;
    await page.goto(`/proposals/${ids.notFiled}`);
    await page.getByRole('heading', { level: 1, name: NOT_FILED }).waitFor();
    await page.getByRole('radio', { name: '不予立案' }).check();
    await choose(page, '不予立案理由', '其他原因（见说明）');
    await page.getByRole('button', { name: '确认审查结论：不予立案' }).click();
    await page.getByText('选择“其他”时须填写说明（至少 2 个字）').waitFor();
    await page.getByLabel('说明', { exact: true }).fill('属于企业产品推介，不宜作为提案办理');
    // The message leaves with a fade; the screen is checked as it stands once it is gone.
    await page.getByText('选择“其他”时须填写说明（至少 2 个字）').waitFor({ state: 'detached' });
    await check(staff, 'review-outcomes');
    await page.getByRole('button', { name: '确认审查结论：不予立案' }).click();
    await page.getByText('已决定不予立案').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '不予立案' }).waitFor();
    const history = page.locator('.ant-card', { has: page.getByRole('heading', { name: '审查记录' }) });
    await history.getByText('属于企业产品推介，不宜作为提案办理').waitFor();
    expect(await history.textContent()).toContain('其他原因（见说明）');
    await check(staff, 'review-history');

    await page.goto(`/proposals/${ids.merged}`);
    await page.getByRole('heading', { level: 1, name: MERGED }).waitFor();
    await page.getByRole('radio', { name: '并案' }).check();
    await page.getByRole('button', { name: '确认审查结论：并案' }).click();
    await page.getByText('请选择要并入的提案').waitFor();
    await page.getByLabel('并入的提案').fill('充电');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: BULK[0] }).click();
    await page.getByLabel('理由').fill('与第1号提案所提事项相同，并案办理');
    await page.getByRole('button', { name: '确认审查结论：并案' }).click();
    await page.getByText('已并入第1号提案').waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '已并案' }).waitFor();
    await page.getByRole('link', { name: '查看' }).click();
    await page.getByRole('heading', { level: 1, name: BULK[0] }).waitFor();

    await page.goto(`/proposals/${ids.opinion}`);
    await page.getByRole('radio', { name: '转为意见建议' }).check();
    await page.getByLabel('理由').fill('属于机关内部管理事务，转有关部门参考');
    await page.getByRole('button', { name: '确认审查结论：转为意见建议' }).click();
    await page.getByText('已转为意见建议').waitFor();
    expect((await proposal(ids.opinion)).status).toBe('to_opinion');
    expect((await proposal(ids.notFiled)).status).toBe('not_filed');
    expect((await proposal(ids.merged)).status).toBe('merged');
  });

  step('staff: approves the adjustment to the unit the police suggested, and an extension after a refusal without a reason is stopped', async () => {
    const staff = story.people[0];
    const { page } = staff;
    await page.getByRole('link', { name: '调整与延期' }).click();
    await page.getByRole('heading', { level: 1, name: '调整与延期申请' }).waitFor();
    await page.getByRole('row', { name: new RegExp(ADJUSTED) }).waitFor();
    await check(staff, 'adjustment-requests');
    await page.getByRole('button', { name: `同意：${ADJUSTED}（安阳市公安局）`, exact: true }).click();
    const approve = page.getByRole('dialog', { name: `同意调整：${ADJUSTED}` });
    await expect(approve.locator('.ant-select-content').first().textContent()).resolves.toBe('安阳市金融工作局');
    await approve.getByRole('button', { name: '同意' }).click();
    await page.getByText('已同意调整').waitFor();
    await page.getByText('没有申请').waitFor();
    const assignments = (await staffApi.get(`/api/assignments?proposalId=${ids.adjusted}`)).body.items as Array<{ unitName: string; status: string; role: string }>;
    expect(assignments.map((a) => [a.unitName, a.role, a.status]).sort()).toEqual([
      ['安阳市公安局', 'lead', 'reassigned'],
      ['安阳市金融工作局', 'lead', 'assigned'],
    ]);

    await page.getByRole('tab', { name: '申请延期' }).click();
    const row = page.getByRole('row', { name: new RegExp(OVERDUE) });
    await row.waitFor();
    expect(await row.textContent()).toContain('2021-09-30');
    await check(staff, 'extension-requests');
    await page.getByRole('button', { name: `不同意：${OVERDUE}（安阳市公安局）` }).click();
    const reject = page.getByRole('dialog', { name: `不同意：${OVERDUE}` });
    await reject.getByRole('button', { name: '不同意' }).click();
    await reject.getByText('请填写理由（至少 2 个字）').waitFor();
    await reject.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: `同意：${OVERDUE}（安阳市公安局）`, exact: true }).click();
    const extend = page.getByRole('dialog', { name: `同意延期：${OVERDUE}` });
    await expect(extend.getByLabel('同意延至').inputValue()).resolves.toBe('2021-09-30');
    await extend.getByRole('button', { name: '同意' }).click();
    await page.getByText('已同意延期至 2021-09-30').waitFor();
    expect((await staffApi.get(`/api/assignments/${ids.overdueAssignment}`)).body.dueDate).toBe('2021-09-30');
  });

  step('staff: after a 不满意 orders 重新办理 (a reason is required), closes and reopens the other proposal, and records a follow-up result', async () => {
    const staff = story.people[0];
    const { page } = staff;
    await page.goto(`/proposals/${ids.dissatisfied}`);
    await page.getByRole('heading', { name: '重新办理', level: 2 }).waitFor();
    expect(await page.getByRole('heading', { name: '当面协商' }).count()).toBe(0);
    await page.getByRole('button', { name: '重新办理' }).click();
    await page.getByText('请填写此项（至少 2 个字）').waitFor();
    await page.getByLabel('理由').fill('委员认为答复未回应具体建议，请重新研究办理');
    await page.getByText('请填写此项（至少 2 个字）').waitFor({ state: 'detached' });
    await check(staff, 'after-reply');
    await page.getByRole('button', { name: '重新办理' }).click();
    await page.getByText('已要求重新办理').waitFor();
    expect((await proposal(ids.dissatisfied)).status).toBe('rehandling');

    await page.goto(`/proposals/${ids.satisfied}`);
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByText('提案已办结', { exact: true }).waitFor();
    await page.getByLabel('理由').fill('委员补充了新的情况，需继续办理');
    await page.getByRole('button', { name: '重新打开' }).click();
    await page.getByText('提案已重新打开').waitFor();
    expect((await proposal(ids.satisfied)).status).not.toBe('closed');

    await page.getByRole('link', { name: '跟踪办理' }).click();
    await page.getByRole('heading', { level: 1, name: '跟踪办理（B、C 类答复）' }).waitFor();
    const record = page.getByRole('button', { name: /^记录结果：/ }).first();
    await record.waitFor();
    await check(staff, 'follow-ups');
    await record.click();
    const dialog = page.getByRole('dialog', { name: /^跟踪办理结果：/ });
    await choose(page, '新的办理结果', 'A 所提问题已经解决或基本解决 / 已采纳', dialog);
    await dialog.getByLabel('办理情况').fill('已完成专项整治，问题基本解决');
    await dialog.getByRole('button', { name: '记录结果' }).click();
    await page.getByText('已记录跟踪办理结果').waitFor();
    const done = (await staffApi.get('/api/follow-ups?status=done')).body.items as Array<{ resultGrade: string }>;
    expect(done.map((f) => f.resultGrade)).toEqual(['A']);
  });

  step('administrator: creates a drafter of the finance bureau (a short password and a taken username are refused first), adds a remit keyword, sets a local holiday, a deadline rule, a new session and a not-filed ground', async () => {
    const admin = await open('admin');
    const { page } = admin;
    await login(page, c.username('anyang-admin'));
    await page.getByRole('heading', { level: 1, name: '用户与单位' }).waitFor();
    await page.getByRole('cell', { name: '袁媛', exact: true }).waitFor();
    await check(admin, 'users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog', { name: '新建用户' });
    await create.getByLabel('用户名').fill(c.username('zhaolei'));
    await create.getByLabel('姓名').fill('赵磊');
    await create.getByLabel('初始密码').fill('short');
    await choose(page, '角色', '承办单位经办人', create);
    await choose(page, '所属单位', '安阳市金融工作局', create);
    await create.getByRole('button', { name: '新建用户' }).click();
    await create.getByText('至少 10 位', { exact: true }).first().waitFor();
    await create.getByLabel('初始密码').fill('cppcc-demo-2026');
    // A username already in use: the API's refusal says what to do, inside the dialog.
    await create.getByLabel('用户名').fill(c.username('yuanyuan'));
    admin.expectConsoleError(/status of 409 .*\/api\/admin\/users/);
    await create.getByRole('button', { name: '新建用户' }).click();
    await create.getByRole('alert').getByText('用户名已被使用：请换一个用户名。').waitFor();
    await create.getByLabel('用户名').fill(c.username('zhaolei'));
    await create.getByRole('button', { name: '新建用户' }).click();
    await page.getByText('已创建用户 赵磊').waitFor();
    await page.getByRole('row', { name: /赵磊/ }).getByText('承办单位经办人（安阳市金融工作局）').waitFor();
    await t.as(c.username('zhaolei'));

    await page.getByRole('tab', { name: '单位' }).click();
    await page.getByRole('button', { name: '编辑：安阳市金融工作局' }).click();
    const edit = page.getByRole('dialog', { name: '编辑单位：安阳市金融工作局' });
    await edit.getByLabel('职责关键词').fill('普惠');
    await edit.getByLabel('职责关键词').press('Enter');
    await edit.getByLabel('职责关键词').press('Escape');
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    await edit.getByRole('button', { name: '编辑' }).click();
    await page.getByText('已保存单位 安阳市金融工作局').waitFor();
    await check(admin, 'units');
    const remit = ((await (await t.as(c.username('anyang-admin'))).get('/api/admin/units')).body as Array<{ id: string; remitKeywords: string[] }>).find((u) => u.id === c.unitIds.finance);
    expect(remit?.remitKeywords).toEqual(['营商', '金融', '普惠']);

    await page.getByRole('link', { name: '日历与规则' }).click();
    await page.getByRole('heading', { level: 1, name: '日历与规则' }).waitFor();
    await page.getByLabel('日期').fill('2021-09-01');
    await page.getByLabel('名称').fill('地方节日');
    await page.getByRole('button', { name: '设置日期' }).click();
    await page.getByText(/已保存，重新计算了 \d+ 个期限/).waitFor();
    await page.getByRole('spinbutton').fill('2021');
    await choose(page, '来源', '本政协');
    await page.getByRole('row', { name: /2021-09-01/ }).getByText('地方节日').waitFor();
    await check(admin, 'calendar');

    await page.getByRole('tab', { name: '届次与期限规则' }).click();
    await page.getByRole('button', { name: /^修改期限规则：/ }).first().click();
    const rules = page.getByRole('dialog', { name: /^期限规则：/ });
    await rules.getByRole('group', { name: '办复期限' }).getByLabel('数量').fill('2');
    await rules.getByRole('button', { name: '修改期限规则' }).click();
    await page.getByText('期限规则已保存').waitFor();
    await page.getByRole('cell', { name: '2 个月' }).first().waitFor();
    await page.getByRole('button', { name: '新建届次' }).click();
    const session = page.getByRole('dialog', { name: '新建届次' });
    await session.getByLabel('届次名称').fill(`政协十三届安阳市委员会五次会议-${c.tag}`);
    await session.getByLabel('届', { exact: true }).fill('13');
    await session.getByLabel('次会议').fill('5');
    await session.getByLabel('年份').fill('2022');
    await session.getByLabel('大会开幕').fill('2022-02-25');
    await session.getByLabel('大会闭幕').fill('2022-02-28');
    await session.getByRole('button', { name: '新建届次' }).click();
    await page.getByText(`已新建届次 政协十三届安阳市委员会五次会议-${c.tag}`).waitFor();
    await check(admin, 'sessions');

    await page.getByRole('tab', { name: '代码表' }).click();
    await expect(page.getByLabel('名称 8').inputValue()).resolves.toBe('其他原因（见说明）');
    await page.getByRole('button', { name: '添加一项' }).click();
    await page.getByLabel('代码 9').fill('duplicate');
    await page.getByLabel('名称 9').fill('与已立案提案重复');
    await page.getByRole('button', { name: '保存代码表' }).click();
    await page.getByText('代码表已保存').waitFor();
    await check(admin, 'code-tables');
    const grounds = (await staffApi.get('/api/code-tables/not-filed-reason')).body as Array<{ code: string }>;
    expect(grounds.map((g) => g.code)).toContain('duplicate');
  });

  step('works on a phone-sized screen: the dashboard, the 交办会 and the requests fit the width, in Chinese and in English', async () => {
    const phone = await open('staff-phone', { width: 390, height: 844 });
    const { page } = phone;
    const fits = async () => expect((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number).toBeLessThanOrEqual(0);
    await login(page, c.username('anyang-staff'));
    await page.goto('/statistics');
    await page.getByRole('heading', { level: 1, name: '提案办理统计' }).waitFor();
    await page.locator('.figure-card').first().waitFor();
    await fits();
    await check(phone, 'dashboard-phone');
    await page.goto('/bulk-assign');
    await page.getByRole('heading', { level: 1, name: '交办会（批量交办）' }).waitFor();
    await page.getByText('没有待交办的提案').waitFor();
    await fits();
    await page.goto('/requests?status=all');
    await page.getByRole('row', { name: new RegExp(ADJUSTED) }).waitFor();
    await fits();
    await check(phone, 'requests-phone');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Adjustment and extension requests' }).waitFor();
    await page.getByRole('tab', { name: 'Extensions' }).click();
    await choose(page, 'Filter by status', 'All', page.getByRole('tabpanel', { name: 'Extensions' }));
    await page.getByRole('row', { name: new RegExp(OVERDUE) }).getByText('Approved').waitFor();
    await fits();
    await check(phone, 'requests-phone-en');
  });
});
