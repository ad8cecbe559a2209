import { chinaTime } from '#app/demo';
import { CalendarChangesService } from '#app/handling';
import type { TestCommittee } from '#app/testing';
import { Scenario } from '../helpers/scenario.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import type { Page } from 'playwright-core';
import { BrowserStory } from './browser.js';

/** A stand-in for the 2027 notice (not published in this build's sources), in the published form. */
const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月14日（周日）上班。`;

/**
 * Next year's holiday schedule in the browser (Debian's Chromium): the banner for staff and admins from
 * 1 November, the 暂定 tag on a due date that reaches into 2027, and the administrator pasting the
 * State Council's notice — a refused sentence, the preview, the confirmation — after which the banner and
 * the tag are gone. Each screen is checked with axe-core (test-artifacts/web/calendar/).
 */
const story = new BrowserStory('calendar', 90_000);
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

describe('provisional calendars in the browser', () => {
  let t: TestApp;
  let c: TestCommittee;
  let drafterPage: Page;

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2026-11-20'));
    c = await t.committee();
    const s = new Scenario(t, c);
    const proposal = await s.filed('关于跨年办理期限的提案');
    const staff = await t.as(c.username('anyang-staff'));
    // 2026-12-05 + 15 working days (办前面商) and + 3 months (办复) both reach into 2027.
    t.clock.set(chinaTime('2026-12-05'));
    expect((await staff.post(`/api/proposals/${proposal.id}/assignments`, { version: proposal.version, leadUnitId: c.unitIds.police })).status).toBe(201);
    await story.start(t.app);
  }, 120_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
    await t?.app.get(CalendarChangesService).importNationalYear(2027, [], '测试结束');
    await t?.close();
  });

  step('staff see the banner; the unit sees its due date tagged 暂定', async () => {
    const staff = await story.open('staff');
    await story.login(staff.page, c.username('anyang-staff'));
    await staff.page.getByRole('status').filter({ hasText: '2027年节假日安排尚未载入' }).waitFor();
    await story.check(staff, 'staff-banner');

    const drafter = await story.open('drafter');
    drafterPage = drafter.page;
    await story.login(drafter.page, c.username('chending'));
    await drafter.page.getByRole('link', { name: '关于跨年办理期限的提案' }).waitFor();
    await drafter.page.getByRole('row', { name: /关于跨年办理期限的提案/ }).getByText('暂定', { exact: true }).waitFor();
    expect(await drafter.page.getByRole('status').filter({ hasText: '尚未载入' }).count()).toBe(0);
    await story.check(drafter, 'provisional-tag');
  });

  step('the administrator pastes the notice: a sentence it cannot read is refused, the preview shows the days, confirming loads them', async () => {
    const admin = await story.open('admin');
    const { page } = admin;
    await story.login(page, c.username('anyang-admin'));
    await page.getByRole('link', { name: '去载入放假安排' }).click();
    await page.getByRole('heading', { level: 2, name: '载入国务院办公厅放假通知' }).waitFor();

    admin.expectConsoleError(/status of 400 .*\/api\/admin\/calendar\/notice\/preview/);
    const text = page.getByLabel('通知全文');
    await text.fill(NOTICE_2027.replace('2月14日（周日）上班', '2月14日（周日）视情况上班'));
    await page.getByRole('button', { name: '预览' }).click();
    await page.getByText(/无法识别通知中的这句话：“2月14日\(周日\)视情况上班”/).waitFor();

    await text.fill(NOTICE_2027);
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByRole('region', { name: '2027年放假安排（国办发明电〔2026〕99号）' });
    await preview.getByRole('row', { name: /春节/ }).getByText('2027-02-05、2027-02-06').waitFor();
    await preview.getByRole('row', { name: /春节/ }).getByText('2027-02-14', { exact: true }).waitFor();
    await story.check(admin, 'notice-preview');
    await preview.getByRole('button', { name: '确认载入' }).click();
    await page.getByText(/已载入2027年放假安排：\d+ 个期限已调整，\d+ 个期限已确认/).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '日历与规则' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '尚未载入' }).count()).toBe(0);
  });

  step('after loading, the due date is no longer provisional', async () => {
    const page = drafterPage;
    await page.reload();
    await page.getByRole('link', { name: '关于跨年办理期限的提案' }).waitFor();
    expect(await page.getByRole('row', { name: /关于跨年办理期限的提案/ }).getByText('暂定', { exact: true }).count()).toBe(0);
  });
});
