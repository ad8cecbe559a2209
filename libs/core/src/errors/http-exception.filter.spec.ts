import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { dataErrorOf } from './data-error.js';
import { AllExceptionsFilter } from './http-exception.filter.js';

/** A PostgreSQL error as pg reports it (the messages are PostgreSQL 15's own), wrapped as TypeORM wraps it. */
const pgError = (code: string, message: string, extra: Record<string, unknown> = {}): QueryFailedError =>
  new QueryFailedError('UPDATE proposals SET version = $1 WHERE id = $2', [], Object.assign(new Error(message), { code, severity: 'ERROR', ...extra }));

/** Runs the filter on `exception` for a request with these values; returns what it answered. */
function answer(exception: unknown, request: { params?: unknown; query?: unknown; body?: unknown } = {}): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return response;
    },
    setHeader() {
      return response;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

const fields = (body: Record<string, unknown>): string[] => ((body.details as { fields?: Array<{ field: string }> } | undefined)?.fields ?? []).map((f) => f.field);

describe('AllExceptionsFilter and PostgreSQL data errors (SQLSTATE class 22)', () => {
  it('answers 400 VALIDATION_FAILED naming the field whose value PostgreSQL quotes', () => {
    const cases: Array<[string, string, { params?: unknown; query?: unknown; body?: unknown }, string]> = [
      ['22003', 'value "2147483648" is out of range for type integer', { params: { id: 'x' }, body: { version: 2147483648 } }, 'version'],
      ['22P02', 'invalid input syntax for type integer: "12abc"', { query: { limit: '12abc' } }, 'limit'],
      ['22P02', 'invalid input syntax for type uuid: "not-a-uuid"', { body: { leadUnitId: 'not-a-uuid' } }, 'leadUnitId'],
      ['22008', 'date/time field value out of range: "2027-02-30"', { body: { replyDueDate: '2027-02-30', version: 3 } }, 'replyDueDate'],
      ['22007', 'invalid input syntax for type date: "2026-13-01"', { params: { date: '2026-13-01' } }, 'date'],
      ['22P02', 'invalid input value for enum proposal_status: "bogus"', { body: { filter: { status: 'bogus' } } }, 'filter.status'],
      ['22008', 'date/time field value out of range: "2027-02-29"', { body: { items: [{ until: '2027-03-01' }, { until: '2027-02-29' }] } }, 'items[1].until'],
    ];
    for (const [code, message, request, field] of cases) {
      const { status, body } = answer(pgError(code, message), request);
      expect({ status, code: body.code, fields: fields(body) }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [field] });
      expect(body.message).toContain(field);
    }
  });

  it('finds the field of a NUL character, an over-long string and an int4 overflow PostgreSQL does not quote', () => {
    const nul = answer(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'), { body: { title: '关于测试的提案', body: '正文\u0000正文' } });
    expect([nul.status, fields(nul.body)]).toEqual([400, ['body']]);
    const jsonNul = answer(pgError('22P05', 'unsupported Unicode escape sequence'), { body: { note: 'a\u0000b' } });
    expect([jsonNul.status, fields(jsonNul.body)]).toEqual([400, ['note']]);
    const long = answer(pgError('22001', 'value too long for type character varying(40)'), { body: { name: '短', category: 'x'.repeat(41) } });
    expect([long.status, fields(long.body)]).toEqual([400, ['category']]);
    const overflow = answer(pgError('22003', 'integer out of range'), { body: { version: 3, limit: 2 ** 63 } });
    expect([overflow.status, fields(overflow.body)]).toEqual([400, ['limit']]);
  });

  it('names the column PostgreSQL reports when the request does not show the value, in the API’s camelCase', () => {
    const { status, body } = answer(pgError('22004', 'null value not allowed', { column: 'reply_due_date' }), { body: {} });
    expect([status, fields(body)]).toEqual([400, ['replyDueDate']]);
  });

  it('still answers 400 (naming the request) when the field cannot be found, and says nothing of SQL', () => {
    const { status, body } = answer(pgError('22012', 'division by zero'), { body: { a: 1 } });
    expect([status, body.code, fields(body)]).toEqual([400, 'VALIDATION_FAILED', ['request']]);
    expect(JSON.stringify(body)).not.toMatch(/proposals|UPDATE|division/);
  });

  it('knows a data error only by SQLSTATE class 22, also as the driverError of a wrapper', () => {
    expect(dataErrorOf({ driverError: Object.assign(new Error('invalid input syntax for type integer: "x"'), { code: '22P02' }) }, { query: { page: 'x' } })).toEqual({
      sqlstate: '22P02',
      field: 'page',
      problem: expect.any(String),
    });
    expect(dataErrorOf(Object.assign(new Error('duplicate key'), { code: '23505' }), {})).toBeNull();
    expect(dataErrorOf(Object.assign(new Error('x'), { code: '2200' }), {})).toBeNull();
    expect(dataErrorOf(new TypeError('x'), {})).toBeNull();
  });

  it('leaves other errors as they were: a duplicate is 409, an unknown failure 500', () => {
    expect(answer(pgError('23505', 'duplicate key value violates unique constraint "x"')).status).toBe(409);
    expect(answer(new Error('boom')).status).toBe(500);
  });
});
