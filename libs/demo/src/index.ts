export * from './demo-org.js';
export * from './demo-history.js';
export * from './seed-texts.js';
export * from './demo-proposal-history.js';
export * from './demo-proposal-import.js';
