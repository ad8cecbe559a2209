import { Module } from '@nestjs/common';
import { NotificationsModule } from '#app/notifications';
import { OrgModule } from '#app/org';
import { ReminderDeliveryService } from './reminder-delivery.service.js';
import { RemindersListener } from './reminders.listener.js';
import { RemindersService } from './reminders.service.js';
import { ScheduleWarningService } from './schedule-warning.service.js';

@Module({
  imports: [NotificationsModule, OrgModule],
  providers: [RemindersService, ReminderDeliveryService, ScheduleWarningService, RemindersListener],
  exports: [RemindersService, ReminderDeliveryService, ScheduleWarningService],
})
export class RemindersModule {}
