import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chinaTime } from '#app/demo';
import { formatFigure } from '#app/statistics';
import type { TestCommittee } from '#app/testing';
import { binary, fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/** 年度报告 over HTTP, read back with pdftotext: the figures it prints are the statistics API's. */
describe('the yearly report', () => {
  let t: TestApp;
  let c: TestCommittee;
  let staff: UserClient;
  let folder: string;

  const textOf = (pdf: Buffer): string => {
    const file = path.join(folder, `report-${Date.now()}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'cppcc-report-'));
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    const s = new Scenario(t, c);
    await s.dispatched();
    const staffActor = await s.actor('anyang-staff');
    const waiting = await s.filed('关于加强电动自行车充电管理的提案');
    await s.assigning.assign(staffActor, waiting.id, { version: waiting.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] });
    await s.underReview('关于优化营商环境的提案');
    staff = await t.as(c.username('anyang-staff'));
    t.clock.set(chinaTime('2021-08-20'));
    const replied = (await staff.get('/api/proposals?status=replied')).body.items[0].id;
    const form = await (await t.as(c.username('yuanyuan'))).post(`/api/proposals/${replied}/feedback`, { satisfaction: 'basically_satisfied', contacted: true, answered: true });
    expect(form.status).toBe(201);
    t.clock.set(chinaTime('2022-02-01'));
  }, 120_000);

  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints the year’s figures, units, overdue list and page numbers as the statistics API gives them', async () => {
    const response = await binary(staff.get('/api/reports/yearly.pdf?year=2021'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`${c.spec.name}2021年度提案办理工作统计报告.pdf`));
    const text = textOf(response.body);
    // the year has ended: as of its last day
    const stats = (await staff.get(`/api/statistics?sessionId=${c.sessionId}&asOf=2021-12-31`)).body;
    expect(text).toContain('2021年度提案办理工作统计报告');
    expect(text).toContain(c.spec.session.name);
    expect(text).toContain('统计截至 2021-12-31');
    const lines = text.split('\n');
    for (const definition of stats.definitions.summary as Array<{ key: string; label: string; kind: 'count' | 'rate' | 'average' | 'max' }>) {
      // the summary is printed as pairs of columns: 指标 数值 指标 数值
      const printed = formatFigure(stats.summary[definition.key], definition.kind);
      const cell = new RegExp(`(^|\\s)${definition.label}\\s+${printed.replace(/[.%]/g, (ch) => `\\${ch}`)}(\\s|$)`);
      expect([definition.label, printed, lines.some((l) => cell.test(l))]).toEqual([definition.label, printed, true]);
    }
    expect(stats.summary).toMatchObject({ filed: 2, replied: 1, replyRate: 0.5, overdue: 2, basicallySatisfied: 1 });
    for (const line of stats.units) expect(text).toContain(line.unitName);
    const police = stats.units.find((u: { unitName: string }) => u.unitName === '安阳市公安局');
    expect(lines.some((l) => l.includes('安阳市公安局') && l.includes(formatFigure(police.figures.replyRate, 'rate')) && l.includes(formatFigure(police.figures.avgDaysToReply, 'average')))).toBe(true);
    expect(text).toContain('关于加强电动自行车充电管理的提案');
    expect(text).toMatch(/超期未办复（共 2 件次）/);
    for (const caption of ['各承办单位办复率与按期办复率', '办理结果分类占比', '委员对办理结果的满意度']) expect(text).toContain(caption);
    expect(text).toMatch(/B类\s+1 件\s+100\.0%/);
    expect(text).toMatch(/基本满意\s/);
    const pages = Number(/共\s*(\d+)\s*页/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    for (let page = 1; page <= pages; page += 1) expect(text).toMatch(new RegExp(`第\\s*${page}\\s*页\\s+共\\s*${pages}\\s*页`));
  });

  it('stands at the asOf given, names a bad year, and is for committee staff and administrators only', async () => {
    const early = textOf((await binary(staff.get('/api/reports/yearly.pdf?year=2021&asOf=2021-06-30'))).body);
    expect(early).toContain('统计截至 2021-06-30');
    expect(early).toContain('没有超期未办复的提案');
    for (const [query, field] of [
      ['year=abc', 'year'],
      ['year=2030', 'year'],
      ['year=2021&asOf=2021-02-30', 'asOf'],
    ] as const) {
      const response = await staff.get(`/api/reports/yearly.pdf?${query}`);
      expect([query, response.status, fieldsOf(response.body)]).toEqual([query, 400, [field]]);
    }
    expect((await (await t.as(c.username('anyang-admin'))).get('/api/reports/yearly.pdf?year=2021')).status).toBe(200);
    expect((await (await t.as(c.username('guochengji'))).get('/api/reports/yearly.pdf?year=2021')).status).toBe(403);
    expect((await (await t.as(c.username('yuanyuan'))).get('/api/reports/yearly.pdf?year=2021')).status).toBe(403);
  });
});
