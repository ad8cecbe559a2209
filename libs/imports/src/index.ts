export * from './import-kinds.js';
export * from './import-report.js';
export * from './import-workbook.js';
export * from './imports.service.js';
export * from './imports.module.js';
export { ROLE_LABELS } from './people-import.js';
export * from './import-workbook-writer.js';
export * from './imports.errors.js';
