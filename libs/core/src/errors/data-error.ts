/**
 * PostgreSQL data errors (SQLSTATE class 22: a value the column cannot hold) that reached the HTTP
 * filter. The edge should have refused the value (see apps/api/src/common/bounds.ts); when one slips
 * through it is the client's bad value all the same, so it answers 400 naming the field where the
 * error lets us find it, and the filter logs it as a defect to fix at the edge. Never 500.
 */

/** What the filter needs from the request to name the field: its route parameters, query and body. */
export interface RequestValues {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

export interface DataError {
  /** The SQLSTATE, e.g. 22P02. */
  sqlstate: string;
  /** The request field that held the value, when it could be found. */
  field?: string;
  /** What was wrong, in words for the client (no SQL, no table names). */
  problem: string;
}

const PROBLEMS: Record<string, string> = {
  '22001': 'is longer than the database can store',
  '22003': 'is a number out of range',
  '22007': 'is not a valid date or time',
  '22008': 'is a date or time out of range (not a real day, or too far off)',
  '22021': 'holds a character the database cannot store (such as NUL, \\u0000)',
  '22P02': 'is not in the form expected (a number, a UUID, a date, or one of the listed values)',
  '22P05': 'holds a character the database cannot store (such as NUL, \\u0000)',
};

/** The SQLSTATE of a PostgreSQL error, as pg reports it and TypeORM's QueryFailedError copies it (or wraps it in driverError). */
function sqlstateOf(error: unknown): { code: string; message: string; column?: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidates = [error, (error as { driverError?: unknown }).driverError];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const { code, message, column } = candidate as { code?: unknown; message?: unknown; column?: unknown };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) {
      return { code, message: typeof message === 'string' ? message : '', ...(typeof column === 'string' ? { column } : {}) };
    }
  }
  return null;
}

/** The value PostgreSQL quotes in its message ("invalid input syntax for type integer: \"12abc\"", "value \"2147483648\" is out of range …"). */
function quotedValue(message: string): string | undefined {
  const match = /: "(.*)"$/s.exec(message) ?? /^value "(.*)" is out of range/s.exec(message);
  return match?.[1];
}

/** Every leaf of the request as [field path, value], route parameters first, then the query, then the body. */
function leaves(value: unknown, path: string, out: Array<[string, unknown]>, depth = 0): Array<[string, unknown]> {
  if (depth > 20) return out;
  if (Array.isArray(value)) value.forEach((item, index) => leaves(item, `${path}[${index}]`, out, depth + 1));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, path ? `${path}.${key}` : key, out, depth + 1);
  } else out.push([path, value]);
  return out;
}

/** Finds which request field held the offending value, from what PostgreSQL says about it. */
function fieldOf(code: string, message: string, request: RequestValues): string | undefined {
  const all = [...leaves(request.params, '', []), ...leaves(request.query, '', []), ...leaves(request.body, '', [])].filter(([path]) => path !== '');
  const quoted = quotedValue(message);
  if (quoted !== undefined) {
    const exact = all.find(([, value]) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') && String(value) === quoted);
    if (exact) return exact[0];
  }
  if (code === '22021' || code === '22P05') return all.find(([, value]) => typeof value === 'string' && value.includes('\u0000'))?.[0];
  if (code === '22001') {
    const limit = Number(/\((\d+)\)/.exec(message)?.[1] ?? NaN);
    const long = all.filter(([, value]) => typeof value === 'string' && (Number.isNaN(limit) || [...value].length > limit));
    if (long.length === 1 || !Number.isNaN(limit)) return long[0]?.[0];
  }
  if (code === '22003') {
    // "integer out of range", "smallint out of range": the one number the column type cannot hold.
    const int4 = all.filter(([, value]) => typeof value === 'number' && (!Number.isSafeInteger(value) || Math.abs(value) > 2_147_483_647));
    if (int4.length === 1) return int4[0][0];
  }
  return undefined;
}

/** The data error in `error` (SQLSTATE class 22), with the request field that caused it where it can be found; null for anything else. */
export function dataErrorOf(error: unknown, request: RequestValues): DataError | null {
  const found = sqlstateOf(error);
  if (!found) return null;
  const field = fieldOf(found.code, found.message, request) ?? (found.column ? found.column.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase()) : undefined);
  return { sqlstate: found.code, ...(field ? { field } : {}), problem: PROBLEMS[found.code] ?? 'is a value the database cannot store' };
}
