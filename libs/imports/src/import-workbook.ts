import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { DomainError } from '#app/core';
import { type ColumnSpec, type ImportKind, KIND_COLUMNS, SHEET_NAMES } from './import-kinds.js';
import { type ImportProblem, MAX_PROBLEMS, problemAt } from './import-report.js';
import { ImportsErrorCode } from './imports.errors.js';

/** The largest upload read (bytes): a committee's largest sheet (10,000 members) is well under 2 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most its parts may hold once unpacked: past it the file is refused unread (a zip bomb). */
export const IMPORT_MAX_UNPACKED_BYTES = 80 * 1024 * 1024;
/** The most data rows one file may carry. */
export const IMPORT_MAX_ROWS = 20_000;

export type CellText = string | number | null;

/** One data row: its Excel row number and each column's value by key (text, integer or YYYY-MM-DD). */
export interface SheetRow {
  row: number;
  values: Record<string, CellText>;
}

export interface ReadSheet {
  rows: SheetRow[];
  problems: ImportProblem[];
}

const refuse = (code: ImportsErrorCode, message: string, problem: string): DomainError =>
  new DomainError('invalid', code, message, { fields: [{ field: 'file', problems: [problem] }] });

export const tooLarge = (): DomainError =>
  new DomainError('invalid', ImportsErrorCode.IMPORT_TOO_LARGE, `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB：请拆分为多个文件后分批导入`);

/**
 * Checks the package before anything is unpacked: a zip (an .xlsx is one) with a workbook in it, whose
 * parts together unpack to no more than IMPORT_MAX_UNPACKED_BYTES. Only the central directory is read.
 */
function checkPackage(bytes: Buffer): void {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw refuse(ImportsErrorCode.IMPORT_NOT_XLSX, '这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后再上传', 'file is an .xls (Excel 97–2003) workbook; save it as .xlsx');
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw refuse(ImportsErrorCode.IMPORT_NOT_XLSX, '文件不是 Excel 工作簿（.xlsx）：请下载模板，填好后上传', 'file is not an .xlsx workbook');
  }
  const names: string[] = [];
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        unpacked += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw refuse(ImportsErrorCode.IMPORT_NOT_XLSX, '文件已损坏或不是 Excel 工作簿（.xlsx）：请重新保存后上传', 'file is not a readable .xlsx (broken zip)');
  }
  if (!names.includes('xl/workbook.xml')) {
    throw refuse(ImportsErrorCode.IMPORT_NOT_XLSX, '压缩包中没有 Excel 工作簿：请上传 .xlsx 文件', 'file is a zip but not an .xlsx workbook');
  }
  if (unpacked > IMPORT_MAX_UNPACKED_BYTES) {
    throw refuse(ImportsErrorCode.IMPORT_UNPACKED_TOO_LARGE, `文件解压后超过 ${IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024} MB：请拆分为多个文件后分批导入`, 'file unpacks to more than the limit');
  }
}

/** The text of a header cell, whatever kind of cell it is. */
const headerText = (cell: ExcelJS.Cell): string => (cell.text ?? '').replace(/\s+/g, '').replace(/[*＊]$/, '');

function richText(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((part) => part.text).join('');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date as the file wrote it (an Excel date, or text such as 2020-05-14, 2020/5/14, 2020年5月14日). */
function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A cell's value for its column, or the problem with it (in Chinese, without the row prefix). */
function cellValue(cell: ExcelJS.Cell, spec: ColumnSpec): { value: CellText } | { problem: string } {
  let raw: unknown = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return { value: null };
    case ExcelJS.ValueType.Formula:
      return { problem: '含有公式：请复制后“选择性粘贴为数值”再导入' };
    case ExcelJS.ValueType.Error:
      return { problem: '单元格是错误值（如 #N/A）：请改为正确的内容' };
    case ExcelJS.ValueType.Boolean:
      return { problem: '是逻辑值（TRUE/FALSE）：请填写文字' };
    case ExcelJS.ValueType.RichText:
      raw = richText(raw as ExcelJS.CellRichTextValue);
      break;
    case ExcelJS.ValueType.Hyperlink:
      raw = (raw as ExcelJS.CellHyperlinkValue).text;
      break;
    default:
      break;
  }
  if (typeof raw === 'string') {
    raw = raw.trim();
    if (raw === '') return { value: null };
  }
  if (spec.type === 'date') {
    const day = parseDate(raw);
    return day ? { value: day } : { problem: `应为日期（如 2020-05-14），现为“${String(raw).slice(0, 20)}”` };
  }
  if (spec.type === 'int') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? { value: n } : { problem: `应为正整数，现为“${String(raw).slice(0, 20)}”` };
  }
  if (raw instanceof Date) return { problem: '应为文字，现为日期：请把单元格格式设为文本' };
  const text = typeof raw === 'number' ? String(raw) : String(raw);
  if (text.length > spec.max) return { problem: `不能超过 ${spec.max} 个字（现为 ${text.length} 个）` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { problem: '含有不可见的控制字符：请删除后重新填写' };
  return { value: text };
}

