/**
 * The national holiday schedule (国务院办公厅关于部分节假日安排的通知), for operators:
 *   npm run calendar -- show 2027
 *   npm run calendar -- notice 2027通知.txt [--dry-run]     (or the text on stdin: npm run calendar -- notice - < 通知.txt)
 *   npm run calendar -- import 2027.json
 * `notice` takes the text of the notice as published (title and items, as on gov.cn), reads it whole —
 * a sentence it cannot read refuses it, nothing loaded — prints the days, and loads them unless
 * --dry-run. `show` of a year without a schedule prints its provisional statutory days.
 * `import` takes { "year": 2027, "source": "国办发明电〔2026〕…号", "days": [ { "date": "2027-01-01",
 * "kind": "holiday", "name": "元旦" }, { "date": "…", "kind": "workday", "name": "春节调休上班" } ] }.
 * Importing replaces that year's national days and recomputes every open deadline it changes, in every
 * committee, moving their reminders. Committees' own days (PUT /api/admin/calendar/:date) stay.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { CoreModule, DatabaseModule, DomainError, parseHolidayNotice, QueueModule, statutoryHolidays } from '#app/core';
import { CalendarChangesService, HandlingModule } from '#app/handling';
import { DATABASE_PARTS } from '#migrations';

@Module({ imports: [CoreModule, DatabaseModule.forRoot(DATABASE_PARTS), QueueModule.forRoot(), AuditModule, HandlingModule] })
class CalendarToolModule {}

interface YearFile {
  year: number;
  source: string;
  days: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }>;
}

function readYearFile(file: string): YearFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<YearFile>;
  const problems: string[] = [];
  if (!Number.isInteger(parsed.year)) problems.push('year must be a whole number');
  if (typeof parsed.source !== 'string' || parsed.source.length === 0) problems.push('source must name the notice');
  if (!Array.isArray(parsed.days)) problems.push('days must be a list');
  for (const [index, day] of (parsed.days ?? []).entries()) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date ?? '')) problems.push(`days[${index}].date must be YYYY-MM-DD`);
    if (day.kind !== 'holiday' && day.kind !== 'workday') problems.push(`days[${index}].kind must be holiday or workday`);
    if (typeof day.name !== 'string' || day.name.length === 0 || day.name.length > 40) problems.push(`days[${index}].name must be 1-40 characters`);
  }
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return parsed as YearFile;
}

function readText(source: string | undefined): string {
  if (!source) throw new Error('usage: calendar.js notice <file.txt | -> [--dry-run]');
  return readFileSync(source === '-' ? 0 : path.resolve(source), 'utf8');
}

async function main(): Promise<void> {
  const [command, argument, flag] = process.argv.slice(2);
  if (command !== 'show' && command !== 'import' && command !== 'notice') {
    throw new Error('usage: calendar.js show <year> | notice <file.txt | -> [--dry-run] | import <file.json>');
  }
  if (command === 'notice') {
    // Read before connecting: an unreadable notice needs no database.
    const notice = parseHolidayNotice(readText(argument));
    for (const holiday of notice.holidays) {
      console.log(`${holiday.name}：放假 ${holiday.daysOff.join('、')}${holiday.workdays.length > 0 ? `；调休上班 ${holiday.workdays.join('、')}` : ''}`);
    }
    if (flag === '--dry-run') {
      console.log(`${notice.year}: ${notice.days.length} days read (--dry-run: nothing loaded)`);
      return;
    }
  }
  const app = await NestFactory.createApplicationContext(CalendarToolModule, { logger: ['error', 'warn'] });
  try {
    if (command === 'show') {
      const rows: Array<{ date: string; kind: string; name: string }> = await app
        .get<DataSource>(getDataSourceToken())
        .query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE committee_id IS NULL AND extract(year FROM date) = $1 ORDER BY date`, [Number(argument)]);
      if (rows.length === 0) {
        console.log(`No national schedule for ${argument} yet (load the notice when the State Council publishes it); deadlines count its statutory days, provisionally:`);
        for (const day of statutoryHolidays(Number(argument))) console.log(`${day.date}  放假  ${day.name}（暂定）`);
      }
      for (const row of rows) console.log(`${row.date}  ${row.kind === 'holiday' ? '放假' : '上班'}  ${row.name}`);
      return;
    }
    if (command === 'notice') {
      const loaded = await app.get(CalendarChangesService).importNotice(readText(argument), undefined, null);
      console.log(`${loaded.year}: ${loaded.days.length} days loaded from ${loaded.source ?? 'the notice'}; ${loaded.recomputed} open deadlines moved, ${loaded.confirmed} confirmed`);
      return;
    }
    const year = readYearFile(path.resolve(argument));
    const { recomputed } = await app.get(CalendarChangesService).importNationalYear(year.year, year.days, year.source);
    console.log(`${year.year}: ${year.days.length} days loaded from ${year.source}; ${recomputed} open deadlines moved`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
