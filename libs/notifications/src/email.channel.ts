import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Mail } from 'nodemailer';
import { AppConfig } from '#app/core';
import { emailMessage } from './delivery-plan.js';
import type { NotificationChannel } from './notification-channel.js';
import type { NotificationDelivery } from './notification-delivery.entity.js';
import type { Notification } from './notification.entity.js';

/** E-mail over SMTP (nodemailer), to the server in SMTP_URL, from MAIL_FROM. */
@Injectable()
export class EmailChannel implements NotificationChannel, OnModuleDestroy {
  private transporter: Mail | undefined;

  constructor(private readonly config: AppConfig) {}

  async send(delivery: NotificationDelivery, notification: Notification): Promise<void> {
    const { subject, text } = emailMessage(notification, this.config.APP_BASE_URL);
    await this.transport().sendMail({ to: delivery.address, subject, text });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }

  private transport(): Mail {
    if (!this.config.SMTP_URL) throw new Error('e-mail is not configured (SMTP_URL is empty)');
    this.transporter ??= createTransport(
      // No pool: one connection per message, nothing left open between deliveries. The timeouts bound
      // how long a delivery holds its row lock when the server does not answer.
      { url: this.config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from: this.config.MAIL_FROM },
    );
    return this.transporter;
  }
}
