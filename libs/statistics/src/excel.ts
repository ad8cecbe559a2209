import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file the API sends as it is written. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** How a column's cells are shown: the Excel number formats of exports. */
export type CellFormat = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export const NUMBER_FORMATS: Readonly<Record<Exclude<CellFormat, 'text'>, string>> = {
  integer: '0',
  decimal: '0.0',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

export type CellValue = string | number | boolean | Date | null;

export interface Column<T> {
  /** The Chinese header. */
  header: string;
  /** Width in characters (a CJK character counts about two). */
  width: number;
  /** One format for the column, or one per row (a figure column holding counts and rates). */
  format?: CellFormat | ((row: T) => CellFormat);
  value: (row: T) => CellValue;
}

export interface SheetWriter<T> {
  add(row: T): void;
  /** Writes the rows held so far to the file (streamed sheets keep nothing in memory once committed). */
  done(): void;
}

/**
 * An .xlsx written as a stream (exceljs WorkbookWriter): one sheet after the other, each with a bold
 * header row that stays in view (frozen) and carries an auto filter, column widths and number formats.
 * Rows are committed as they are added, so a 100,000-row export never sits in memory whole.
 */
export class XlsxWriter {
  readonly stream = new PassThrough();
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(private readonly timeZone: string) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.stream, useStyles: true, useSharedStrings: false });
    this.workbook.creator = '政协提案办理系统';
  }

  sheet<T>(name: string, columns: readonly Column<T>[]): SheetWriter<T> {
    const worksheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    worksheet.columns = columns.map((column, index) => ({ header: column.header, key: `c${index}`, width: column.width }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    return {
      add: (item: T) => {
        const row = worksheet.addRow(columns.map((column) => column.value(item)));
        columns.forEach((column, index) => {
          const format = typeof column.format === 'function' ? column.format(item) : column.format;
          if (format && format !== 'text') row.getCell(index + 1).numFmt = NUMBER_FORMATS[format];
        });
        row.commit();
      },
      done: () => worksheet.commit(),
    };
  }

  /** An instant as the date and time it was in the committee's zone (Excel cells carry no zone). */
  time(at: string | Date | null | undefined): Date | null {
    if (!at) return null;
    const instant = typeof at === 'string' ? new Date(at) : at;
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: this.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(instant)
        .map((part) => [part.type, Number(part.value)]),
    );
    return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
  }

  /** A date (YYYY-MM-DD) as an Excel date. */
  date(day: string | null | undefined): Date | null {
    return day ? new Date(`${day}T00:00:00Z`) : null;
  }

  async commit(): Promise<void> {
    await this.workbook.commit();
  }
}

/**
 * Starts writing a workbook in the background and hands back its stream at once; a failure halfway
 * ends the stream with the error (the client sees a cut-off download, the log the cause).
 */
export function streamWorkbook(fileName: string, timeZone: string, write: (writer: XlsxWriter) => Promise<void>): ExportFile {
  const writer = new XlsxWriter(timeZone);
  write(writer)
    .then(() => writer.commit())
    .catch((error: unknown) => writer.stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return { fileName, contentType: XLSX_CONTENT_TYPE, stream: writer.stream };
}
