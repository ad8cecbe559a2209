export * from './demo-committee.factory.js';
export * from './free-port.js';
