export * from './fonts.js';
export { assertSigned, breakTitle, CHAR_PITCH, GBT9704, LINE_PITCH, MM } from './gbt9704.js';
export * from './reply-docx.js';
export * from './reply-pdf.js';
