import type { EntityManager } from 'typeorm';

/**
 * Takes the next number of a named series (proposal numbers per session, document numbers per unit,
 * kind and year). The increment is a row lock held until the surrounding transaction ends, so
 * numbers are gap-free and never reused: a rolled-back transaction gives its number back, and two
 * concurrent callers queue on the row.
 */
export async function takeNextNumber(manager: EntityManager, committeeId: string, series: string): Promise<number> {
  const rows: Array<{ last_value: number }> = await manager.query(
    `INSERT INTO number_series (committee_id, series, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (committee_id, series) DO UPDATE SET last_value = number_series.last_value + 1
     RETURNING last_value`,
    [committeeId, series],
  );
  return Number(rows[0].last_value);
}

/** Sets where a series continues from (e.g. when a committee moves onto this system mid-year). */
export async function setSeriesStart(
  manager: EntityManager,
  committeeId: string,
  series: string,
  lastValue: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO number_series (committee_id, series, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (committee_id, series) DO UPDATE SET last_value = EXCLUDED.last_value`,
    [committeeId, series, lastValue],
  );
}
