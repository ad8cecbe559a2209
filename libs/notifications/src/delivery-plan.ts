import type { AppConfig } from '#app/core';
import type { DeliveryChannel } from './notification-delivery.entity.js';
import type { Notification } from './notification.entity.js';

/** SMS is for deadline reminders and 催办 only; every other notice goes by e-mail and in-app. */
const SMS_KIND_PREFIXES = ['reminder.', 'urge.'];

/** The channels this deployment can send through: a channel without configuration gets no deliveries. */
export function enabledChannels(config: Pick<AppConfig, 'SMTP_URL' | 'SMS_GATEWAY_URL'>): ReadonlySet<DeliveryChannel> {
  const channels = new Set<DeliveryChannel>();
  if (config.SMTP_URL) channels.add('email');
  if (config.SMS_GATEWAY_URL) channels.add('sms');
  return channels;
}

/** Where one notice of `kind` goes besides the inbox, given the recipient's profile. */
export function plannedDeliveries(
  recipient: { email: string | null; phone: string | null },
  kind: string,
  enabled: ReadonlySet<DeliveryChannel>,
): Array<{ channel: DeliveryChannel; address: string }> {
  const planned: Array<{ channel: DeliveryChannel; address: string }> = [];
  const email = recipient.email?.trim();
  const phone = recipient.phone?.trim();
  if (enabled.has('email') && email) planned.push({ channel: 'email', address: email });
  if (enabled.has('sms') && phone && SMS_KIND_PREFIXES.some((prefix) => kind.startsWith(prefix))) {
    planned.push({ channel: 'sms', address: phone });
  }
  return planned;
}

const SENDER = '政协提案办理系统';

/** The e-mail of a notice: its title as the subject, and where to read more. */
export function emailMessage(notification: Pick<Notification, 'title'>, appBaseUrl: string): { subject: string; text: string } {
  return {
    subject: notification.title,
    text: `${notification.title}\n\n请登录${SENDER}查看详情：${appBaseUrl}\n\n（本邮件由系统自动发送，请勿直接回复。）\n`,
  };
}

/** The SMS of a notice, signed the way Chinese SMS gateways expect (【签名】 first). */
export function smsText(notification: Pick<Notification, 'title'>, appBaseUrl: string): string {
  const title = notification.title.replace(/[。！.!\s]+$/u, '');
  return `【${SENDER}】${title}。详情请登录 ${appBaseUrl}`;
}
