import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, reminderJobId, setSeriesStart } from '#app/core';
import { ANYANG_CONTACTS, ANYANG_PROPOSAL_365, ANYANG_REPLY_FILE, anyangReplyBody, chinaTime, readSeed } from '#app/demo';
import { proposalNumberSeries } from '#app/proposals';
import { documentNumberSeries } from '#app/replies';
import type { TestCommittee } from '#app/testing';
import { createTestApp, type TestApp, type UserClient } from './helpers/test-app.js';

/**
 * The walking skeleton: the Anyang proposal 365 from submission to close over HTTP, each step with its
 * refusals (wrong role, wrong unit, illegal order, bad input, stale version) changing nothing.
 */
describe('the Anyang case, end to end over HTTP', () => {
  let t: TestApp;
  let c: TestCommittee;
  let member: UserClient;
  let otherMember: UserClient;
  let staff: UserClient;
  let drafter: UserClient;
  let drafter2: UserClient;
  let leader: UserClient;
  let otherUnitDrafter: UserClient;
  let admin: UserClient;
  let offices: UserClient[];
  let outsider: UserClient;
  let proposal: { id: string; version: number; number: number | null; status: string };
  let assignment: { id: string; version: number };
  let reply: { id: string; version: number };

  const expectError = (response: { status: number; body: { code?: string } }, status: number, code?: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code: code ?? response.body.code });
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-02-27'));
    c = await t.committee();
    await setSeriesStart(t.dataSource.manager, c.committeeId, proposalNumberSeries(c.sessionId), 364);
    await setSeriesStart(t.dataSource.manager, c.committeeId, documentNumberSeries(c.unitIds.police, 'answer', 2021), 59);
    admin = await t.as(c.username('anyang-admin'));
    member = await t.as(c.username('yuanyuan'));
    staff = await t.as(c.username('anyang-staff'));
    drafter = await t.as(c.username('chending'));
    drafter2 = await t.as(c.username('wangpeng'));
    leader = await t.as(c.username('guochengji'));
    offices = await Promise.all(['anyang-swb', 'anyang-zfb', 'anyang-tawb'].map((name) => t.as(c.username(name))));

    const created = await admin.post('/api/admin/users', {
      username: `lifang-${c.tag}`,
      displayName: '李芳',
      password: 'cppcc-demo-2026',
      memberships: [{ role: 'member' }],
    });
    expect(created.status).toBe(201);
    otherMember = await t.as(`lifang-${c.tag}`);
    const financeDrafter = await admin.post('/api/admin/users', {
      username: `zhaolei-${c.tag}`,
      displayName: '赵磊',
      password: 'cppcc-demo-2026',
      memberships: [{ role: 'drafter', unitId: c.unitIds.finance }],
    });
    expect(financeDrafter.status).toBe(201);
    otherUnitDrafter = await t.as(`zhaolei-${c.tag}`);
    const lanzhou = await t.committee((await import('#app/demo')).LANZHOU);
    outsider = await t.as(lanzhou.username('lanzhou-staff'));
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses anonymous callers on every non-public route', async () => {
    for (const path of ['/api/proposals', '/api/assignments', '/api/replies', '/api/notifications', '/api/admin/units']) {
      const response = await t.http().get(path);
      expectError(response, 401, 'UNAUTHENTICATED');
    }
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.checks).toEqual({ database: 'up', redis: 'up' });
  });

  it('lets the member draft the proposal, rejecting bad input by field', async () => {
    const missing = await member.post('/api/proposals', { sessionId: c.sessionId, body: ANYANG_PROPOSAL_365.body });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.message).toContain('title');
    const unknown = await member.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365, status: 'filed' });
    expectError(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.message).toContain('status');
    const wrongSession = await member.post('/api/proposals', { ...ANYANG_PROPOSAL_365, sessionId: '00000000-0000-4000-8000-000000000000' });
    expectError(wrongSession, 400, 'SESSION_NOT_FOUND');
    expectError(await drafter.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365 }), 403, 'PERMISSION_DENIED');
    expectError(await staff.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365 }), 400, 'PROPOSER_REQUIRED');
    expect((await member.get('/api/proposals')).body.total).toBe(0);

    const response = await member.post('/api/proposals', { sessionId: c.sessionId, ...ANYANG_PROPOSAL_365 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'draft', number: null, title: ANYANG_PROPOSAL_365.title, version: 1 });
    expect(response.body.proposers).toEqual([{ userId: c.userId('yuanyuan'), displayName: '袁媛', role: 'lead', viaProposalId: null }]);
    proposal = response.body;
  });

  it('submits it as a plenary proposal; strangers and stale versions change nothing', async () => {
    expectError(await otherMember.post(`/api/proposals/${proposal.id}/submit`, { version: 1 }), 404, 'PROPOSAL_NOT_FOUND');
    expectError(await otherMember.get(`/api/proposals/${proposal.id}`), 404, 'PROPOSAL_NOT_FOUND');
    expectError(await outsider.get(`/api/proposals/${proposal.id}`), 404, 'PROPOSAL_NOT_FOUND');
    expectError(await member.post(`/api/proposals/${proposal.id}/submit`, { version: 7 }), 409, 'STALE_VERSION');
    expectError(await member.post(`/api/proposals/${proposal.id}/submit`, {}), 400, 'VALIDATION_FAILED');
    expectError(await member.post('/api/proposals/not-a-uuid/submit', { version: 1 }), 400, 'VALIDATION_FAILED');
    expect((await member.get(`/api/proposals/${proposal.id}`)).body).toMatchObject({ status: 'draft', version: 1 });

    const response = await member.post(`/api/proposals/${proposal.id}/submit`, { version: 1 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'submitted', kind: 'plenary', version: 2 });
    proposal = response.body;
    expectError(await member.post(`/api/proposals/${proposal.id}/submit`, { version: 2 }), 409, 'PROPOSAL_ILLEGAL_TRANSITION');
  });

  it('is filed by the committee as No. 365, in order and by staff only', async () => {
    t.clock.set(chinaTime('2021-03-15'));
    expectError(await member.post(`/api/proposals/${proposal.id}/file`, { version: 2 }), 403, 'PERMISSION_DENIED');
    expectError(await staff.post(`/api/proposals/${proposal.id}/file`, { version: 2 }), 409, 'PROPOSAL_ILLEGAL_TRANSITION');
    expect((await staff.get(`/api/proposals/${proposal.id}`)).body).toMatchObject({ status: 'submitted', number: null, version: 2 });

    const review = await staff.post(`/api/proposals/${proposal.id}/start-review`, { version: 2 });
    expect(review.body).toMatchObject({ status: 'under_review', version: 3 });
    const filed = await staff.post(`/api/proposals/${proposal.id}/file`, { version: 3 });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', number: 365, version: 4 });
    proposal = filed.body;
    const inbox = await member.get('/api/notifications');
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain('您的提案《关于严厉打击金融理财诈骗的提案》已立案，编号第365号');
  });

  it('is assigned to 安阳市公安局 with a due date that explains itself and planned reminders', async () => {
    t.clock.set(chinaTime('2021-08-05'));
    const path = `/api/proposals/${proposal.id}/assignments`;
    expectError(await drafter.post(path, { version: 4, leadUnitId: c.unitIds.police }), 403, 'PERMISSION_DENIED');
    expectError(await staff.post(path, { version: 4, leadUnitId: c.unitIds['office-party'] }), 400, 'UNIT_NOT_HANDLING');
    expectError(await staff.post(path, { version: 3, leadUnitId: c.unitIds.police }), 409, 'STALE_VERSION');
    expectError(await staff.post(path, { version: 4, leadUnitId: c.unitIds.police, replyDueDate: '2021-13-01' }), 400, 'VALIDATION_FAILED');
    expect((await staff.get('/api/assignments')).body.total).toBe(0);

    const response = await staff.post(path, { version: 4, leadUnitId: c.unitIds.police });
    expect(response.status).toBe(201);
    expect(response.body.assignments).toHaveLength(1);
    expect(response.body.assignments[0]).toMatchObject({
      proposalNumber: 365,
      unitName: '安阳市公安局',
      role: 'lead',
      status: 'assigned',
      dueKind: 'reply',
      dueDate: '2021-11-05',
      dueExplanation: { rule: 'reply', start: '2021-08-05', amount: 3, unit: 'calendar_months', due: '2021-11-05' },
    });
    assignment = response.body.assignments[0];
    expect((await staff.get(`/api/proposals/${proposal.id}`)).body.status).toBe('assigned');

    const reminders: Array<{ id: string; point: string; status: string }> = await t.dataSource.query(
      `SELECT r.id, r.point, r.status FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       WHERE d.assignment_id = $1 ORDER BY r.fire_at, r.point`,
      [assignment.id],
    );
    expect(reminders.map((r) => r.point)).toEqual([
      'adjustment_window-1d',
      'reply-30d',
      'reply-15d',
      'reply-7d',
      'reply-0d',
      'reply-overdue-7d',
    ]);
    const deadlines = (await staff.get(`/api/assignments/${assignment.id}`)).body.deadlines;
    expect(deadlines.map((d: { kind: string; dueDate: string; status: string }) => [d.kind, d.dueDate, d.status])).toEqual([
      ['adjustment_window', '2021-08-12', 'open'],
      ['first_contact', '2021-08-26', 'open'],
      ['reply', '2021-11-05', 'open'],
    ]);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reminders));
    const job = await queue.getJob(reminderJobId({ reminderId: reminders[1].id }));
    expect(job?.data).toEqual({ reminderId: reminders[1].id });
    const drafterInbox = await drafter.get('/api/notifications?unread=true');
    expect(drafterInbox.body.items[0].title).toContain('第365号提案');
  });

  it('is accepted (签收) by its unit only', async () => {
    expectError(await otherUnitDrafter.get(`/api/assignments/${assignment.id}`), 404, 'ASSIGNMENT_NOT_FOUND');
    expectError(await otherUnitDrafter.post(`/api/assignments/${assignment.id}/accept`, { version: 1 }), 404, 'ASSIGNMENT_NOT_FOUND');
    expectError(await member.post(`/api/assignments/${assignment.id}/accept`, { version: 1 }), 403, 'PERMISSION_DENIED');
    expect((await otherUnitDrafter.get('/api/assignments')).body.total).toBe(0);
    expect((await drafter.get('/api/assignments')).body.items.map((a: { id: string }) => a.id)).toEqual([assignment.id]);

    t.clock.set(chinaTime('2021-08-06'));
    const accepted = await drafter.post(`/api/assignments/${assignment.id}/accept`, { version: 1 });
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 2 });
    expect((await member.get(`/api/proposals/${proposal.id}`)).body.status).toBe('in_handling');
    expectError(await drafter.post(`/api/assignments/${assignment.id}/accept`, { version: 2 }), 409, 'ASSIGNMENT_ILLEGAL_TRANSITION');
  });

  it('gets a reply drafted with its generated parts; bad drafts are refused', async () => {
    t.clock.set(chinaTime('2021-10-20'));
    const path = `/api/assignments/${assignment.id}/replies`;
    expectError(await drafter.post(path, { grade: 'E' }), 400, 'GRADE_UNKNOWN');
    expectError(await drafter.post(path, { contactUnitId: c.unitIds.finance }), 400, 'CONTACT_UNIT_OUTSIDE');
    expectError(await drafter.post(path, { contacts: [{ name: '陈丁', phone: 'call me' }] }), 400, 'VALIDATION_FAILED');
    expectError(await otherUnitDrafter.post(path, {}), 404, 'ASSIGNMENT_NOT_FOUND');
    expectError(await leader.post(path, {}), 403, 'PERMISSION_DENIED');

    const draft = await drafter.post(path, { grade: 'A' });
    expect(draft.status).toBe(201);
    expect(draft.body.document).toMatchObject({
      docNumber: null,
      signer: null,
      grade: 'A',
      issuingUnit: '安阳市公安局',
      title: '关于对政协十三届安阳市委员会四次会议第365号提案的答复',
      addressee: '尊敬的袁媛委员：',
      opening: '您提出的《关于严厉打击金融理财诈骗的提案》已收悉，非常感谢您对公安工作的关心和提出的建议。',
      copies: ['市委办公室', '市政府办公室', '市政协提案委'],
      date: null,
    });
    reply = draft.body;
    expectError(await drafter.post(path, {}), 409, 'REPLY_EXISTS');
    expectError(await member.get(`/api/replies/${reply.id}`), 404, 'REPLY_NOT_FOUND');
    expectError(await offices[0].get(`/api/replies/${reply.id}`), 404, 'REPLY_NOT_FOUND');

    const incomplete = await drafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version });
    expectError(incomplete, 400, 'REPLY_INCOMPLETE');
    expect(incomplete.body.details.missing).toEqual(['body', 'contactUnitId', 'contacts']);
  });

  it('goes to the leader, is sent back with a reason, and comes back', async () => {
    const edited = await drafter.put(`/api/replies/${reply.id}`, {
      version: reply.version,
      body: anyangReplyBody(),
      contactUnitId: c.unitIds['police-economic'],
      contacts: ANYANG_CONTACTS,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.versionCount).toBe(2);
    expectError(await drafter.put(`/api/replies/${reply.id}`, { version: reply.version, body: 'lost update' }), 409, 'STALE_VERSION');
    reply = edited.body;

    const submitted = await drafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version });
    expect(submitted.body.status).toBe('awaiting_signoff');
    reply = submitted.body;
    expectError(await drafter.put(`/api/replies/${reply.id}`, { version: reply.version, body: 'x' }), 409, 'REPLY_ILLEGAL_TRANSITION');
    expectError(await leader.post(`/api/replies/${reply.id}/return`, { version: reply.version }), 400, 'VALIDATION_FAILED');
    expectError(await drafter.post(`/api/replies/${reply.id}/return`, { version: reply.version, reason: '请核实' }), 403, 'PERMISSION_DENIED');

    const returned = await leader.post(`/api/replies/${reply.id}/return`, { version: reply.version, reason: '请核实第二部分的数据' });
    expect(returned.body).toMatchObject({ status: 'drafting', returnReason: '请核实第二部分的数据' });
    reply = returned.body;
    const again = await drafter.post(`/api/replies/${reply.id}/submit`, { version: reply.version });
    expect(again.body).toMatchObject({ status: 'awaiting_signoff', returnReason: null });
    reply = again.body;
  });

  it('is signed off by a leader who wrote no version, taking 安公警〔2021〕60号', async () => {
    // 王鹏 becomes a leader too; having written a version, he still may not sign.
    const back = await leader.post(`/api/replies/${reply.id}/return`, { version: reply.version, reason: '补充联系人' });
    reply = back.body;
    const edited = await drafter2.put(`/api/replies/${reply.id}`, { version: reply.version, contacts: ANYANG_CONTACTS });
    reply = edited.body;
    reply = (await drafter2.post(`/api/replies/${reply.id}/submit`, { version: reply.version })).body;
    const promote = await admin.post(`/api/admin/users/${c.userId('wangpeng')}/memberships`, { role: 'leader', unitId: c.unitIds.police });
    expect(promote.status).toBe(201);
    expectError(await drafter2.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }), 401, 'TOKEN_REVOKED');
    const wangAsLeader = await t.as(c.username('wangpeng'));
    expectError(await wangAsLeader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }), 403, 'SIGNER_IS_AUTHOR');
    expectError(await drafter.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }), 403, 'PERMISSION_DENIED');
    expectError(await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'none' }), 400, 'DISCLOSURE_NOTE_REQUIRED');
    expectError(await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'secret' }), 400, 'VALIDATION_FAILED');
    expectError(await leader.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version }), 409, 'REPLY_ILLEGAL_TRANSITION');
    const series: Array<{ last_value: number }> = await t.dataSource.query(
      'SELECT last_value FROM number_series WHERE committee_id = $1 AND series = $2',
      [c.committeeId, documentNumberSeries(c.unitIds.police, 'answer', 2021)],
    );
    expect(series[0].last_value).toBe(59);

    t.clock.set(chinaTime('2021-11-01', 9));
    const signed = await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' });
    expect(signed.status).toBe(200);
    expect(signed.body.document).toMatchObject({ docNumber: '安公警〔2021〕60号', signer: '郭成吉', date: '2021-11-01', grade: 'A' });
    expect(signed.body.disclosure).toBe('full');
    reply = signed.body;
    expectError(await leader.post(`/api/replies/${reply.id}/sign-off`, { version: reply.version, disclosure: 'full' }), 409, 'REPLY_ILLEGAL_TRANSITION');
  });

  it('is dispatched: the member and every copied office can read it, and it matches the Anyang reply', async () => {
    expectError(await member.get(`/api/replies/${reply.id}`), 404, 'REPLY_NOT_FOUND');
    expectError(await otherUnitDrafter.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version }), 404, 'REPLY_NOT_FOUND');
    const dispatched = await drafter.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version });
    expect(dispatched.body.status).toBe('dispatched');
    reply = dispatched.body;
    expect((await member.get(`/api/proposals/${proposal.id}`)).body.status).toBe('replied');
    expect((await drafter.get(`/api/assignments/${assignment.id}`)).body.status).toBe('replied');

    const seen = await member.get(`/api/replies/${reply.id}`);
    expect(seen.status).toBe(200);
    for (const office of offices) {
      const copy = await office.get(`/api/replies/${reply.id}`);
      expect(copy.status).toBe(200);
      expectError(await office.post(`/api/replies/${reply.id}/dispatch`, { version: reply.version }), 403, 'PERMISSION_DENIED');
      expect((await office.get('/api/notifications')).body.items[0].kind).toBe('reply.copied');
    }
    const unread: unknown[] = await t.dataSource.query('SELECT 1 FROM reply_copies WHERE reply_id = $1 AND read_at IS NULL', [reply.id]);
    expect(unread).toHaveLength(0);
    expectError(await otherMember.get(`/api/replies/${reply.id}`), 404, 'REPLY_NOT_FOUND');
    expectError(await outsider.get(`/api/replies/${reply.id}`), 404, 'REPLY_NOT_FOUND');

    // The generated parts, checked against the seed text of the real reply, in the order printed there.
    const seed = readSeed(ANYANG_REPLY_FILE).replace(' [', '〔').replace(']', '〕');
    const lines = seen.body.text.split('\n').filter((line: string) => line.trim());
    const generated = [
      '安公警〔2021〕60号',
      '郭成吉',
      '办理结果：A',
      '安阳市公安局',
      '关于对政协十三届安阳市委员会四次会议',
      '第365号提案的答复',
      '尊敬的袁媛委员：',
      '您提出的《关于严厉打击金融理财诈骗的提案》已收悉，非常感谢您对公安工作的关心和提出的建议。',
      '联系单位：安阳市公安局经侦支队',
      '陈丁    王鹏',
      '5156739   5156055',
      '抄送：市委办公室、市政府办公室、市政协提案委',
      '2021年11月1日',
    ];
    let seedAt = -1;
    let textAt = -1;
    for (const element of generated) {
      const inSeed = seed.indexOf(element, seedAt + 1);
      const inText = seen.body.text.indexOf(element.replace(/^第365号/, ''), textAt + 1);
      expect({ element, inSeed: inSeed > seedAt, inText: inText > textAt }).toEqual({ element, inSeed: true, inText: true });
      seedAt = inSeed;
      textAt = inText;
    }
    expect(lines[0]).toBe('安公警〔2021〕60号    签发人：郭成吉');
    expect(seen.body.text).toContain(anyangReplyBody());
  });

  it('takes the member’s feedback (only theirs, only once)', async () => {
    const path = `/api/proposals/${proposal.id}/feedback`;
    const form = { satisfaction: 'satisfied', contacted: true, answered: true, comments: '答复认真，措施具体' };
    expectError(await staff.post(path, form), 403, 'PERMISSION_DENIED');
    expectError(await otherMember.post(path, form), 404, 'PROPOSAL_NOT_FOUND');
    expectError(await member.post(path, { ...form, satisfaction: 'happy' }), 400, 'VALIDATION_FAILED');
    expectError(await member.post(path, { satisfaction: 'satisfied' }), 400, 'VALIDATION_FAILED');
    expectError(await staff.post(`/api/proposals/${proposal.id}/close`, { version: (await staff.get(`/api/proposals/${proposal.id}`)).body.version }), 409, 'FEEDBACK_MISSING');

    const given = await member.post(path, form);
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ satisfaction: 'satisfied', contacted: true, answered: true });
    expectError(await member.post(path, form), 409, 'FEEDBACK_EXISTS');
    const visibleToUnit = await drafter.get(path);
    expect(visibleToUnit.body).toHaveLength(1);
  });

  it('is closed (办结) by the committee, with every step in the audit trail', async () => {
    const current = (await staff.get(`/api/proposals/${proposal.id}`)).body;
    expectError(await member.post(`/api/proposals/${proposal.id}/close`, { version: current.version }), 403, 'PERMISSION_DENIED');
    expectError(await staff.post(`/api/proposals/${proposal.id}/close`, { version: current.version - 1 }), 409, 'STALE_VERSION');
    const closed = await staff.post(`/api/proposals/${proposal.id}/close`, { version: current.version });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await drafter.get(`/api/assignments/${assignment.id}`)).body.status).toBe('closed');
    expectError(await staff.post(`/api/proposals/${proposal.id}/close`, { version: closed.body.version }), 409, 'PROPOSAL_ILLEGAL_TRANSITION');

    const trail = await staff.get(`/api/audit/${proposal.id}`);
    expect(trail.body.map((entry: { action: string }) => entry.action)).toEqual([
      'proposal.created',
      'proposal.submit',
      'proposal.start-review',
      'proposal.file',
      'proposal.assign',
      'proposal.start-handling',
      'proposal.reply',
      'proposal.close',
    ]);
    expectError(await member.get(`/api/audit/${proposal.id}`), 403, 'PERMISSION_DENIED');
    const pending: unknown[] = await t.dataSource.query(
      "SELECT 1 FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.assignment_id = $1 AND r.status = 'planned'",
      [assignment.id],
    );
    expect(pending).toHaveLength(0);
    const ended = (await staff.get(`/api/assignments/${assignment.id}`)).body.deadlines;
    expect(ended.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([
      ['adjustment_window', 'met'],
      ['first_contact', 'cancelled'],
      ['reply', 'met'],
      ['feedback', 'met'],
    ]);
  });
});
