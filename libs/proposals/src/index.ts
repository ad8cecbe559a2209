export * from './proposal-status.js';
export * from './proposal.entity.js';
export * from './proposer.entity.js';
export * from './review-decision.entity.js';
export * from './proposals.policy.js';
export * from './proposals.service.js';
export * from './proposals.module.js';
