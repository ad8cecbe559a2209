import ExcelJS from 'exceljs';
import { type ImportKind, KIND_COLUMNS, SHEET_NAMES } from './import-kinds.js';
import type { CellText } from './import-workbook.js';

/**
 * A workbook of a kind in its template's shape, in memory: for the demo's committed files, the specs and
 * the bench (people download theirs from the API, streamed).
 */
export async function buildImportWorkbook(kind: ImportKind, rows: ReadonlyArray<Record<string, CellText>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政协提案办理系统';
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind]);
  const columns = KIND_COLUMNS[kind];
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
