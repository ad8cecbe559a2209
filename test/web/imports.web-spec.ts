import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { chinaTime } from '#app/demo';
import { buildImportWorkbook, type CellText, ImportKind } from '#app/imports';
import type { TestCommittee } from '#app/testing';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { BrowserStory } from './browser.js';

/**
 * 批量导入 (#21) in Debian's Chromium: the administrator downloads the members template, uploads a file
 * whose dry run names a wrong 界别 by row and column, uploads the corrected one and confirms it; the
 * committee staff then import the session's paper proposals (代录) for those members with a co-signer,
 * follow the result's link to one, and read the screen in English. Screenshots in
 * test-artifacts/web/imports/, axe-core on each screen.
 */
const story = new BrowserStory('imports', 90_000);
const step = (name: string, fn: () => Promise<void>) => story.step(name, fn);

describe('imports through the screens', () => {
  let t: TestApp;
  let c: TestCommittee;
  const members = (sector: string): Array<Record<string, CellText>> => [
    { username: `zhou-${c.tag}`, name: '周敏', sector: '民盟', phone: '13800001111', email: null },
    { username: `wu-${c.tag}`, name: '吴刚', sector, phone: null, email: 'wugang@example.cn' },
    { username: `zheng-${c.tag}`, name: '郑洁', sector: '教育界', phone: null, email: null },
  ];

  const upload = async (page: Page, name: string, bytes: Buffer) => {
    await page.getByLabel('选择 Excel 文件（.xlsx）').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await page.getByText(`已选择：${name}`).waitFor();
    await page.getByRole('button', { name: '检查（不写入）' }).click();
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    await story.start(t.app);
  }, 120_000);

  afterEach(() => story.verify());

  afterAll(async () => {
    await story.close();
    await t?.close();
  });

  step('admin: downloads the members template, sees the dry run name a wrong 界别 by row, then imports the corrected file', async () => {
    const admin = await story.open('admin');
    const { page } = admin;
    await story.login(page, c.username('anyang-admin'));
    await page.getByRole('link', { name: '批量导入', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '批量导入' }).waitFor();
    await page.getByRole('tab', { name: '委员' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载模板' }).click()]);
    expect(download.suggestedFilename()).toBe('委员导入模板.xlsx');
    expect(readFileSync(await download.path()).subarray(0, 2).toString('latin1')).toBe('PK');

    await upload(page, '委员名单.xlsx', await buildImportWorkbook(ImportKind.Members, members('民主党派')));
    await page.getByText('共 3 行：新增 2，更新 0，不变 0').waitFor();
    await page.getByText('发现 1 处问题，请修改文件后重新上传').waitFor();
    await page.getByRole('cell', { name: /^第3行「界别」：“民主党派”不在本会的界别代码表中/ }).waitFor();
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await story.check(admin, 'members-dry-run-problems');

    await upload(page, '委员名单（改）.xlsx', await buildImportWorkbook(ImportKind.Members, members('民进')));
    await page.getByText('没有发现问题，可以导入。').waitFor();
    await page.getByText('共 3 行：新增 3，更新 0，不变 0').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：新增 3，更新 0，不变 0').waitFor();
    await page.getByRole('link', { name: `wu-${c.tag}` }).waitFor();
    // the pointer rests where 确认导入 was, now over a link of the result: away from it, so no hover colour is judged
    await page.mouse.move(640, 880);
    await story.check(admin, 'members-imported');
    const written = (await t.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE committee_id = $1 AND role = 'member' AND sector IN ('民盟', '民进', '教育界')`, [c.committeeId])) as Array<{ n: number }>;
    expect(written[0].n).toBe(3);
  });

  step('staff: imports the session’s paper proposals (代录) with a co-signer, follows the link to one, and reads the screen in English', async () => {
    const staff = await story.open('staff');
    const { page } = staff;
    await story.login(page, c.username('anyang-staff'));
    await page.getByRole('link', { name: '批量导入', exact: true }).click();
    await page.getByRole('tab', { name: '代录提案' }).click();
    const paper = await buildImportWorkbook(ImportKind.Paper, [
      { session: c.spec.session.name, lead: `zhou-${c.tag}`, cosigners: `wu-${c.tag}`, title: '关于增设社区托育点的提案', category: '社会保障', body: '一、情况分析\n托育资源不足。\n二、具体建议\n增设社区托育点。', suggestedUnits: null, submittedOn: '2021-02-28' },
      { session: c.spec.session.name, lead: `zheng-${c.tag}`, cosigners: null, title: '关于推进中小学课后服务的提案', category: '教育', body: '一、情况分析\n课后服务不均衡。\n二、具体建议\n完善课后服务。', suggestedUnits: null, submittedOn: '2021-02-28' },
    ]);
    await upload(page, '纸质提案.xlsx', paper);
    await page.getByText('共 2 行：新增 2，更新 0，不变 0').waitFor();
    await story.check(staff, 'paper-dry-run');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：新增 2，更新 0，不变 0').waitFor();
    await page.mouse.move(640, 880);
    await story.check(staff, 'paper-imported');
    await page.getByRole('link', { name: '关于增设社区托育点的提案' }).click();
    await page.getByRole('heading', { level: 1, name: /关于增设社区托育点的提案/ }).waitFor();
    await story.check(staff, 'paper-proposal');

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '批量导入' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByRole('tab', { name: 'Past proposals' }).click();
    await page.getByRole('button', { name: 'Download the template' }).waitFor();
    await story.check(staff, 'imports-english');
  });
});
