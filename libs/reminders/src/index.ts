export * from './reminder.entity.js';
export * from './reminder-plan.js';
export * from './reminders.service.js';
export * from './reminders.module.js';
export * from './reminder-delivery.service.js';
export * from './schedule-warning.service.js';
export * from './reminder-context.js';
export * from './reminder-backlog.js';
