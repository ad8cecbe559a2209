import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, chinaTime } from '#app/demo';
import { ExtensionsService } from '#app/handling';
import { Disclosure } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { binary, fieldsOf } from './helpers/http.js';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * Hostile input (#9) over the real API: malformed and oversize bodies, wrong content types, deep nesting,
 * unknown fields and wrong types, broken and invisible Unicode, hostile attachment names and contents,
 * bad query strings. Each is a clear 4xx naming the field or the problem, and nothing is written (rows of
 * this committee's tables and its audit entries counted before and after). Text that merely looks
 * dangerous (SQL, HTML, script, RTL marks, 4-byte characters) is ordinary text: stored and returned
 * verbatim, and escaped wherever it is rendered.
 */
describe('hostile input', () => {
  let t: TestApp;
  let c: TestCommittee;
  let s: Scenario;
  let member: UserClient;
  let drafter: UserClient;
  let draftId: string;
  let draftVersion: number;
  let assignmentId: string;

  /** Rows of this committee in every table a request here could write, and its audit entries. */
  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM proposals WHERE committee_id = $1) AS proposals,
              (SELECT count(*)::int FROM attachments WHERE committee_id = $1) AS attachments,
              (SELECT count(*)::int FROM replies WHERE committee_id = $1) AS replies,
              (SELECT count(*)::int FROM reply_versions v JOIN replies r ON r.id = v.reply_id WHERE r.committee_id = $1) AS reply_versions,
              (SELECT count(*)::int FROM feedback WHERE committee_id = $1) AS feedback,
              (SELECT count(*)::int FROM refresh_tokens WHERE user_id = ANY($2::uuid[])) AS refresh_tokens,
              (SELECT count(*)::int FROM audit_entries WHERE committee_id = $1) AS audit_entries,
              (SELECT max(version) FROM proposals WHERE committee_id = $1) AS newest_version`,
      [c.committeeId, Object.values(c.userIds)],
    );
    return row;
  };

  /** Runs the request and checks it was refused with `status`, naming `field` (or the code), writing nothing. */
  const refused = async (send: () => Promise<{ status: number; body: Record<string, unknown> }>, status: number, expected: { field?: string; code?: string }) => {
    const before = await counts();
    const answer = await send();
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body: expect.objectContaining({ statusCode: status, message: expect.any(String) }) });
    if (expected.code) expect(answer.body.code).toBe(expected.code);
    if (expected.field) expect(fieldsOf(answer.body)).toContain(expected.field);
    expect(await counts()).toEqual(before);
    return answer.body;
  };

  /** A raw request with any body and content type, as a client that does not use JSON.stringify would send. */
  const raw = (client: UserClient, method: 'post' | 'put' | 'patch', url: string, body: string | Buffer, type: string) =>
    t.http()[method](url).set('authorization', `Bearer ${client.token}`).set('content-type', type).send(body);

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    s = new Scenario(t, c);
    member = await t.as(c.username('yuanyuan'));
    const draft = await member.post('/api/proposals', { sessionId: c.sessionId, title: '关于恶意输入测试的提案', body: ANYANG_PROPOSAL_365.body });
    expect(draft.status).toBe(201);
    draftId = draft.body.id;
    draftVersion = draft.body.version;
    const { assignment } = await s.accepted();
    assignmentId = assignment.id;
    drafter = await t.as(c.username('chending'));
  }, 60_000);
  afterAll(() => t.close());

  describe('bodies', () => {
    const create = '/api/proposals';

    it('malformed JSON: 400 MALFORMED_JSON', async () => {
      for (const text of ['{"title": "关于', '{title: 1}', "{'a': 1}", '{"a": 1,}', 'NaN']) {
        await refused(() => raw(member, 'post', create, text, 'application/json'), 400, { code: 'MALFORMED_JSON' });
      }
    });

    it('a JSON value that is not an object or array: 400 MALFORMED_JSON', async () => {
      await refused(() => raw(member, 'post', create, '"关于某某的提案"', 'application/json'), 400, { code: 'MALFORMED_JSON' });
    });

    it('wrong content types: 415 naming what to send', async () => {
      const fields = `sessionId=${c.sessionId}&title=%E5%85%B3%E4%BA%8E%E6%B5%8B%E8%AF%95%E7%9A%84%E6%8F%90%E6%A1%88&body=${encodeURIComponent(ANYANG_PROPOSAL_365.body)}`;
      for (const [body, type] of [
        [fields, 'application/x-www-form-urlencoded'],
        [JSON.stringify({ sessionId: c.sessionId, title: '关于内容类型测试的提案', body: ANYANG_PROPOSAL_365.body }), 'text/plain'],
        ['<proposal/>', 'application/xml'],
        ['--x\r\nContent-Disposition: form-data; name="title"\r\n\r\n关于测试的提案\r\n--x--\r\n', 'multipart/form-data; boundary=x'],
      ]) {
        const answer = await refused(() => raw(member, 'post', create, body, type), 415, { code: 'UNSUPPORTED_MEDIA_TYPE' });
        expect(answer.message).toContain('application/json');
      }
    });

    it('a body over 1 MB: 413 BODY_TOO_LARGE', async () => {
      const huge = JSON.stringify({ sessionId: c.sessionId, title: '关于超大请求的提案', body: '正文'.repeat(400_000) });
      await refused(() => raw(member, 'post', create, huge, 'application/json'), 413, { code: 'BODY_TOO_LARGE' });
    });

    it('oversize fields: 400 naming each', async () => {
      const tooLong = { sessionId: c.sessionId, title: '关'.repeat(201), body: '正'.repeat(50_001) };
      const body = await refused(() => member.post(create, tooLong), 400, { field: 'title' });
      expect(fieldsOf(body)).toEqual(expect.arrayContaining(['title', 'body']));
      await refused(() => member.patch(`/api/proposals/${draftId}`, { version: draftVersion, category: 'x'.repeat(41) }), 400, { field: 'category' });
    });

    it('deep nesting: 400 naming where', async () => {
      let nested: unknown = '底';
      for (let i = 0; i < 40; i += 1) nested = { a: nested };
      const body = await refused(() => member.post(create, { sessionId: c.sessionId, title: '关于深层嵌套的提案', body: ANYANG_PROPOSAL_365.body, group: nested }), 400, {});
      expect(fieldsOf(body)?.[0]).toMatch(/^group\.a\.a/);
      // As raw text too deep for any DTO, arrays included.
      const arrays = await refused(() => raw(member, 'post', create, `${'['.repeat(5_000)}${']'.repeat(5_000)}`, 'application/json'), 400, {});
      expect(fieldsOf(arrays)?.[0]).toMatch(/^(\[0\]){16}$/);
    });

    it('unknown fields and wrong types: 400 naming each field', async () => {
      await refused(() => member.post(create, { sessionId: c.sessionId, title: '关于未知字段的提案', body: ANYANG_PROPOSAL_365.body, status: 'filed', number: 1 }), 400, {
        field: 'status',
      });
      const wrongTypes = await refused(() => member.post(create, { sessionId: 42, title: ['关于类型错误的提案'], body: { text: '正文' }, suggestedUnitIds: 'all' }), 400, {
        field: 'sessionId',
      });
      expect(fieldsOf(wrongTypes)).toEqual(expect.arrayContaining(['sessionId', 'title', 'body', 'suggestedUnitIds']));
      await refused(() => member.patch(`/api/proposals/${draftId}`, { version: '1', title: '关于版本号类型的提案' }), 400, { field: 'version' });
      // A prototype-looking key is an unknown field like any other.
      await refused(() => raw(member, 'post', create, `{"sessionId":"${c.sessionId}","title":"关于原型链的提案","body":"${'正文'.repeat(10)}","__proto__":{"isAdmin":true}}`, 'application/json'), 400, {
        field: '__proto__',
      });
    });

    it('NUL characters and lone surrogates: 400 naming the field (PostgreSQL cannot store the one, the other is not Unicode)', async () => {
      await refused(() => member.post(create, { sessionId: c.sessionId, title: '关于空字符的提案', body: `正文正文正文正文正文\u0000正文` }), 400, { field: 'body' });
      await refused(() => raw(member, 'post', create, `{"sessionId":"${c.sessionId}","title":"关于代理项\\ud800的提案","body":"${'正文'.repeat(10)}"}`, 'application/json'), 400, {
        field: 'title',
      });
      await refused(() => member.get('/api/proposals?q=%E8%AF%88%00%E9%AA%97'), 400, { field: 'q' });
    });
  });

  describe('unicode in titles', () => {
    it('stores and returns 4-byte CJK Extension B, emoji (with their joiners) and RTL marks verbatim', async () => {
      const title = '关于𠀀𠀁𪚥字库与表情👨‍👩‍👧🚲及\u200fمرحبا\u200e标记的提案';
      const created = await member.post('/api/proposals', { sessionId: c.sessionId, title, body: `情况分析：𠀀与😀。${ANYANG_PROPOSAL_365.body}` });
      expect(created.status).toBe(201);
      expect(created.body.title).toBe(title);
      const read = await member.get(`/api/proposals/${created.body.id}`);
      expect(read.body.title).toBe(title);
      expect(read.body.body.startsWith('情况分析：𠀀与😀。')).toBe(true);
      const [stored] = await t.dataSource.query('SELECT title FROM proposals WHERE id = $1', [created.body.id]);
      expect(stored.title).toBe(title);
      // Found by search with the 4-byte characters themselves.
      const found = await member.get(`/api/proposals?q=${encodeURIComponent('𠀀𠀁')}`);
      expect(found.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    });

    it('refuses zero-width spaces, control characters and direction overrides in titles with a 400 (never strips them)', async () => {
      for (const hidden of ['\u200b', '\u2060', '\ufeff', '\u0007', '\t', '\n', '\u202e', '\u2066', '\u0085']) {
        const body = await refused(() => member.post('/api/proposals', { sessionId: c.sessionId, title: `关于隐藏${hidden}字符的提案`, body: ANYANG_PROPOSAL_365.body }), 400, {
          field: 'title',
        });
        expect(body.message).toContain('zero-width');
      }
      await refused(() => member.patch(`/api/proposals/${draftId}`, { version: draftVersion, title: '关于修改\u200b标题的提案' }), 400, { field: 'title' });
    });
  });

  describe('text that looks like code is text', () => {
    const hostile = `'; DROP TABLE proposals; -- <script>alert("x")</script> <img src=x onerror=alert(1)> &amp; {{7*7}} \${7*7}`;

    it('stores SQL- and HTML-looking text verbatim, returns it as JSON data and escapes it in search highlights', async () => {
      const created = await member.post('/api/proposals', { sessionId: c.sessionId, title: `关于${hostile.slice(0, 60)}的提案`, body: `正文：${hostile}` });
      expect(created.status).toBe(201);
      expect(created.body.body).toBe(`正文：${hostile}`);
      const [stored] = await t.dataSource.query('SELECT body FROM proposals WHERE id = $1', [created.body.id]);
      expect(stored.body).toBe(`正文：${hostile}`);
      expect((await t.dataSource.query(`SELECT to_regclass('proposals') AS t`))[0].t).toBe('proposals');
      const found = await member.get(`/api/proposals?q=${encodeURIComponent('alert')}`);
      const item = found.body.items.find((p: { id: string }) => p.id === created.body.id);
      const highlighted = item.highlights.map((h: { text: string }) => h.text).join(' ');
      expect(highlighted).toContain('&lt;script&gt;');
      expect(highlighted).not.toMatch(/<(script|img)/);
    });

    it('renders it as text in the signed PDF and DOCX and returns it verbatim from the public API', async () => {
      const { assignment } = await s.accepted();
      const chending = await s.actor('chending');
      const draft = await s.replyDrafting.createDraft(chending, assignment.id, {
        body: `一、基本情况\n${hostile}\n二、下步打算\n继续办理。`,
        grade: 'A',
        contactUnitId: c.unitIds['police-economic'],
        contacts: ANYANG_CONTACTS,
      });
      const submitted = await s.replyReview.submit(chending, draft.id, draft.version);
      t.clock.set(chinaTime('2021-11-01'));
      const signed = await s.replySignOff.signOff(await s.actor('guochengji'), submitted.id, { version: submitted.version, disclosure: Disclosure.Full });
      await s.replyDispatch.dispatch(chending, signed.id, signed.version);

      const pdf = await binary(drafter.get(`/api/replies/${signed.id}/document.pdf`));
      expect(pdf.status).toBe(200);
      const dir = mkdtempSync(path.join(tmpdir(), 'cppcc-hostile-'));
      try {
        writeFileSync(path.join(dir, 'reply.pdf'), pdf.body as Buffer);
        const text = execFileSync('pdftotext', [path.join(dir, 'reply.pdf'), '-']).toString('utf8').replace(/\s+/g, '');
        expect(text).toContain(`<script>alert("x")</script>`.replace(/\s+/g, ''));
        expect(text).toContain(`';DROPTABLEproposals;--`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const docx = await binary(drafter.get(`/api/replies/${signed.id}/document.docx`));
      expect(docx.status).toBe(200);
      const xml = strFromU8(unzipSync(new Uint8Array(docx.body as Buffer))['word/document.xml']);
      expect(xml).toContain('&lt;script&gt;alert(');
      expect(xml).not.toContain('<script>');
      const published = await t.http().get(`/api/public/replies/${signed.id}`);
      expect(published.status).toBe(200);
      expect(JSON.stringify(published.body)).toContain(JSON.stringify(hostile).slice(1, -1));
      t.clock.set(chinaTime('2021-03-01'));
      // Signs, renders and reads two documents: over 60 s on a loaded 2-core machine in the full suite.
    }, 150_000);
  });

  describe('replies, feedback and login', () => {
    it('reply drafts: unknown fields, wrong types, oversize and NUL refused, nothing written', async () => {
      const url = `/api/assignments/${assignmentId}/replies`;
      await refused(() => drafter.post(url, { body: '一、基本情况\n正文。', grade: 'A', signedAt: '2021-01-01' }), 400, { field: 'signedAt' });
      await refused(() => drafter.post(url, { body: 12345, grade: ['A'] }), 400, { field: 'body' });
      await refused(() => drafter.post(url, { body: `一、${'正'.repeat(100_001)}`, grade: 'A' }), 400, { field: 'body' });
      await refused(() => drafter.post(url, { body: '一、基本情况\n正文\u0000。', grade: 'A' }), 400, { field: 'body' });
      await refused(() => drafter.post(url, { body: '一、基本情况\n正文。', grade: 'A', contacts: [{ name: { first: '陈' }, phone: 1 }] }), 400, {});
    });

    it('feedback: wrong enums and types, oversize comments, unknown fields refused, nothing written', async () => {
      const { proposal } = await s.dispatched();
      const url = `/api/proposals/${proposal.id}/feedback`;
      const good = { satisfaction: 'satisfied', contacted: true, answered: true };
      await refused(() => member.post(url, { ...good, satisfaction: "satisfied' OR '1'='1" }), 400, { field: 'satisfaction' });
      await refused(() => member.post(url, { ...good, contacted: 'yes' }), 400, { field: 'contacted' });
      await refused(() => member.post(url, { ...good, comments: '意'.repeat(2_001) }), 400, { field: 'comments' });
      await refused(() => member.post(url, { ...good, proposerUserId: c.userId('yuanyuan') }), 400, { field: 'proposerUserId' });
      await refused(() => raw(member, 'post', url, 'satisfaction=satisfied&contacted=true&answered=true', 'application/x-www-form-urlencoded'), 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    });

    it('login: non-string credentials, oversize passwords and malformed bodies refused before any lookup', async () => {
      const login = (body: unknown) => t.http().post('/api/auth/login').send(body as object);
      await refused(() => login({ username: { $ne: null }, password: 'x' }), 400, { field: 'username' });
      await refused(() => login({ username: c.username('yuanyuan'), password: ['a', 'b'] }), 400, { field: 'password' });
      await refused(() => login({ username: c.username('yuanyuan'), password: 'p'.repeat(100_000) }), 400, { field: 'password' });
      await refused(() => t.http().post('/api/auth/login').set('content-type', 'application/json').send('{"username":'), 400, { code: 'MALFORMED_JSON' });
      await refused(() => t.http().post('/api/auth/login').set('content-type', 'text/plain').send('yuanyuan:cppcc-demo-2026'), 415, { code: 'UNSUPPORTED_MEDIA_TYPE' });
      await refused(() => login({ username: `${c.username('yuanyuan')}' OR '1'='1`, password: "' OR '1'='1" }), 401, { code: 'BAD_CREDENTIALS' });
    });
  });

  describe('attachments', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const url = () => `/api/proposals/${draftId}/attachments`;

    it('refuses names with folders, control characters or over 200 characters, naming the file part', async () => {
      // Written by hand: form-data (under supertest) would cut the folders off the name before sending it.
      const multipart = (name: string) =>
        raw(
          member,
          'post',
          url(),
          Buffer.concat([
            Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
            pdf,
            Buffer.from('\r\n--b0undary--\r\n'),
          ]),
          'multipart/form-data; boundary=b0undary',
        );
      for (const name of ['../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', 'a/b.pdf', '报告\u0000.pdf', '报告\u0007.pdf', `${'长'.repeat(201)}.pdf`]) {
        const body = await refused(() => multipart(name), 400, { field: 'file' });
        // A control character (NUL, BEL) breaks the part's header before the name is read: unreadable upload.
        // eslint-disable-next-line no-control-regex
        expect({ name, code: body.code }).toEqual({ name, code: /[\u0000-\u001f]/.test(name) ? 'MALFORMED_MULTIPART' : 'ATTACHMENT_NAME_REFUSED' });
      }
    });

    it('refuses content that does not match its extension', async () => {
      const cases: Array<[Buffer, string]> = [
        [Buffer.from('<html><script>alert(1)</script></html>'), '通知.pdf'],
        [Buffer.from('MZ\x90\x00 this is a windows executable'), '照片.jpg'],
        [pdf, '表格.xlsx'],
        [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), '文档.docx'],
        [pdf, '脚本.sh'],
        [Buffer.from('plain'), 'no-extension'],
      ];
      for (const [bytes, name] of cases) {
        const body = await refused(() => member.upload(url(), 'file', bytes, name), 400, { field: 'file' });
        expect(body.code).toBe('ATTACHMENT_TYPE_REFUSED');
      }
    });

    it('refuses a missing file part, an empty file and a JSON body', async () => {
      await refused(() => member.upload(url(), 'document', pdf, '报告.pdf'), 400, { field: 'file', code: 'MALFORMED_MULTIPART' });
      await refused(() => member.upload(url(), 'file', Buffer.alloc(0), '报告.pdf'), 400, { field: 'file' });
      await refused(() => member.post(url(), { file: pdf.toString('base64') }), 400, { field: 'file' });
    });

    it('keeps a proper upload under its plain name (the control: the route works)', async () => {
      const answer = await member.upload(url(), 'file', pdf, '调研报告𠀀.pdf');
      expect(answer.status).toBe(201);
      expect(answer.body.fileName).toBe('调研报告𠀀.pdf');
    });
  });

  describe('numbers larger than their column and dates that are not days (issue #16: each was a 500)', () => {
    let replyId: string;
    let extensionId: string;
    let filedId: string;
    let leader: UserClient;
    let staff: UserClient;
    let admin: UserClient;

    beforeAll(async () => {
      ({ reply: { id: replyId } } = await s.awaitingSignOff());
      extensionId = (await t.app.get(ExtensionsService).request(await s.actor('chending'), assignmentId, '2022-06-30', '需要跨部门调查取证')).id;
      filedId = (await s.filed('关于日期校验的提案')).id;
      [leader, staff, admin] = [await t.as(c.username('guochengji')), await t.as(c.username('anyang-staff')), await t.as(c.username('anyang-admin'))];
      t.clock.set(chinaTime('2021-03-01'));
    }, 60_000);

    /** Refused with 400 VALIDATION_FAILED naming exactly `field`: the rest of each body is valid. */
    const onlyField = async (send: () => Promise<{ status: number; body: Record<string, unknown> }>, field: string) => {
      const body = await refused(send, 400, { field, code: 'VALIDATION_FAILED' });
      expect({ field, named: fieldsOf(body) }).toEqual({ field, named: [field] });
    };

    it('version 2^31 and 2^63 (the optimistic lock is an int4 column) on the five routes that take one', async () => {
      for (const version of [2 ** 31, 2 ** 63]) {
        await onlyField(() => member.patch(`/api/proposals/${draftId}`, { version, title: '关于版本号溢出的提案' }), 'version');
        await onlyField(() => drafter.put(`/api/replies/${replyId}`, { version, body: '一、基本情况\n正文。', grade: 'A' }), 'version');
        await onlyField(() => leader.post(`/api/replies/${replyId}/sign-off`, { version, disclosure: 'full' }), 'version');
        await onlyField(() => member.post(`/api/proposals/${draftId}/cosigning`, { version, deadline: '2021-03-10T18:00:00+08:00', inviteeUserIds: [c.userId('yuanyuan')] }), 'version');
        await onlyField(() => staff.post(`/api/extensions/${extensionId}/approve`, { version }), 'version');
      }
    });

    it('dates in the right form that are not days (2027-02-30, 2027-02-29, 2027-04-31) in the four bodies that take one', async () => {
      for (const day of ['2027-02-30', '2027-02-29', '2027-04-31']) {
        await onlyField(() => staff.post(`/api/proposals/${filedId}/assignments`, { version: 1, leadUnitId: c.unitIds.police, replyDueDate: day }), 'replyDueDate');
        await onlyField(() => staff.post(`/api/proposals/${filedId}/feedback-window`, { until: day, reason: '委员外出学习，延期征询' }), 'until');
        await onlyField(() => drafter.post(`/api/assignments/${assignmentId}/extensions`, { requestedDueDate: day, reason: '需要跨部门调查取证' }), 'requestedDueDate');
        await onlyField(() => staff.post(`/api/extensions/${extensionId}/approve`, { version: 1, grantedDueDate: day }), 'grantedDueDate');
      }
    });

    it('path dates that are not days (2026-13-01, 2026-00-10, 2026-12-32) on PUT and DELETE /admin/calendar/:date', async () => {
      for (const day of ['2026-13-01', '2026-00-10', '2026-12-32']) {
        await onlyField(() => admin.put(`/api/admin/calendar/${day}`, { kind: 'holiday', name: '地方节日' }), 'date');
        await onlyField(() => admin.delete(`/api/admin/calendar/${day}`), 'date');
      }
    });

    it('the edges: the largest int4 and the last day of February in a leap year pass validation; outside 1900–2200 does not', async () => {
      // Valid values reach the service: a stale version is a 409, not a 400.
      const stale = await member.patch(`/api/proposals/${draftId}`, { version: 2 ** 31 - 1, title: '关于版本号边界的提案' });
      expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
      await onlyField(() => member.patch(`/api/proposals/${draftId}`, { version: 1.5, title: '关于版本号边界的提案' }), 'version');
      await onlyField(() => staff.post(`/api/proposals/${filedId}/feedback-window`, { until: '2400-02-29', reason: '委员外出学习，延期征询' }), 'until');
      await onlyField(() => admin.put('/api/admin/calendar/1899-12-31', { kind: 'holiday', name: '地方节日' }), 'date');
      await onlyField(() => staff.get('/api/proposals?limit=12abc'), 'limit');
      await onlyField(() => staff.get('/api/proposals?offset=0x10'), 'offset');
      const leap = await admin.put('/api/admin/calendar/2028-02-29', { kind: 'holiday', name: '地方节日' });
      expect(leap.status).toBe(200);
      expect((await admin.delete('/api/admin/calendar/2028-02-29')).status).toBe(200);
    });
  });

  describe('query strings and path parameters', () => {
    it('paging, ISO dates, uuids and enums: 400 naming the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['/api/proposals?limit=abc', 'limit'],
        ['/api/proposals?limit=-1', 'limit'],
        ['/api/proposals?limit=100000', 'limit'],
        ['/api/proposals?limit=1&limit=2', 'limit'],
        ['/api/proposals?offset=1e400', 'offset'],
        ['/api/proposals?sessionId=not-a-uuid', 'sessionId'],
        ['/api/proposals?sessionId=%27%20OR%201%3D1--', 'sessionId'],
        ['/api/proposals?status=filed%27%3B--', 'status'],
        ['/api/proposals?unknown=1', 'unknown'],
        ['/api/proposals?q=a', 'q'],
        ['/api/statistics?asOf=2021-13-45', 'asOf'],
        ['/api/statistics?asOf=yesterday', 'asOf'],
        ['/api/assignments?proposalId=..%2F..%2Fetc', 'proposalId'],
      ];
      const staff = await t.as(c.username('anyang-staff'));
      for (const [url, field] of cases) await refused(() => staff.get(url), 400, { field });
    });

    it('malformed ids in the path: 400 naming the parameter, never a database error', async () => {
      for (const id of ['not-a-uuid', '1%20OR%201%3D1', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-0000-0000-00000000000g']) {
        await refused(() => member.get(`/api/proposals/${id}`), 400, { field: 'id' });
        await refused(() => member.patch(`/api/proposals/${id}`, { version: 1, title: '关于路径参数的提案' }), 400, { field: 'id' });
      }
    });
  });
});
