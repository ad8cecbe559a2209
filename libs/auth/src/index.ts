export * from './actor.js';
export * from './actor.resolver.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './decorators.js';
export * from './guards.js';
export * from './permissions.js';
export * from './refresh-token.entity.js';
