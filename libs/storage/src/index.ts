export * from './object-store.js';
export * from './object-key.js';
export * from './storage.errors.js';
export * from './disk-object-store.js';
export * from './s3-object-store.js';
export * from './storage.module.js';
