import { Module } from '@nestjs/common';
import { EmailChannel } from './email.channel.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationsService } from './notifications.service.js';
import { SmsChannel } from './sms.channel.js';

@Module({
  providers: [NotificationsService, NotificationDeliveryService, EmailChannel, SmsChannel],
  exports: [NotificationsService, NotificationDeliveryService],
})
export class NotificationsModule {}