/**
 * Reads the kind's sheet of an uploaded workbook into rows. The file as a whole is refused (400 naming
 * what to fix) when it is not an .xlsx, unpacks too large, hides a sheet, merges cells, lacks the
 * kind's sheet or a column of its template, or has columns the template does not; cell by cell
 * problems (formulas, wrong types, too long) are reported with their row and column.
 */
export async function readImportSheet(kind: ImportKind, bytes: Buffer): Promise<ReadSheet> {
  if (bytes.length > IMPORT_MAX_BYTES) throw tooLarge();
  checkPackage(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse(ImportsErrorCode.IMPORT_NOT_XLSX, '文件无法作为 Excel 工作簿读取：请在 Excel 中重新保存为 .xlsx 后上传', 'file is not a readable .xlsx workbook');
  }
  const hidden = workbook.worksheets.filter((sheet) => sheet.state !== 'visible').map((sheet) => sheet.name);
  if (hidden.length > 0) {
    throw refuse(ImportsErrorCode.IMPORT_HIDDEN_SHEET, `工作簿中有隐藏的工作表「${hidden.join('」「')}」：请取消隐藏并删除不需要的工作表后再上传`, `file has hidden sheets: ${hidden.join(', ')}`);
  }
  const sheetName = SHEET_NAMES[kind];
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) {
    throw refuse(ImportsErrorCode.IMPORT_SHEET_MISSING, `找不到工作表「${sheetName}」：请使用下载的模板，不要改动工作表名称`, `file has no sheet named ${sheetName}`);
  }
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0) {
    throw refuse(ImportsErrorCode.IMPORT_MERGED_CELLS, `工作表「${sheetName}」有合并的单元格（${merges.slice(0, 5).join('、')}）：请取消合并，每行每格各填一项`, `sheet has merged cells: ${merges.slice(0, 5).join(', ')}`);
  }
  const columns = KIND_COLUMNS[kind];
  const header = sheet.getRow(1);
  const found = new Map<string, number>();
  const unknown: string[] = [];
  header.eachCell((cell, index) => {
    const text = headerText(cell);
    if (text === '') return;
    if (!columns.some((c) => c.header === text) || found.has(text)) unknown.push(text);
    else found.set(text, index);
  });
  const missing = columns.filter((c) => !found.has(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    throw refuse(ImportsErrorCode.IMPORT_MISSING_COLUMNS, `缺少列「${missing.join('」「')}」：第1行须是模板的列名`, `file lacks the columns: ${missing.join(', ')}`);
  }
  if (unknown.length > 0) {
    throw refuse(ImportsErrorCode.IMPORT_UNKNOWN_COLUMNS, `有模板之外或重复的列「${unknown.join('」「')}」：请删除这些列，或使用下载的模板`, `file has columns the template does not: ${unknown.join(', ')}`);
  }
  if (sheet.actualRowCount - 1 > IMPORT_MAX_ROWS) {
    throw refuse(ImportsErrorCode.IMPORT_TOO_MANY_ROWS, `数据超过 ${IMPORT_MAX_ROWS} 行：请拆分为多个文件后分批导入`, `file has more than ${IMPORT_MAX_ROWS} rows`);
  }
  const rows: SheetRow[] = [];
  const problems: ImportProblem[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, CellText> = {};
    let empty = true;
    const rowProblems: ImportProblem[] = [];
    for (const spec of columns) {
      const cell = row.getCell(found.get(spec.header) as number);
      const read = cellValue(cell, spec);
      if ('problem' in read) {
        rowProblems.push(problemAt(rowNumber, spec.header, read.problem));
        empty = false;
        values[spec.key] = null;
      } else {
        values[spec.key] = read.value;
        if (read.value !== null) empty = false;
      }
    }
    if (empty) return;
    for (const spec of columns) {
      if (spec.required && values[spec.key] === null && !rowProblems.some((p) => p.column === spec.header)) {
        rowProblems.push(problemAt(rowNumber, spec.header, '必填，不能为空'));
      }
    }
    if (problems.length < MAX_PROBLEMS) problems.push(...rowProblems);
    rows.push({ row: rowNumber, values });
  });
  if (rows.length === 0) {
    throw refuse(ImportsErrorCode.IMPORT_EMPTY, `工作表「${sheetName}」没有数据行：请从第2行起填写`, 'the sheet has no data rows');
  }
  return { rows, problems };
}
