import { Injectable } from '@nestjs/common';
import { AppConfig } from '#app/core';
import { smsText } from './delivery-plan.js';
import type { NotificationChannel } from './notification-channel.js';
import type { NotificationDelivery } from './notification-delivery.entity.js';
import type { Notification } from './notification.entity.js';

/** A slow gateway must not hold a delivery's row lock (and a database connection) for long. */
const SMS_TIMEOUT_MS = 5_000;

/** SMS through an HTTP gateway: POST {to, text} as JSON with a bearer token; anything but 2xx is a failure. */
@Injectable()
export class SmsChannel implements NotificationChannel {
  constructor(private readonly config: AppConfig) {}

  async send(delivery: NotificationDelivery, notification: Notification): Promise<void> {
    if (!this.config.SMS_GATEWAY_URL) throw new Error('SMS is not configured (SMS_GATEWAY_URL is empty)');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.config.SMS_GATEWAY_TOKEN) headers.authorization = `Bearer ${this.config.SMS_GATEWAY_TOKEN}`;
    const response = await fetch(this.config.SMS_GATEWAY_URL, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: delivery.address, text: smsText(notification, this.config.APP_BASE_URL) }),
      signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
    });
    const answer = await response.text(); // read in full, so the connection is released
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}: ${answer.slice(0, 200)}`);
  }
}
