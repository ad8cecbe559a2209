export * from './demo-committee.factory.js';
export * from './free-port.js';
export * from './processes.js';
export * from './until.js';
