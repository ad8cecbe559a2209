import { applyDecorators, BadRequestException, type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { ApiErrorCode } from './api.errors.js';

/**
 * The two classes of values that once reached PostgreSQL unchecked and answered 500 (issue #16): whole
 * numbers larger than their column holds, and dates in the right format that are not days. Every DTO,
 * query and path parameter carrying one uses these, so the request is a 400 naming the field before
 * anything reads the database.
 */

/** The largest value of a PostgreSQL `integer` (int4) column: versions, counts, limits, seq. */
export const INT4_MAX = 2_147_483_647;
/** The calendar the system accepts: any day a proposal, a deadline or a holiday can fall on, with room. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

/** A whole number written in plain decimal (no sign but `-`, no exponent, hex, spaces or fraction). */
const DECIMAL = /^-?\d{1,16}$/;

/**
 * A whole number between `min` and `max`, where `max` is at most what an int4 column holds (the default).
 * With `query: true` the query-string text is read as a number only when it is plain decimal ("12abc",
 * "0x10", "1e3" and "" stay text and are refused, where `Number()` would have made them 12, 16, 1000 and 0).
 * `each: true` checks every item of a list.
 */
export function BoundedInt(options: { min: number; max?: number; each?: boolean; query?: boolean; message?: string }): PropertyDecorator {
  const max = options.max ?? INT4_MAX;
  if (max > INT4_MAX || options.min < -INT4_MAX - 1) throw new Error(`BoundedInt: ${options.min}..${max} does not fit an int4 column`);
  const each = options.each ?? false;
  const decorators: PropertyDecorator[] = [
    IsInt({ each, ...(options.message ? { message: options.message } : {}) }),
    Min(options.min, { each }),
    Max(max, { each }),
  ];
  // Below the field's own @ApiProperty/@ApiPropertyOptional, which merges its description and `required` over this.
  if (!each) decorators.unshift(ApiProperty({ type: 'integer', minimum: options.min, maximum: max }));
  if (options.query) decorators.unshift(Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value)));
  return applyDecorators(...decorators);
}

/**
 * Whether `value` is a real day written YYYY-MM-DD, between {@link FIRST_YEAR} and {@link LAST_YEAR}:
 * 2027-02-29, 2027-02-30, 2027-04-31, 2026-13-01 and 2026-00-10 are not. Never throws.
 */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const calendarDayProblem = (field: string): string => `${field} must be a real calendar day YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}`;

/**
 * A body or query field holding a calendar day (see {@link isCalendarDay}); anything else is a 400 naming it.
 * Put it below the field's @ApiProperty, which merges its description and `required` over this one's format.
 */
export function IsCalendarDay(): PropertyDecorator {
  const documented = ApiProperty({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  return (target: object, propertyName: string | symbol) => {
    documented(target, propertyName);
    registerDecorator({
      name: 'isCalendarDay',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => isCalendarDay(value),
        defaultMessage: (args?: ValidationArguments) => calendarDayProblem(args?.property ?? String(propertyName)),
      },
    });
  };
}

/** A calendar day in the route (e.g. /admin/calendar/:date); anything else is a 400 naming the parameter. */
export function calendarDayParam(name: string): PipeTransform<string, string> {
  return {
    transform(value: string): string {
      if (!isCalendarDay(value)) {
        const problem = calendarDayProblem(name);
        throw new BadRequestException({ code: ApiErrorCode.VALIDATION_FAILED, message: `Invalid request: ${problem}`, details: { fields: [{ field: name, problems: [problem] }] } });
      }
      return value;
    },
  };
}

/** A whole number in the route (e.g. a version's `seq`) from 1 to what an int4 column holds; anything else is a 400 naming it. */
export function positiveIntParam(name: string): PipeTransform<string, number> {
  return {
    transform(value: string): number {
      const number = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
      if (!(number <= INT4_MAX)) {
        const problem = `${name} must be a whole number from 1 to ${INT4_MAX}`;
        throw new BadRequestException({ code: ApiErrorCode.VALIDATION_FAILED, message: `Invalid request: ${problem}`, details: { fields: [{ field: name, problems: [problem] }] } });
      }
      return number;
    },
  };
}
