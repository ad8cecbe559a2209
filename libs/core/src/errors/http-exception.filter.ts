import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../database/unavailable.js';
import { dataErrorOf } from './data-error.js';
import { DomainError } from './domain-error.js';
import { DOMAIN_ERROR_STATUS } from './error-codes.js';
import { CoreErrorCode } from './core.errors.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** One shape for every error answer: `{ statusCode, code, message, details? }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const dataError = dataErrorOf(exception, host.switchToHttp().getRequest<Request | undefined>() ?? {});
    if (dataError) {
      // A value the edge should have refused reached PostgreSQL: still the client's bad value (400), but a
      // defect of ours, logged at error level so that the field gets its validator (apps/api/src/common/bounds.ts).
      this.logger.error({ err: exception, sqlstate: dataError.sqlstate, field: dataError.field ?? null, defect: 'unvalidated-input' }, 'A database data error reached the HTTP filter: validate this value at the edge');
      const field = dataError.field ?? 'request';
      const problem = `${field} ${dataError.problem}`;
      response.status(400).json({ statusCode: 400, code: CoreErrorCode.VALIDATION_FAILED, message: `Invalid request: ${problem}`, details: { fields: [{ field, problems: [problem] }] } } satisfies ErrorBody);
      return;
    }
    const body = this.toBody(exception);
    if (body.statusCode === 503) this.logger.warn({ err: exception instanceof Error ? exception.message : String(exception) }, body.message);
    else if (body.statusCode >= 500) this.logger.error(exception);
    const retryAfter = exception instanceof DomainError ? exception.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: DOMAIN_ERROR_STATUS[exception.kind],
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const payload = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      return {
        statusCode: status,
        code: typeof payload.code === 'string' ? payload.code : defaultCode(status),
        message: typeof payload.message === 'string' ? payload.message : exception.message,
        ...(payload.details ? { details: payload.details } : {}),
      };
    }
    if (exception instanceof QueryFailedError) {
      const driverCode = (exception as QueryFailedError & { code?: string }).code;
      if (driverCode === '23505') {
        return { statusCode: 409, code: CoreErrorCode.DUPLICATE, message: 'A record with the same key already exists' };
      }
      if (driverCode === '40001' || driverCode === '40P01') {
        return { statusCode: 409, code: CoreErrorCode.CONCURRENT_UPDATE, message: 'A concurrent change got there first; try again' };
      }
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        code: CoreErrorCode.DATABASE_UNAVAILABLE,
        message: 'The database cannot be reached right now; try again in a moment (a change is all or nothing, so repeating it is safe).',
      };
    }
    return { statusCode: 500, code: CoreErrorCode.INTERNAL, message: 'Internal error; the request id in the logs identifies it' };
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return CoreErrorCode.BAD_REQUEST;
    case 401:
      return CoreErrorCode.UNAUTHENTICATED;
    case 403:
      return CoreErrorCode.FORBIDDEN;
    case 404:
      return CoreErrorCode.NOT_FOUND;
    case 409:
      return CoreErrorCode.CONFLICT;
    case 413:
      return CoreErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return CoreErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return CoreErrorCode.TOO_MANY_REQUESTS;
    default:
      return `HTTP_${status}`;
  }
}
