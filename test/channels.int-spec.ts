import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { deleteRedisKeys, deliveryJobId, loadConfig, QUEUES } from '#app/core';
import { chinaTime } from '#app/demo';
import { NotificationDeliveryService, NotificationsService, type NotifyInput } from '#app/notifications';
import { Scenario } from './helpers/scenario.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { type TestCommittee, until } from '#app/testing';
import { startInProcessWorker } from './helpers/worker.js';

const SMTP_USER = 'notices';
const SMTP_PASSWORD = 's3cret-pass';
const SMS_TOKEN = 'sms-test-token-123';
const APP_BASE_URL = 'https://zx.example.org';

interface DeliveryRow {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
}

interface SmsRequest {
  method: string | undefined;
  path: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  body: { to?: string; text?: string };
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
async function startMailbox(): Promise<{ port: number; messages: ParsedMail[]; logins: string[]; close(): Promise<void> }> {
  const messages: ParsedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username !== SMTP_USER || auth.password !== SMTP_PASSWORD) return callback(new Error('invalid login'));
      logins.push(auth.username);
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A local HTTP SMS gateway that records every request and answers with `status`. */
async function startGateway(): Promise<{ port: number; requests: SmsRequest[]; status: number; close(): Promise<void> }> {
  const gateway = { port: 0, requests: [] as SmsRequest[], status: 200, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      gateway.requests.push({
        method: request.method,
        path: request.url,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: JSON.parse(raw) as SmsRequest['body'],
      });
      response.writeHead(gateway.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(gateway.status < 300 ? { accepted: true } : { error: 'gateway unavailable' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway.port = (server.address() as AddressInfo).port;
  gateway.close = () =>
    new Promise<undefined>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    });
  return gateway;
}

/** E-mail over a real SMTP server and SMS through a real HTTP gateway, from the outbox in PostgreSQL. */
describe('e-mail and SMS deliveries', () => {
  const savedEnv = { ...process.env };
  const redisPrefix = `${process.env.REDIS_PREFIX ?? 'cppcc-test'}-channels`;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let t: TestApp;
  let c: TestCommittee;
  let deliveries: NotificationDeliveryService;
  let keys = 0;

  const setContact = (user: string, email: string | null, phone: string | null): Promise<unknown> =>
    t.dataSource.query('UPDATE users SET email = $2, phone = $3 WHERE id = $1', [c.userId(user), email, phone]);

  /** Writes a notice the way the business services do: in a transaction, at the clock's time. */
  const notify = (input: Partial<NotifyInput> & Pick<NotifyInput, 'recipientUserIds' | 'kind' | 'title'>): Promise<number> =>
    t.dataSource.transaction((manager) =>
      t.app.get(NotificationsService).notify(manager, {
        committeeId: c.committeeId,
        subject: { entity: 'assignment', id: '00000000-0000-4000-8000-000000000000' },
        dedupeKey: `channels-test-${(keys += 1)}`,
        at: t.clock.now(),
        ...input,
      }),
    );

  const deliveriesOf = (userId: string, kind: string): Promise<DeliveryRow[]> =>
    t.dataSource.query(
      `SELECT d.id, d.channel, d.address, d.status, d.attempts, d.last_error, d.next_attempt_at, d.sent_at
       FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE n.recipient_user_id = $1 AND n.kind = $2 ORDER BY d.channel`,
      [userId, kind],
    );
  const row = async (id: string): Promise<DeliveryRow> =>
    (await t.dataSource.query('SELECT * FROM notification_deliveries WHERE id = $1', [id]))[0] as DeliveryRow;
  const mailsTo = (address: string): ParsedMail[] => mailbox.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === address);
  const smsTo = (phone: string): SmsRequest[] => gateway.requests.filter((request) => request.body.to === phone);

  beforeAll(async () => {
    mailbox = await startMailbox();
    gateway = await startGateway();
    // AppConfig reads the environment when the app is created. The queues get a prefix of their own, so
    // the worker below never takes jobs meant for another spec's worker (or the other way round).
    process.env.SMTP_URL = `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${mailbox.port}`;
    process.env.SMS_GATEWAY_URL = `http://127.0.0.1:${gateway.port}/v1/sms`;
    process.env.SMS_GATEWAY_TOKEN = SMS_TOKEN;
    process.env.APP_BASE_URL = APP_BASE_URL;
    process.env.REDIS_PREFIX = redisPrefix;
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    deliveries = t.app.get(NotificationDeliveryService);
  });

  afterAll(async () => {
    await t?.close();
    await mailbox?.close();
    await gateway?.close();
    process.env = savedEnv;
    await deleteRedisKeys(savedEnv.REDIS_URL ?? 'redis://127.0.0.1:6379', redisPrefix);
  });

  it('are written with the notice: e-mail for every notice, SMS only for reminders and 催办, none for a repeated notice', async () => {
    await setContact('yuanyuan', `yuanyuan-${c.tag}@example.org`, '13800000001');
    await setContact('wangpeng', null, '13800000002');
    await setContact('anyang-staff', null, null);
    const recipients = [c.userId('yuanyuan'), c.userId('wangpeng'), c.userId('anyang-staff')];
    const input = { recipientUserIds: recipients, kind: 'reminder.reply-due', title: '第1号提案将于2021-06-01到办复期限，请按期答复', dedupeKey: `reminder-plan-${c.tag}` };

    expect(await notify(input)).toBe(3);
    const yuanyuan = await deliveriesOf(c.userId('yuanyuan'), 'reminder.reply-due');
    expect(yuanyuan.map((d) => [d.channel, d.address, d.status, d.attempts])).toEqual([
      ['email', `yuanyuan-${c.tag}@example.org`, 'pending', 0],
      ['sms', '13800000001', 'pending', 0],
    ]);
    expect(yuanyuan[0].next_attempt_at.toISOString()).toBe(t.clock.now().toISOString());
    expect((await deliveriesOf(c.userId('wangpeng'), 'reminder.reply-due')).map((d) => [d.channel, d.address])).toEqual([['sms', '13800000002']]);
    expect(await deliveriesOf(c.userId('anyang-staff'), 'reminder.reply-due')).toEqual([]);

    // A deactivated account gets its in-app notice but no e-mail or SMS.
    await setContact('anyang-swb', `swb-${c.tag}@example.org`, '13800000008');
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [c.userId('anyang-swb')]);
    expect(await notify({ recipientUserIds: [c.userId('anyang-swb')], kind: 'reminder.reply-due', title: '已停用账号的提醒' })).toBe(1);
    expect(await deliveriesOf(c.userId('anyang-swb'), 'reminder.reply-due')).toEqual([]);

    // A deployment without SMTP_URL and SMS_GATEWAY_URL writes the notice and no deliveries at all.
    const unconfigured = new NotificationsService(t.dataSource, loadConfig({}));
    const written = await t.dataSource.transaction((manager) =>
      unconfigured.notify(manager, {
        committeeId: c.committeeId,
        recipientUserIds: [c.userId('yuanyuan')],
        kind: 'reminder.reply-due',
        title: '未配置推送渠道时的提醒',
        subject: { entity: 'assignment', id: '00000000-0000-4000-8000-000000000000' },
        dedupeKey: `unconfigured-${c.tag}`,
        at: t.clock.now(),
      }),
    );
    expect(written).toBe(1);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(d.id)::int AS n FROM notifications n LEFT JOIN notification_deliveries d ON d.notification_id = n.id WHERE n.dedupe_key = $1',
      [`unconfigured-${c.tag}`],
    );
    expect(n).toBe(0);

    // The same notice again (a retried job): no new notice, so no second delivery either.
    expect(await notify(input)).toBe(0);
    expect(await deliveriesOf(c.userId('yuanyuan'), 'reminder.reply-due')).toHaveLength(2);

    // A real flow: filing notifies the proposer, by e-mail only (not a reminder).
    const s = new Scenario(t, c);
    await s.filed();
    expect((await deliveriesOf(c.userId('yuanyuan'), 'proposal.filed')).map((d) => [d.channel, d.address, d.status])).toEqual([
      ['email', `yuanyuan-${c.tag}@example.org`, 'pending'],
    ]);
  });

  it('send the e-mail over SMTP with the Chinese subject and the SMS to the gateway with its token, once each', async () => {
    const email = `chending-${c.tag}@example.org`;
    await setContact('chending', email, '13800000003');
    const title = '第2号提案今天到办复期限（2021-03-01），请尽快答复';
    await notify({ recipientUserIds: [c.userId('chending')], kind: 'reminder.reply-due', title });
    const [mail, sms] = await deliveriesOf(c.userId('chending'), 'reminder.reply-due');

    // Two workers at once (or a retried job): one sends, the other finds it locked or done.
    expect((await Promise.all([deliveries.deliver(mail.id), deliveries.deliver(mail.id)])).sort()).toEqual(['sent', 'skipped']);
    expect(await deliveries.deliver(sms.id)).toBe('sent');
    expect(await deliveries.deliver(mail.id)).toBe('skipped');
    expect(await deliveries.deliver(sms.id)).toBe('skipped');

    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(title);
    expect(mails[0].from?.value[0]).toEqual({ name: '政协提案办理系统', address: 'noreply@localhost' });
    expect(mails[0].text).toContain(title);
    expect(mails[0].text).toContain(`请登录政协提案办理系统查看详情：${APP_BASE_URL}`);
    expect(mailbox.logins).toContain(SMTP_USER);

    const texts = smsTo('13800000003');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ method: 'POST', path: '/v1/sms', authorization: `Bearer ${SMS_TOKEN}` });
    expect(texts[0].contentType).toMatch(/^application\/json/);
    expect(texts[0].body).toEqual({ to: '13800000003', text: `【政协提案办理系统】${title}。详情请登录 ${APP_BASE_URL}` });

    for (const id of [mail.id, sms.id]) {
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 0, last_error: null, sent_at: t.clock.now() });
    }
  });

  it('keep a failed SMS pending for a retry without holding up the e-mail, and send it when due after the gateway recovers', async () => {
    const email = `guochengji-${c.tag}@example.org`;
    await setContact('guochengji', email, '13800000004');
    await notify({ recipientUserIds: [c.userId('guochengji')], kind: 'urge.reply', title: '请尽快办理第3号提案' });
    const [mail, sms] = await deliveriesOf(c.userId('guochengji'), 'urge.reply');

    gateway.status = 500;
    const failedAt = t.clock.now();
    expect(await deliveries.deliver(sms.id)).toBe('retry');
    expect(await deliveries.deliver(mail.id)).toBe('sent');
    expect(mailsTo(email)).toHaveLength(1);
    const failed = await row(sms.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(failed.last_error).toMatch(/SMS gateway answered 500/);
    expect(failed.next_attempt_at.getTime()).toBe(failedAt.getTime() + 10_000);

    // Not due yet: the dispatcher leaves it alone.
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.deliveries));
    const jobId = deliveryJobId({ deliveryId: sms.id });
    await deliveries.dispatchDue();
    expect(await queue.getJob(jobId)).toBeUndefined();

    // Due, and the gateway is back: queued once (with the deliveries' retry options), then sent.
    gateway.status = 200;
    t.clock.advance(10_000);
    await deliveries.dispatchDue();
    await deliveries.dispatchDue();
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ deliveryId: sms.id });
    expect(job?.opts).toMatchObject({ attempts: 8, backoff: { type: 'exponential', delay: 10_000 } });
    expect(await deliveries.deliver(sms.id)).toBe('sent');
    expect(await row(sms.id)).toMatchObject({ status: 'sent', attempts: 1, sent_at: t.clock.now() });
    expect(smsTo('13800000004').map((request) => request.body.text)).toEqual([
      `【政协提案办理系统】请尽快办理第3号提案。详情请登录 ${APP_BASE_URL}`,
      `【政协提案办理系统】请尽快办理第3号提案。详情请登录 ${APP_BASE_URL}`,
    ]);
  });

  it('give up after 8 failed attempts, each later than the one before', async () => {
    await setContact('wangpeng', null, '13800000005');
    await notify({ recipientUserIds: [c.userId('wangpeng')], kind: 'reminder.reply-due', title: '第4号提案将于2021-06-01到办复期限' });
    const [sms] = await deliveriesOf(c.userId('wangpeng'), 'reminder.reply-due').then((rows) => rows.filter((d) => d.address === '13800000005'));

    gateway.status = 500;
    const outcomes: string[] = [];
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      outcomes.push(await deliveries.deliver(sms.id));
      const after = await row(sms.id);
      expect(after.attempts).toBe(attempt);
      delays.push(after.next_attempt_at.getTime() - t.clock.now().getTime());
      t.clock.set(after.next_attempt_at);
    }
    gateway.status = 200;
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'failed']);
    expect(delays.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 320, 640].map((seconds) => seconds * 1_000));
    const given = await row(sms.id);
    expect(given).toMatchObject({ status: 'failed', attempts: 8, sent_at: null });
    expect(given.last_error).toMatch(/500/);

    // Given up: neither sent again nor queued again.
    expect(await deliveries.deliver(sms.id)).toBe('skipped');
    t.clock.advance(24 * 3600_000);
    await deliveries.dispatchDue();
    expect(await t.app.get<Queue>(getQueueToken(QUEUES.deliveries)).getJob(deliveryJobId({ deliveryId: sms.id }))).toBeUndefined();
    expect(smsTo('13800000005')).toHaveLength(8);
  });

  it('are sent by the real worker on its schedule, retries included', async () => {
    await setContact('anyang-zfb', `zfb-${c.tag}@example.org`, '13800000006');
    await setContact('anyang-tawb', `tawb-${c.tag}@example.org`, '13800000007');
    await notify({ recipientUserIds: [c.userId('anyang-zfb')], kind: 'reminder.reply-due', title: '第5号提案将于2021-06-01到办复期限' });

    const worker = await startInProcessWorker(t.clock);
    try {
      const sent = async (userId: string, kind: string) => {
        const rows = await deliveriesOf(userId, kind);
        return rows.length === 2 && rows.every((d) => d.status === 'sent') ? rows : undefined;
      };
      await until(() => sent(c.userId('anyang-zfb'), 'reminder.reply-due'), 'the worker to send e-mail and SMS', 30_000);
      expect(mailsTo(`zfb-${c.tag}@example.org`).map((mail) => mail.subject)).toEqual(['第5号提案将于2021-06-01到办复期限']);
      expect(smsTo('13800000006')).toHaveLength(1);

      // The gateway fails once: the e-mail goes, the SMS waits for its retry, which the schedule picks up when due.
      gateway.status = 500;
      await notify({ recipientUserIds: [c.userId('anyang-tawb')], kind: 'reminder.reply-due', title: '第6号提案今天到办复期限' });
      const [, retrying] = await until(async () => {
        const rows = await deliveriesOf(c.userId('anyang-tawb'), 'reminder.reply-due');
        return rows.length === 2 && rows[0].status === 'sent' && rows[1].attempts === 1 ? rows : undefined;
      }, 'the first, failed SMS attempt', 30_000);
      expect(retrying).toMatchObject({ channel: 'sms', status: 'pending', attempts: 1 });
      gateway.status = 200;
      t.clock.advance(10_000);
      await until(() => sent(c.userId('anyang-tawb'), 'reminder.reply-due'), 'the SMS retry', 30_000);
      expect(smsTo('13800000007')).toHaveLength(2);
      expect(mailsTo(`tawb-${c.tag}@example.org`)).toHaveLength(1);
    } finally {
      await worker.close();
    }
    // Whatever else was pending and due (the notices of the first spec) went out as well, each once.
    expect(mailsTo(`yuanyuan-${c.tag}@example.org`)).toHaveLength(2);
    expect(smsTo('13800000001')).toHaveLength(1);
  }, 90_000);
});
