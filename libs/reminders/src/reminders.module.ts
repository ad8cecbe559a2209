import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ReminderDeliveryService } from './reminder-delivery.service.js';
import { RemindersService } from './reminders.service.js';

@Module({
  imports: [NotificationsModule, OrgModule],
  providers: [RemindersService, ReminderDeliveryService],
  exports: [RemindersService, ReminderDeliveryService],
})
export class RemindersModule {}
