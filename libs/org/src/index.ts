export * from './committee.entity.js';
export * from './cppcc-session.entity.js';
export * from './membership.entity.js';
export * from './unit.entity.js';
export * from './user.entity.js';
export * from './org.service.js';
export * from './org.module.js';
