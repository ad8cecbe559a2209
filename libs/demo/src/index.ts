export * from './demo-org.js';
export * from './demo-history.js';
export * from './seed-texts.js';
