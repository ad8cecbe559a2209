import ExcelJS from 'exceljs';
import { chinaTime } from '#app/demo';
import { Role } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { binary, fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads a downloaded workbook back. */
async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows below the header, as arrays of cell values (column A first). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

/** Excel exports over HTTP, read back with exceljs: headers, values, formats, frozen header, auto filter, row policy, the cap. */
describe('Excel exports', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let staff: UserClient;
  let member: UserClient;
  let drafter: UserClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    process.env.EXPORT_MAX_ROWS = '4';
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    await s.addUser('lifang', '李芳', Role.Member);
    const other = await s.actor('lifang');
    await s.proposals.submit(other, (await s.proposals.create(other, { sessionId: c.sessionId, title: '关于李芳委员的提案', body: '一、情况分析\n正文内容。' })).id, 1);
    await s.underReview('关于优化营商环境的提案');
    const first = await s.dispatched(); // police, grade B, sent 2021-08-05
    const second = await s.dispatched();
    Object.assign(ids, { first: first.proposal.id, second: second.proposal.id, firstAssignment: first.assignment.id });
    const staffActor = await s.actor('anyang-staff');
    const waiting = await s.filed('关于金融监管的提案');
    await s.addUser('zhaolei', '赵磊', Role.Drafter, 'finance');
    const [late, co] = (await s.assigning.assign(staffActor, waiting.id, { version: waiting.version, leadUnitId: c.unitIds.police, coUnitIds: [c.unitIds.finance] })).assignments;
    await s.handling.accept(await s.actor('chending'), late.id, late.version);
    ids.lateAssignment = late.id;

    staff = await t.as(c.username('anyang-staff'));
    member = await t.as(c.username('yuanyuan'));
    drafter = await t.as(c.username('chending'));
    await member.post(`/api/proposals/${ids.first}/feedback`, { satisfaction: 'satisfied', contacted: true, contactMethod: 'phone', answered: true, comments: '满意' });
    await staff.post(`/api/proposals/${ids.second}/feedback/paper`, { proposerUserId: c.userId('yuanyuan'), satisfaction: 'dissatisfied', contacted: false, answered: false });
    const adjustment = await (await t.as(c.username('zhaolei'))).post(`/api/assignments/${co.id}/adjustment-requests`, { reason: '不属于本单位职责范围' });
    expect(adjustment.status).toBe(201);
    const extension = await drafter.post(`/api/assignments/${late.id}/extensions`, { requestedDueDate: '2021-12-31', reason: '涉及多部门协调' });
    expect(extension.status).toBe(201);
    t.clock.set(chinaTime('2021-12-20'));
  }, 120_000);

  afterAll(() => t.close());

  it('exports proposals with every list filter, Chinese headers, formats, a frozen filtered header and a Chinese file name', async () => {
    const response = await binary(staff.get(`/api/exports/proposals.xlsx?sessionId=${c.sessionId}&status=replied&sort=number`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('提案-2021-12-20.xlsx')}`);
    const sheet = (await workbook(response.body)).getWorksheet('提案') as ExcelJS.Worksheet;
    expect(headerOf(sheet)).toEqual(['届次会议', '提案号', '案由', '类别', '提案类型', '状态', '领衔人', '联名人', '集体提案', '重点提案', '加急', '提交时间', '立案时间', '办结时间']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:N1');
    expect(sheet.getColumn(3).width).toBe(50);
    const listed = (await staff.get(`/api/proposals?sessionId=${c.sessionId}&status=replied&sort=number&limit=100`)).body;
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row[0])).toEqual([c.spec.session.name, c.spec.session.name]);
    expect(rows.map((row) => row[1])).toEqual(listed.items.map((p: { number: number }) => p.number));
    const firstRow = sheet.getRow(2);
    expect([firstRow.getCell(2).value, firstRow.getCell(6).value, firstRow.getCell(7).value]).toEqual([listed.items[0].number, '已办复', '袁媛']);
    expect(firstRow.getCell(12).numFmt).toBe('yyyy-mm-dd hh:mm');
    // 提交时间 in China time: the proposal was submitted at 2021-03-01 10:00 +08:00
    expect((firstRow.getCell(12).value as Date).toISOString()).toBe('2021-03-01T10:00:00.000Z');

    const filed = await binary(staff.get(`/api/exports/proposals.xlsx?status=in_handling`));
    expect(rowsOf((await workbook(filed.body)).getWorksheet('提案') as ExcelJS.Worksheet).map((row) => row[2])).toEqual(['关于金融监管的提案']);
    const bad = await staff.get('/api/exports/proposals.xlsx?status=nonsense');
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['status']]);
    const paged = await staff.get('/api/exports/proposals.xlsx?limit=10');
    expect([paged.status, fieldsOf(paged.body)]).toEqual([400, ['limit']]);
  });

  it('gives each exporter only the rows their list shows them', async () => {
    const mine = await binary(member.get('/api/exports/proposals.xlsx'));
    const listed = (await member.get('/api/proposals?limit=100')).body;
    expect(rowsOf((await workbook(mine.body)).getWorksheet('提案') as ExcelJS.Worksheet).map((row) => row[2]).sort()).toEqual(listed.items.map((p: { title: string }) => p.title).sort());
    expect(listed.items.map((p: { title: string }) => p.title)).not.toContain('关于李芳委员的提案');
    expect((await member.get('/api/exports/assignments.xlsx')).status).toBe(403);
    expect((await member.get('/api/exports/statistics.xlsx')).status).toBe(403);
    const units = await binary(drafter.get('/api/exports/assignments.xlsx'));
    expect(rowsOf((await workbook(units.body)).getWorksheet('交办') as ExcelJS.Worksheet).map((row) => row[2])).toEqual(['安阳市公安局', '安阳市公安局', '安阳市公安局']);
    expect((await (await t.as(c.username('guochengji'))).get('/api/exports/statistics.xlsx')).status).toBe(403);
  });

  it('refuses an export longer than EXPORT_MAX_ROWS before sending anything, asking to narrow the filters', async () => {
    const all = await staff.get('/api/exports/proposals.xlsx');
    expect([all.status, all.body.code, all.body.details]).toEqual([400, 'EXPORT_TOO_LARGE', { total: 5, max: 4 }]);
    expect(all.body.message).toContain('请缩小筛选条件');
    expect((await binary(staff.get(`/api/exports/proposals.xlsx?sessionId=${c.sessionId}&status=replied`))).status).toBe(200);
  });

  it('exports assignments, replies, extensions and adjustment requests through their list services', async () => {
    const assignments = (await workbook((await binary(staff.get('/api/exports/assignments.xlsx?sort=proposalNumber'))).body)).getWorksheet('交办') as ExcelJS.Worksheet;
    expect(headerOf(assignments)).toEqual(['提案号', '案由', '承办单位', '办理方式', '状态', '期限类型', '期限', '期限暂定', '交办时间', '签收时间', '答复时间', '重点提案', '加急']);
    const assigned = rowsOf(assignments).map((row) => [row[0], row[2], row[3], row[4]]);
    expect(assigned.map((row) => row[0])).toEqual([1, 2, 3, 3]);
    expect(assigned.map((row) => JSON.stringify(row)).sort()).toEqual(
      [
        [1, '安阳市公安局', '主办', '已答复'],
        [2, '安阳市公安局', '主办', '已答复'],
        [3, '安阳市公安局', '主办', '办理中'],
        [3, '安阳市金融工作局', '会办', '待签收'],
      ].map((row) => JSON.stringify(row)).sort(),
    );
    expect(assignments.getRow(2).getCell(7).numFmt).toBe('yyyy-mm-dd');

    const replies = (await workbook((await binary(staff.get('/api/exports/replies.xlsx?status=dispatched'))).body)).getWorksheet('答复') as ExcelJS.Worksheet;
    const replyRows = rowsOf(replies);
    expect(replyRows).toHaveLength(2);
    expect(replyRows.map((row) => [row[2], row[3], row[4], row[5], row[6]])).toEqual([
      ['安阳市公安局', '答复', '已发出', 'B', '全文公开'],
      ['安阳市公安局', '答复', '已发出', 'B', '全文公开'],
    ]);
    expect(String(replyRows[0][0])).toMatch(/^安公警〔2021〕\d+号$/);

    const extensions = (await workbook((await binary(staff.get('/api/exports/extensions.xlsx'))).body)).getWorksheet('延期申请') as ExcelJS.Worksheet;
    expect(rowsOf(extensions).map((row) => [row[1], row[2], (row[3] as Date).toISOString().slice(0, 10), row[5]])).toEqual([['关于金融监管的提案', '安阳市公安局', '2021-12-31', '待决定']]);
    const adjustments = (await workbook((await binary(staff.get('/api/exports/adjustment-requests.xlsx'))).body)).getWorksheet('调整申请') as ExcelJS.Worksheet;
    expect(headerOf(adjustments)).toEqual(['提案号', '案由', '承办单位', '办理方式', '申请理由', '状态', '申请时间', '决定时间', '决定说明']);
    expect(rowsOf(adjustments).map((row) => row.slice(0, 6))).toEqual([[3, '关于金融监管的提案', '安阳市金融工作局', '会办', '不属于本单位职责范围', '待决定']]);
  });

  it('exports the feedback forms of a session, paper forms marked', async () => {
    const response = await binary(staff.get(`/api/exports/feedback.xlsx?sessionId=${c.sessionId}`));
    const sheet = (await workbook(response.body)).getWorksheet('征询意见表') as ExcelJS.Worksheet;
    expect(rowsOf(sheet).map((row) => [row[5], row[6], row[8], row[9], row[11]])).toEqual([
      ['袁媛', '满意', '是', '电话', '否'],
      ['袁媛', '不满意', '否', undefined, '是'],
    ]);
    expect((await member.get('/api/exports/feedback.xlsx')).status).toBe(403);
  });

  it('exports the statistics: summary, per-unit table and overdue list, the same figures as the API', async () => {
    const stats = (await staff.get(`/api/statistics?sessionId=${c.sessionId}&asOf=2021-12-20`)).body;
    const response = await binary(staff.get(`/api/exports/statistics.xlsx?sessionId=${c.sessionId}&asOf=2021-12-20`));
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`提案办理统计-${c.spec.session.name}-截至2021-12-20.xlsx`));
    const book = await workbook(response.body);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '承办单位', '超期未办']);
    const summary = book.getWorksheet('汇总') as ExcelJS.Worksheet;
    const byLabel = new Map(rowsOf(summary).map((row) => [row[0], row[1]]));
    for (const definition of stats.definitions.summary as Array<{ key: string; label: string }>) {
      expect([definition.label, byLabel.get(definition.label) ?? null]).toEqual([definition.label, stats.summary[definition.key]]);
    }
    const replyRate = rowsOf(summary).findIndex((row) => row[0] === '办复率');
    expect(summary.getRow(replyRate + 2).getCell(2).numFmt).toBe('0.0%');
    expect(stats.summary.replyRate).toBe(2 / 3);
    const units = book.getWorksheet('承办单位') as ExcelJS.Worksheet;
    expect(rowsOf(units).map((row) => row[0])).toEqual(stats.units.map((u: { unitName: string }) => u.unitName));
    const overdue = rowsOf(book.getWorksheet('超期未办') as ExcelJS.Worksheet);
    expect(overdue).toHaveLength(stats.summary.overdue);
    expect(overdue[0][2]).toBe('关于金融监管的提案');
    expect(overdue[0][6]).toBe(stats.summary.overdueMaxDays);
  });
});
