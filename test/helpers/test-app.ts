import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock, FixedClock, loadConfig, requestContextOf } from '#app/core';
import { DEMO_PASSWORD, type DemoCommittee } from '#app/demo';
import { orgServicesOf } from '#app/org';
import { createTestCommittee, type TestCommittee } from '#app/testing';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/bootstrap.js';
import { UNAUDITED_ROUTES } from '../authorization/unaudited-routes.js';
import { checkEveryAnswer } from './contract.js';

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** A demo committee of its own (unique names), with every role. */
  committee(base?: DemoCommittee): Promise<TestCommittee>;
  /** Logs a user in and returns a client that sends their bearer token. */
  as(username: string, committeeId?: string): Promise<UserClient>;
  /**
   * Closes the app; fails when a change answered 2xx wrote no audit entry (see auditEveryChange), or when
   * an answer did not match its operation in openapi.json (see checkEveryAnswer).
   */
  close(): Promise<void>;
}

export interface UserClient {
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
  /** POST multipart/form-data with one file part. */
  upload(path: string, field: string, bytes: Buffer, filename: string): request.Test;
}

/**
 * The real API module over HTTP (same setup as main.ts), on a clock the test controls; `env` adds
 * configuration on top of the test run's environment (validated the same way).
 */
export async function createTestApp(start = new Date('2021-02-27T02:00:00Z'), env: Record<string, string> = {}): Promise<TestApp> {
  const clock = new FixedClock(start);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(AppConfig)
    .useValue(loadConfig({ ...process.env, ...env }))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const unaudited = auditEveryChange(app);
  const answerMismatches = checkEveryAnswer(app);
  configureApp(app);
  await app.init();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const server = app.getHttpServer();
  const http = () => request(server);

  const as = async (username: string, committeeId?: string): Promise<UserClient> => {
    const response = await http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    const token = response.body.accessToken as string;
    const withAuth = (test: request.Test) => {
      test.set('authorization', `Bearer ${token}`);
      if (committeeId) test.set('x-committee-id', committeeId);
      return test;
    };
    return {
      token,
      get: (path) => withAuth(http().get(path)),
      post: (path, body) => withAuth(http().post(path)).send(body ?? {}),
      put: (path, body) => withAuth(http().put(path)).send(body ?? {}),
      patch: (path, body) => withAuth(http().patch(path)).send(body ?? {}),
      delete: (path) => withAuth(http().delete(path)),
      upload: (path, field, bytes, filename) => withAuth(http().post(path)).attach(field, bytes, { filename }),
    };
  };

  return {
    app,
    clock,
    dataSource,
    http,
    committee: (base) => createTestCommittee(dataSource, orgServicesOf(app), base),
    as,
    close: async () => {
      await app.close();
      const mismatches = answerMismatches();
      if (mismatches.length > 0) {
        throw new Error(
          `${mismatches.length} answer(s) did not match openapi.json — fix the answer or the declared return type, then npm run build:api:\n${[...new Set(mismatches)].join('\n')}`,
        );
      }
      if (unaudited.length > 0) {
        throw new Error(
          `${unaudited.length} change(s) answered 2xx without writing an audit entry — record one in the change's transaction, or, if the route changes no record, add it with the reason to test/authorization/unaudited-routes.ts:\n${unaudited.join('\n')}`,
        );
      }
    },
  };
}

const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Issue #9's "every state change has an audit entry", checked for every request of every spec: a
 * POST/PUT/PATCH/DELETE answered 2xx must have written at least one entry (the request's count, kept by
 * the API's RequestContextInterceptor) unless its route is in UNAUDITED_ROUTES. Returns the violations
 * (route key, status, path), which `close()` reports, failing the spec.
 */
function auditEveryChange(app: INestApplication): string[] {
  const violations: string[] = [];
  app.use((request: IncomingMessage & { route?: { path: string }; originalUrl?: string }, response: ServerResponse, next: () => void) => {
    response.on('finish', () => {
      const method = request.method ?? '';
      if (!CHANGING_METHODS.has(method) || response.statusCode < 200 || response.statusCode >= 300) return;
      // The route's pattern as the matrix names it (Nest registers routes with the global prefix).
      const route = `${method} ${request.route?.path ?? (request.originalUrl ?? request.url ?? '').split('?')[0]}`;
      if (route in UNAUDITED_ROUTES || (requestContextOf(request)?.auditEntries ?? 0) > 0) return;
      violations.push(`${route} → ${response.statusCode} (${request.originalUrl ?? request.url})`);
    });
    next();
  });
  return violations;
}
