export * from './audit-entry.entity.js';
export * from './audit.service.js';
export * from './audit.module.js';
export * from './audit-chain.js';
export * from './audit-chain-head.entity.js';
export * from './audit-chain-writer.js';
