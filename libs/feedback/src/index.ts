export * from './feedback.entity.js';
export * from './feedback.service.js';
export * from './feedback.module.js';
export * from './consultation.entity.js';
