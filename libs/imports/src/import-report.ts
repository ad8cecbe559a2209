import type { ImportKind } from './import-kinds.js';

/** One thing wrong with an uploaded file, by row and column (the header as the file has it). */
export interface ImportProblem {
  /** The sheet's row number as Excel shows it (the header is row 1); 0 for the file as a whole. */
  row: number;
  column: string | null;
  /** 第12行「界别」：…… — what is wrong and what to write instead, in Chinese. */
  message: string;
}

export const problemAt = (row: number, column: string | null, text: string): ImportProblem => ({
  row,
  column,
  message: column ? `第${row}行「${column}」：${text}` : `第${row}行：${text}`,
});

/** Something the import created or changed, with where to see it in the web app. */
export interface ImportLink {
  label: string;
  href: string;
}

/** What an import would do (dry run) or did (confirmed): nothing is written while `problems` is not empty. */
export interface ImportReport {
  kind: ImportKind;
  /** SHA-256 of the uploaded bytes, hex: a confirm must send the same file. */
  sha256: string;
  /** Data rows read (empty rows skipped). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  /** True when confirmed and written. */
  written: boolean;
  /** Up to 200 of the records created or changed, for the result screen. */
  links: ImportLink[];
}

/** At most this many problems are reported (a file wrong in every row says so in the first ones). */
export const MAX_PROBLEMS = 500;
