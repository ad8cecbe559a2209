import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { ANYANG_HISTORY_MEMBERS, ANYANG_HISTORY_SESSION, ANYANG_HISTORY_WORKBOOK, ANYANG_UNITS_WORKBOOK, chinaTime, historyProposalRows, historyUnitRows, seedPath } from '#app/demo';
import { buildImportWorkbook, type CellText, ImportKind, KIND_COLUMNS, readImportSheet, SHEET_NAMES } from '#app/imports';
import { SessionsService } from '#app/org';
import type { TestCommittee } from '#app/testing';
import { binary } from './helpers/http.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

type Row = Record<string, CellText>;

/** The first sheet of a downloaded workbook as rows by the template's keys. */
async function sheetRows(kind: ImportKind, bytes: Buffer): Promise<{ headers: string[]; rows: Row[]; sheets: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(SHEET_NAMES[kind]) as ExcelJS.Worksheet;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(KIND_COLUMNS[kind].map((c, i) => [c.key, (row.getCell(i + 1).value as CellText) ?? null])));
  });
  return { headers, rows, sheets: workbook.worksheets.map((s) => s.name) };
}

/** A members workbook with one sheet as people make them by hand (exceljs), for hostile variants. */
async function handMade(build: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES[ImportKind.Members]);
  sheet.addRow(KIND_COLUMNS[ImportKind.Members].map((c) => c.header));
  sheet.addRow([`hm-${Date.now()}`, '韩梅', '民盟', '13800000001', null]);
  build(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('imports (#21): templates, dry run, confirm, round trip, hostile files', () => {
  let t: TestApp;
  let c: TestCommittee;
  let admin: UserClient;
  let staff: UserClient;

  const dryRun = (client: UserClient, scope: 'org' | 'proposals', kind: ImportKind, bytes: Buffer) =>
    client.upload(`/api/imports/${scope}/${kind}/dry-run`, 'file', bytes, `${kind}.xlsx`);
  const confirm = (client: UserClient, scope: 'org' | 'proposals', kind: ImportKind, bytes: Buffer) =>
    client.upload(`/api/imports/${scope}/${kind}`, 'file', bytes, `${kind}.xlsx`);
  const download = async (client: UserClient, path: string): Promise<Buffer> => {
    const response = await binary(client.get(path));
    expect(response.status).toBe(200);
    return response.body as Buffer;
  };
  const count = async (sql: string, params: unknown[] = [c.committeeId]): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);
  const audits = (action: string) =>
    t.dataSource.query('SELECT after FROM audit_entries WHERE committee_id = $1 AND action = $2 ORDER BY at, id', [c.committeeId, action]) as Promise<Array<{ after: Record<string, unknown> }>>;
  /** Every user and membership of the committee, then every unit and proposal with its version. */
  const snapshot = async () => [
    ...((await t.dataSource.query(
      `SELECT u.username, u.display_name, u.phone, u.email, u.version, m.role, m.sector, m.unit_id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.committee_id = $1 ORDER BY u.username, m.role, m.unit_id`,
      [c.committeeId],
    )) as unknown[]),
    ...((await t.dataSource.query('SELECT name, version, parent_id, remit_keywords, contacts FROM units WHERE committee_id = $1 ORDER BY name', [c.committeeId])) as unknown[]),
    ...((await t.dataSource.query('SELECT number, title, version, status FROM proposals WHERE committee_id = $1 ORDER BY number, title', [c.committeeId])) as unknown[]),
  ];

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    admin = await t.as(c.username('anyang-admin'));
    staff = await t.as(c.username('anyang-staff'));
  });

  afterAll(() => t.close());

  const members = (tag: string, n: number): Row[] =>
    Array.from({ length: n }, (_, i) => ({ username: `m${i}-${tag}`, name: `委员${i}`, sector: i % 2 ? '民盟' : '教育界', phone: `1380000${String(i).padStart(4, '0')}`, email: i % 3 ? null : `m${i}@example.cn` }));

  it('gives each kind its template: the columns in row 1 and a 说明 sheet; admins the org kinds, staff the proposal kinds', async () => {
    for (const [client, scope, kinds] of [[admin, 'org', [ImportKind.Members, ImportKind.Units, ImportKind.Users]], [staff, 'proposals', [ImportKind.History, ImportKind.Paper]]] as const) {
      for (const kind of kinds) {
        const { headers, rows, sheets } = await sheetRows(kind, await download(client, `/api/imports/${scope}/${kind}/template.xlsx`));
        expect([headers, rows, sheets]).toEqual([KIND_COLUMNS[kind].map((col) => col.header), [], [SHEET_NAMES[kind], '说明']]);
      }
    }
    expect((await staff.get('/api/imports/org/members/template.xlsx')).status).toBe(403);
    expect((await admin.get('/api/imports/proposals/history/template.xlsx')).status).toBe(403);
    const wrongKind = await admin.get('/api/imports/org/history/template.xlsx');
    expect([wrongKind.status, wrongKind.body.details.fields[0].field]).toEqual([400, 'kind']);
  });

  it('members: a dry run reports every problem by row and column in Chinese and writes nothing; a confirm with problems is refused whole', async () => {
    const rows: Row[] = [
      ...members(`a${c.tag}`, 2),
      { username: `bad-sector-${c.tag}`, name: '王五', sector: '民主党派', phone: null, email: null },
      { username: `m0-a${c.tag}`, name: '重复', sector: '民盟', phone: null, email: null },
      { username: null, name: '无名', sector: '民盟', phone: null, email: 'not-an-email' },
      { username: c.username('chending'), name: '陈丁', sector: '民盟', phone: null, email: null },
    ];
    const file = await buildImportWorkbook(ImportKind.Members, rows);
    const before = await snapshot();
    const report = await dryRun(admin, 'org', ImportKind.Members, file);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ kind: 'members', sha256: sha256(file), rows: 6, written: false });
    expect(report.body.problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/^第4行「界别」：“民主党派”不在本会的界别代码表中：可填 中共、民革、民盟/),
      '第5行「用户名」：与第2行重复：同一用户名只能出现一次',
      '第6行「用户名」：用户名和手机至少填一项',
      '第6行「电子邮箱」：“not-an-email”不是电子邮箱地址',
    ]);
    expect(report.body.created).toBe(2);
    // chending is a drafter of this committee: becoming a member too is an update, not a new account
    expect(report.body.updated).toBe(1);
    const refused = await confirm(admin, 'org', ImportKind.Members, file);
    expect([refused.status, refused.body.code, refused.body.details.fields[0].field]).toEqual([400, 'IMPORT_INVALID', 'file']);
    expect(refused.body.details.problems).toHaveLength(4);
    expect(await snapshot()).toEqual(before);
    expect(await audits('import.members')).toEqual([]);
  });

  it('members: a confirmed import writes every row in one go with ONE audit entry (SHA-256 and counts); the same file again changes nothing', async () => {
    const file = await buildImportWorkbook(ImportKind.Members, [...members(`b${c.tag}`, 30), { username: null, name: '手机号委员', sector: '特邀', phone: '13900001234', email: null }]);
    const first = await confirm(admin, 'org', ImportKind.Members, file);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rows: 31, created: 31, updated: 0, unchanged: 0, problems: [], written: true });
    expect(first.body.links[0]).toEqual({ label: `m0-b${c.tag}`, href: `/admin/people?q=m0-b${c.tag}` });
    expect(await count(`SELECT count(*) AS n FROM memberships WHERE committee_id = $1 AND role = 'member' AND sector IS NOT NULL`)).toBe(31);
    const afterFirst = await snapshot();
    const again = await confirm(admin, 'org', ImportKind.Members, file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 31, written: true });
    expect(await snapshot()).toEqual(afterFirst);
    const entries = await audits('import.members');
    expect(entries.map((e) => e.after)).toEqual([
      { kind: 'members', sha256: sha256(file), rows: 31, created: 31, updated: 0, unchanged: 0 },
      { kind: 'members', sha256: sha256(file), rows: 31, created: 0, updated: 0, unchanged: 31 },
    ]);
    // an imported account has no password yet: nobody can log in with one
    const login = await t.http().post('/api/auth/login').send({ username: `m1-b${c.tag}`, password: '!imported' });
    expect(login.status).toBe(401);
  });

  it('round trip: every kind exported and imported unchanged changes nothing; one edited cell changes only that', async () => {
    // units, users and a past session's proposals exist first
    const units = await confirm(admin, 'org', ImportKind.Units, await buildImportWorkbook(ImportKind.Units, [
      { name: '安阳市教育局', kind: '承办单位', parent: null, docPrefix: '安教', workArea: '教育工作', remit: '教育、学校、学生', contacts: '李老师 3100001；王老师 3100002' },
      { name: '安阳市教育局基础教育科', kind: '承办单位', parent: '安阳市教育局', docPrefix: null, workArea: null, remit: '义务教育', contacts: null },
    ]));
    expect(units.body).toMatchObject({ created: 2, written: true });
    const users = await confirm(admin, 'org', ImportKind.Users, await buildImportWorkbook(ImportKind.Users, [
      { username: `jyj-${c.tag}`, name: '教育局经办', phone: null, email: null, roles: '经办人（安阳市教育局）、单位领导（安阳市教育局基础教育科）' },
      { username: `ban-${c.tag}`, name: '办公室', phone: null, email: null, roles: '提案委工作人员' },
    ]));
    expect(users.body).toMatchObject({ created: 2, written: true });
    await t.app.get(SessionsService).createSession({ userId: c.userId('anyang-admin'), committeeId: c.committeeId }, { ...ANYANG_HISTORY_SESSION, name: `往届-${c.tag}` });
    const history = await confirm(staff, 'proposals', ImportKind.History, await buildImportWorkbook(ImportKind.History, [
      { session: `往届-${c.tag}`, number: 1, title: '关于加强校园安全的提案', category: '教育', lead: c.username('yuanyuan'), cosigners: `m1-b${c.tag}`, body: '校园安全正文。', filedOn: '2020-05-14', leadUnit: '安阳市教育局', coUnits: '安阳市公安局', assignedOn: '2020-06-13', repliedOn: '2020-08-01', grade: 'A', satisfaction: '满意', closedOn: '2020-11-30' },
      { session: `往届-${c.tag}`, number: 2, title: '关于规范校外培训的提案', category: '教育', lead: `m0-b${c.tag}`, cosigners: null, body: '校外培训正文。', filedOn: '2020-05-14', leadUnit: '安阳市教育局', coUnits: null, assignedOn: '2020-06-13', repliedOn: null, grade: null, satisfaction: null, closedOn: '2020-11-30' },
    ]));
    expect(history.body).toMatchObject({ created: 2, written: true, problems: [] });
    expect(await count(`SELECT count(*) AS n FROM replies r JOIN feedback f ON f.reply_id = r.id WHERE r.committee_id = $1 AND r.grade = 'A' AND f.satisfaction = 'satisfied'`)).toBe(1);

    for (const [client, scope, kind] of [
      [admin, 'org', ImportKind.Members],
      [admin, 'org', ImportKind.Units],
      [admin, 'org', ImportKind.Users],
      [staff, 'proposals', ImportKind.History],
    ] as const) {
      const exported = await download(client, `/api/imports/${scope}/${kind}/export.xlsx`);
      const { rows } = await sheetRows(kind, exported);
      expect(rows.length).toBeGreaterThan(0);
      const before = await snapshot();
      const unchanged = await confirm(client, scope, kind, exported);
      expect([kind, unchanged.status, unchanged.body.created, unchanged.body.updated, unchanged.body.unchanged, unchanged.body.problems]).toEqual([kind, 201, 0, 0, rows.length, []]);
      expect(await snapshot()).toEqual(before);
    }

    // one edited cell: only that member's phone changes
    const exported = await sheetRows(ImportKind.Members, await download(admin, '/api/imports/org/members/export.xlsx'));
    const edited = exported.rows.map((row) => (row.username === `m5-b${c.tag}` ? { ...row, phone: '13999999999' } : row));
    const before = (await snapshot()) as Array<{ username: string; phone: string; version: number }>;
    const result = await confirm(admin, 'org', ImportKind.Members, await buildImportWorkbook(ImportKind.Members, edited));
    expect(result.body).toMatchObject({ created: 0, updated: 1, unchanged: edited.length - 1 });
    const after = (await snapshot()) as typeof before;
    const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]));
    expect(changed).toEqual([expect.objectContaining({ username: `m5-b${c.tag}`, phone: '13999999999' })]);

    // one edited grade of the history: only that proposal's answer changes
    const historyRows = (await sheetRows(ImportKind.History, await download(staff, '/api/imports/proposals/history/export.xlsx'))).rows;
    const regraded = historyRows.map((row) => (row.title === '关于加强校园安全的提案' ? { ...row, grade: 'B' } : row));
    const rehistory = await confirm(staff, 'proposals', ImportKind.History, await buildImportWorkbook(ImportKind.History, regraded));
    expect(rehistory.body).toMatchObject({ created: 0, updated: 1, unchanged: historyRows.length - 1 });
    expect(await count(`SELECT count(*) AS n FROM replies WHERE committee_id = $1 AND grade = 'B'`)).toBe(1);
  });

  it('paper proposals (代录) arrive submitted with their co-signers, in the review queue; a re-import changes nothing', async () => {
    const file = await buildImportWorkbook(ImportKind.Paper, [
      { session: c.spec.session.name, lead: c.username('yuanyuan'), cosigners: `m2-b${c.tag}、m3-b${c.tag}`, title: '关于建设口袋公园的提案', category: '城建', body: '口袋公园正文。', suggestedUnits: '安阳市教育局', submittedOn: '2021-02-28' },
    ]);
    const report = await confirm(staff, 'proposals', ImportKind.Paper, file);
    expect(report.body).toMatchObject({ created: 1, written: true });
    const id = report.body.links[0].href.replace('/proposals/', '');
    const proposal = await staff.get(`/api/proposals/${id}`);
    expect(proposal.status).toBe(200);
    expect(proposal.body).toMatchObject({ status: 'submitted', title: '关于建设口袋公园的提案' });
    expect(await count('SELECT count(*) AS n FROM proposers WHERE proposal_id = $1', [id])).toBe(3);
    expect((await confirm(staff, 'proposals', ImportKind.Paper, file)).body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const exported = await download(staff, '/api/imports/proposals/paper/export.xlsx');
    expect((await confirm(staff, 'proposals', ImportKind.Paper, exported)).body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const unknown = await dryRun(staff, 'proposals', ImportKind.Paper, await buildImportWorkbook(ImportKind.Paper, [
      { session: '不存在的届次', lead: 'nobody', cosigners: null, title: '标题', category: '不存在', body: '正文', suggestedUnits: '不存在的单位', submittedOn: '2021-02-30' },
    ]));
    expect(unknown.body.problems.map((p: { message: string }) => p.message.replace(/：.*/, ''))).toEqual(['第2行「届次会议」', '第2行「领衔人」', '第2行「类别」', '第2行「建议承办单位」', '第2行「提交日期」']);
  });

  describe('hostile files: a clear 4xx naming what to fix, nothing written', () => {
    const refusal = async (bytes: Buffer) => {
      const response = await dryRun(admin, 'org', ImportKind.Members, bytes);
      return [response.status, response.body.code, response.body.message] as const;
    };

    it('random bytes, an .xls, a zip that is no workbook, a zip bomb', async () => {
      expect(await refusal(Buffer.from('这不是表格'.repeat(100)))).toEqual([400, 'IMPORT_NOT_XLSX', expect.stringContaining('不是 Excel 工作簿')]);
      expect(await refusal(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]))).toEqual([400, 'IMPORT_NOT_XLSX', expect.stringContaining('.xls')]);
      expect(await refusal(Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('hello') })))).toEqual([400, 'IMPORT_NOT_XLSX', expect.stringContaining('没有 Excel 工作簿')]);
      expect(await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toEqual([400, 'IMPORT_NOT_XLSX', expect.stringContaining('已损坏')]);
      const bomb = Buffer.from(zipSync({ 'xl/workbook.xml': new Uint8Array(90 * 1024 * 1024) }, { level: 9 }));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      expect(await refusal(bomb)).toEqual([400, 'IMPORT_UNPACKED_TOO_LARGE', expect.stringContaining('解压后超过')]);
    });

    it('a 50 MB file is refused with 413 before it is read', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
      const response = await dryRun(admin, 'org', ImportKind.Members, big).catch((error: { response?: { status: number; body: { code: string } } }) => error.response);
      expect([response?.status, response?.body.code]).toEqual([413, 'IMPORT_TOO_LARGE']);
    });

    it('missing, unknown or repeated columns, a missing sheet, merged cells, hidden sheets, an empty sheet', async () => {
      expect(await refusal(await handMade((_w, sheet) => sheet.spliceColumns(3, 1)))).toEqual([400, 'IMPORT_MISSING_COLUMNS', '缺少列「界别」：第1行须是模板的列名']);
      expect(await refusal(await handMade((_w, sheet) => (sheet.getCell('F1').value = '备注')))).toEqual([400, 'IMPORT_UNKNOWN_COLUMNS', expect.stringContaining('「备注」')]);
      expect(await refusal(await handMade((_w, sheet) => (sheet.getCell('F1').value = '姓名')))).toEqual([400, 'IMPORT_UNKNOWN_COLUMNS', expect.stringContaining('「姓名」')]);
      expect(await refusal(await handMade((_w, sheet) => (sheet.name = 'Sheet1')))).toEqual([400, 'IMPORT_SHEET_MISSING', expect.stringContaining('找不到工作表「委员」')]);
      expect(await refusal(await handMade((_w, sheet) => sheet.mergeCells('A3:B3')))).toEqual([400, 'IMPORT_MERGED_CELLS', expect.stringContaining('A3:B3')]);
      expect(await refusal(await handMade((w) => (w.addWorksheet('旧数据').state = 'hidden')))).toEqual([400, 'IMPORT_HIDDEN_SHEET', expect.stringContaining('「旧数据」')]);
      expect(await refusal(await handMade((_w, sheet) => sheet.spliceRows(2, 1)))).toEqual([400, 'IMPORT_EMPTY', expect.stringContaining('没有数据行')]);
    });

    it('formulas, wrong types, error values and overlong text are problems of their cells', async () => {
      const file = await handMade((_w, sheet) => {
        sheet.addRow([{ formula: 'CONCAT("a","b")', result: 'ab' }, '李四', '民盟', null, null]);
        sheet.addRow([`x-${c.tag}`, new Date('2020-01-01T00:00:00Z'), '民盟', true, null]);
        sheet.addRow([`y-${c.tag}`, '赵'.repeat(65), { error: '#N/A' }, null, null]);
      });
      const response = await dryRun(admin, 'org', ImportKind.Members, file);
      expect(response.status).toBe(200);
      expect(response.body.problems.map((p: { message: string }) => p.message)).toEqual([
        '第3行「用户名」：含有公式：请复制后“选择性粘贴为数值”再导入',
        '第4行「姓名」：应为文字，现为日期：请把单元格格式设为文本',
        '第4行「手机」：是逻辑值（TRUE/FALSE）：请填写文字',
        '第5行「姓名」：不能超过 64 个字（现为 65 个）',
        '第5行「界别」：单元格是错误值（如 #N/A）：请改为正确的内容',
      ]);
      const history = await dryRun(staff, 'proposals', ImportKind.History, await buildImportWorkbook(ImportKind.History, [
        { session: c.spec.session.name, number: '十二' as unknown as number, title: '标题', category: null, lead: c.username('yuanyuan'), cosigners: null, body: '正文', filedOn: '2020-13-01', leadUnit: '不存在的单位', coUnits: null, assignedOn: '2020-06-13', repliedOn: null, grade: 'A', satisfaction: '很好', closedOn: '2020-01-01' },
      ]));
      expect(history.body.problems.map((p: { message: string }) => p.message)).toEqual([
        '第2行「编号」：应为正整数，现为“十二”',
        '第2行「立案日期」：应为日期（如 2020-05-14），现为“2020-13-01”',
        '第2行「主办单位」：“不存在的单位”不是本会的承办单位：请先导入单位，或改为已有承办单位的全称',
        '第2行「办理结果」：没有「答复日期」时不能填写',
        '第2行「满意度」：“很好”不是满意度：可填 满意、基本满意、不满意',
        '第2行「满意度」：没有「答复日期」时不能填写',
        '第2行「办结日期」：不能早于「交办日期」（2020-06-13）',
      ]);
    });

    it('units: a parent that is missing or a cycle; users: unknown roles, units and another committee’s username', async () => {
      const units = await dryRun(admin, 'org', ImportKind.Units, await buildImportWorkbook(ImportKind.Units, [
        { name: '甲', kind: '承办单位', parent: '乙', docPrefix: null, workArea: null, remit: null, contacts: '张三' },
        { name: '乙', kind: '承办单位', parent: '甲', docPrefix: null, workArea: null, remit: null, contacts: null },
        { name: '丙', kind: '办公室', parent: '丁', docPrefix: null, workArea: null, remit: '一个非常非常非常非常非常非常长的职责关键词啊', contacts: null },
      ]));
      expect(units.body.problems.map((p: { message: string }) => p.message)).toEqual([
        '第2行「上级单位」：上级单位形成了循环：请检查这一组单位的上级',
        '第2行「联系人」：“张三”应为 姓名 电话，如 陈丁 5156739',
        '第3行「上级单位」：上级单位形成了循环：请检查这一组单位的上级',
        '第4行「类型」：“办公室”不是单位类型：可填 承办单位、抄送单位',
        '第4行「上级单位」：“丁”不是本会的单位，本表中也没有：请先填上级单位',
        '第4行「职责关键词」：关键词“一个非常非常非常非常非常非常长的职责关键词啊”超过 20 个字',
      ]);
      const other = await t.committee();
      const users = await dryRun(admin, 'org', ImportKind.Users, await buildImportWorkbook(ImportKind.Users, [
        { username: other.username('yuanyuan'), name: '他会委员', phone: null, email: null, roles: '委员' },
        { username: `u1-${c.tag}`, name: '甲', phone: null, email: null, roles: '秘书长、经办人、委员（安阳市公安局）、抄送单位（安阳市公安局）' },
        { username: c.username('anyang-admin'), name: '安阳管理员', phone: null, email: null, roles: '提案委工作人员' },
      ]));
      expect(users.body.problems.map((p: { message: string }) => p.message)).toEqual([
        `第2行「用户名」：用户名“${other.username('yuanyuan')}”已被其他单位的用户使用：请换一个用户名`,
        expect.stringMatching(/^第3行「角色」：“秘书长”不是角色/),
        '第3行「角色」：“经办人”须写明单位，如 经办人（单位全称）',
        '第3行「角色」：“委员（安阳市公安局）”不属于单位，不要写单位',
        '第3行「角色」：“安阳市公安局”不是抄送单位',
        '第4行「角色」：不能在导入中取消自己的管理员角色',
      ]);
    });

    it('an upload without a file, or as the wrong actor', async () => {
      const none = await admin.post('/api/imports/org/members/dry-run', {});
      expect([none.status, none.body.details.fields[0].field]).toEqual([400, 'file']);
      const member = await t.as(c.username('yuanyuan'));
      expect((await dryRun(member, 'org', ImportKind.Members, await handMade(() => undefined))).status).toBe(403);
      expect((await confirm(admin, 'proposals', ImportKind.History, await handMade(() => undefined))).status).toBe(403);
    });
  });

  it('the demo’s committed workbooks are the demo history, row for row', async () => {
    const units = await readImportSheet(ImportKind.Units, readFileSync(seedPath(ANYANG_UNITS_WORKBOOK)));
    expect(units.problems).toEqual([]);
    expect(units.rows.map((row) => row.values)).toEqual(historyUnitRows());
    const history = await readImportSheet(ImportKind.History, readFileSync(seedPath(ANYANG_HISTORY_WORKBOOK)));
    expect(history.problems).toEqual([]);
    expect(history.rows.map((row) => row.values)).toEqual(historyProposalRows(ANYANG_HISTORY_SESSION, ANYANG_HISTORY_MEMBERS.map(([u]) => u)));
    expect(history.rows).toHaveLength(230);
  });
});
