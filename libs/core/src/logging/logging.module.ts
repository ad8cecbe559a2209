import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import { requestContextOf } from '../context/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

const withAuditCount = (req: IncomingMessage, line: object): object => {
  const context = requestContextOf(req);
  return context ? { ...line, audit: context.auditEntries } : line;
};

/** Structured JSON logs (pino); every HTTP log line carries the request id, echoed as `x-request-id`;
 * the completion line of an API route also how many audit entries it wrote (`audit`). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          // Never in the logs: credentials in headers, and (should bodies ever be logged) passwords and tokens.
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-refresh-token"]',
            'res.headers["set-cookie"]',
            'req.body.password',
            'req.body.currentPassword',
            'req.body.newPassword',
            'req.body.refreshToken',
          ],
          customProps: () => ({ service: 'cppcc' }),
          // The audit entries the request wrote (API routes only: none when refused before the handler).
          customSuccessObject: (req: IncomingMessage, _res: ServerResponse, line: object) => withAuditCount(req, line),
          customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, line: object) => withAuditCount(req, line),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
