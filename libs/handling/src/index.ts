export * from './assignment.entity.js';
export * from './assignment-status.js';
export * from './handling.policy.js';
export * from './handling.service.js';
export * from './handling.module.js';
