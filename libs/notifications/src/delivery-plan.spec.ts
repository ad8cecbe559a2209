import { emailMessage, enabledChannels, plannedDeliveries, smsText } from './delivery-plan.js';

describe('delivery plan', () => {
  const both = enabledChannels({ SMTP_URL: 'smtp://127.0.0.1:25', SMS_GATEWAY_URL: 'http://127.0.0.1/sms' });
  const person = { email: 'chending@example.org', phone: '13800000000' };

  it('enables only the channels that are configured', () => {
    expect([...both].sort()).toEqual(['email', 'sms']);
    expect([...enabledChannels({ SMTP_URL: 'smtp://127.0.0.1:25', SMS_GATEWAY_URL: '' })]).toEqual(['email']);
    expect([...enabledChannels({ SMTP_URL: '', SMS_GATEWAY_URL: 'http://127.0.0.1/sms' })]).toEqual(['sms']);
    expect(enabledChannels({ SMTP_URL: '', SMS_GATEWAY_URL: '' }).size).toBe(0);
  });

  it('sends SMS only for deadline reminders and 催办, e-mail for every notice', () => {
    expect(plannedDeliveries(person, 'reminder.reply-due', both)).toEqual([
      { channel: 'email', address: 'chending@example.org' },
      { channel: 'sms', address: '13800000000' },
    ]);
    expect(plannedDeliveries(person, 'urge.reply', both).map((d) => d.channel)).toEqual(['email', 'sms']);
    expect(plannedDeliveries(person, 'reply.awaiting-signoff', both)).toEqual([{ channel: 'email', address: 'chending@example.org' }]);
    expect(plannedDeliveries(person, 'reminderx', both).map((d) => d.channel)).toEqual(['email']);
  });

  it('plans nothing for a missing address or an unconfigured channel', () => {
    expect(plannedDeliveries({ email: null, phone: null }, 'reminder.reply-due', both)).toEqual([]);
    expect(plannedDeliveries({ email: '  ', phone: '' }, 'reminder.reply-due', both)).toEqual([]);
    expect(plannedDeliveries({ email: null, phone: '13800000000' }, 'reminder.reply-due', both)).toEqual([{ channel: 'sms', address: '13800000000' }]);
    expect(plannedDeliveries(person, 'reminder.reply-due', enabledChannels({ SMTP_URL: '', SMS_GATEWAY_URL: '' }))).toEqual([]);
    expect(plannedDeliveries(person, 'reminder.reply-due', enabledChannels({ SMTP_URL: '', SMS_GATEWAY_URL: 'http://g/sms' }))).toEqual([
      { channel: 'sms', address: '13800000000' },
    ]);
  });

  it('writes the messages in Chinese with a link to the system', () => {
    const notice = { title: '第365号提案将于2021-11-05到办复期限，请按期答复' };
    expect(emailMessage(notice, 'https://zx.example.org')).toEqual({
      subject: '第365号提案将于2021-11-05到办复期限，请按期答复',
      text: expect.stringContaining('请登录政协提案办理系统查看详情：https://zx.example.org'),
    });
    expect(smsText(notice, 'https://zx.example.org')).toBe(
      '【政协提案办理系统】第365号提案将于2021-11-05到办复期限，请按期答复。详情请登录 https://zx.example.org',
    );
    expect(smsText({ title: '请尽快答复。' }, 'http://localhost:3000')).toBe('【政协提案办理系统】请尽快答复。详情请登录 http://localhost:3000');
  });
});
