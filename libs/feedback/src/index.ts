export * from './feedback.entity.js';
export * from './feedback.service.js';
export * from './feedback.module.js';
export * from './consultation.entity.js';
export * from './rehandling.service.js';
export * from './consultations.service.js';
export * from './current-answers.js';
export * from './feedback.errors.js';
export * from './feedback.vocabulary.js';
// Last, so the libs it extends are loaded: what feedback's tables add to the libs below it (audit chains).
import './feedback-extensions.js';
