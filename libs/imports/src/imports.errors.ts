import { codesOf, errorCode, type ErrorCatalog } from '#app/core';

/**
 * Every error code the imports lib answers with (a workbook that cannot be read as the template's, or a
 * confirm of a file with problems). The codes are what clients see and never change; throw sites use
 * {@link ImportsErrorCode}. Problems of single cells are not errors: they are the dry run's report.
 */
export const IMPORTS_ERRORS = {
  IMPORT_TOO_LARGE: errorCode.invalid('The file is larger than the import takes (10 MB; the upload edge answers 413)'),
  IMPORT_UNPACKED_TOO_LARGE: errorCode.invalid('The workbook unpacks to more than the import takes (80 MB)'),
  IMPORT_NOT_XLSX: errorCode.invalid('The file is not an .xlsx workbook (an .xls, another file, a broken zip)'),
  IMPORT_HIDDEN_SHEET: errorCode.invalid('The workbook has hidden sheets'),
  IMPORT_SHEET_MISSING: errorCode.invalid('The workbook lacks the template’s sheet'),
  IMPORT_MERGED_CELLS: errorCode.invalid('The sheet has merged cells'),
  IMPORT_MISSING_COLUMNS: errorCode.invalid('The sheet lacks columns of the template'),
  IMPORT_UNKNOWN_COLUMNS: errorCode.invalid('The sheet has columns the template does not, or a column twice'),
  IMPORT_TOO_MANY_ROWS: errorCode.invalid('The sheet has more rows than one import takes'),
  IMPORT_EMPTY: errorCode.invalid('The sheet has no data rows'),
  IMPORT_INVALID: errorCode.invalid('A confirmed import whose file has problems: nothing was written; the details list every problem'),
} as const satisfies ErrorCatalog;

export const ImportsErrorCode = codesOf(IMPORTS_ERRORS);
export type ImportsErrorCode = keyof typeof IMPORTS_ERRORS;
