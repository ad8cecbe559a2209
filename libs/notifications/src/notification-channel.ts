import type { NotificationDelivery } from './notification-delivery.entity.js';
import type { Notification } from './notification.entity.js';

/** One way of sending a notice outside the app. `send` resolves once the message is accepted, or throws. */
export interface NotificationChannel {
  send(delivery: NotificationDelivery, notification: Notification): Promise<void>;
}
