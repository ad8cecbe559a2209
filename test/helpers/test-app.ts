import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock, FixedClock, loadConfig } from '#app/core';
import { DEMO_PASSWORD, type DemoCommittee } from '#app/demo';
import { OrgService } from '#app/org';
import { createTestCommittee, type TestCommittee } from '#app/testing';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/bootstrap.js';

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** A demo committee of its own (unique names), with every role. */
  committee(base?: DemoCommittee): Promise<TestCommittee>;
  /** Logs a user in and returns a client that sends their bearer token. */
  as(username: string, committeeId?: string): Promise<UserClient>;
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
    committee: (base) => createTestCommittee(dataSource, app.get(OrgService), base),
    as,
    close: () => app.close(),
  };
}
