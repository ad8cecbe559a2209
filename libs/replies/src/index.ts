export * from './reply.entity.js';
export * from './reply-version.entity.js';
export * from './reply-copy.entity.js';
export * from './reply-status.js';
export * from './reply-document.js';
export * from './replies.policy.js';
export * from './replies.service.js';
export * from './replies.module.js';
