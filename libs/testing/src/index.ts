export * from './demo-committee.factory.js';
