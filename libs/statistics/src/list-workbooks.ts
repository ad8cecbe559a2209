import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, DomainError, localDate, type Page } from '#app/core';
import { type Column, type ExportFile, streamWorkbook, type XlsxWriter } from './excel.js';
import { StatisticsErrorCode } from './statistics.errors.js';

/** Rows fetched from a list at a time. */
const PAGE = 500;

/** 是/否 for a flag, empty when unknown. */
export const yes = (value: boolean | null | undefined) => (value === null || value === undefined ? '' : value ? '是' : '否');

/**
 * One sheet per exported list, fetched a page at a time and streamed, under the export cap
 * (EXPORT_MAX_ROWS) and named by the committee's date: what every list export shares.
 */
@Injectable()
export class ListWorkbooks {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The first page of a list, or a 400 when the whole list is longer than an export may be. */
  async firstPage<T>(fetch: (limit: number, offset: number) => Promise<Page<T>>): Promise<Page<T>> {
    const first = await fetch(PAGE, 0);
    const max = this.config.EXPORT_MAX_ROWS;
    if (first.total > max) {
      throw new DomainError(
        'invalid',
        StatisticsErrorCode.EXPORT_TOO_LARGE,
        `导出最多 ${max} 行，当前条件下有 ${first.total} 行，请缩小筛选条件（如届次、状态、承办单位）后再导出. An export holds at most ${max} rows; these filters select ${first.total}: narrow them`,
        { total: first.total, max },
      );
    }
    return first;
  }

  /** One sheet with every page of a list, the first already fetched. */
  list<T>(name: string, first: Page<T>, fetch: (limit: number, offset: number) => Promise<Page<T>>, columns: (x: XlsxWriter) => Array<Column<T>>): ExportFile {
    const fileName = `${name}-${localDate(this.clock.now(), this.config.TIME_ZONE)}.xlsx`;
    return streamWorkbook(fileName, this.config.TIME_ZONE, async (x) => {
      const sheet = x.sheet(name, columns(x));
      let written = 0;
      for (let page = first; page.items.length > 0 && written < first.total; page = await fetch(PAGE, written)) {
        for (const item of page.items) sheet.add(item);
        written += page.items.length;
      }
      sheet.done();
    });
  }
}
