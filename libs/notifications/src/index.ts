export * from './notification.entity.js';
export * from './notifications.service.js';
export * from './notifications.module.js';
