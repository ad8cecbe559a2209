export * from './figures.js';
export * from './statistics-sql.js';
export * from './statistics.policy.js';
export * from './statistics.service.js';
export * from './statistics.module.js';
export * from './excel.js';
export * from './labels.js';
export * from './exports.service.js';
