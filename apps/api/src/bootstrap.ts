import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, createValidationPipe, INSTANCE_ID } from '#app/core';
import { RequestContextInterceptor } from './common/request-context.interceptor.js';
import { guardRequestBodies } from './common/request-body.js';
import { mountQueueBoard } from './operations/queue-board.js';
import { mountWebApp } from './web/web-app.js';

/**
 * Everything main.ts and the e2e tests both need: one HTTP setup, so tests exercise the real one.
 * Returns whether the built web app is served (from WEB_DIR, at /).
 */
export function configureApp(app: INestApplication): { webApp: boolean } {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // Behind a proxy the client's address (per-address login limits, logs) comes from X-Forwarded-For.
  if (config.TRUST_PROXY) (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', trustProxyValue(config.TRUST_PROXY));
  // Which replica answered (see INSTANCE_ID): every process is stateless, so any of them may.
  app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    response.setHeader('X-Instance', INSTANCE_ID);
    next();
  });
  guardRequestBodies(app);
  // Before helmet: the board's page brings its own scripts, which the API's strict CSP would block.
  mountQueueBoard(app);
  // TLS ends at the load balancer; upgrading requests would break the docs page over plain-HTTP localhost.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // As a list, so that only the configured origin is answered (with Vary: Origin); any other gets no CORS headers.
  if (config.CORS_ORIGIN) app.enableCors({ origin: [config.CORS_ORIGIN], credentials: false });
  app.useGlobalPipes(createValidationPipe());
  // Counts each request's audit entries (its completion log line's `audit`).
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, servedOpenApiDocument(app));
  // After helmet, so the pages get its headers (the CSP included); the web app calls only /api.
  return { webApp: mountWebApp(app, config.WEB_DIR, config.TIME_ZONE) };
}

/**
 * The contract served at /api/docs and /api/docs-json: the committed `openapi.json` (written by `npm run
 * openapi`, checked against the app by test/openapi.spec.ts), found at the repository root from the
 * sources, the build or the working directory; without it (a build shipped without the file), Nest's
 * own document of the routes.
 */
export function servedOpenApiDocument(app: INestApplication): OpenAPIObject {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = [path.resolve(here, '../../../openapi.json'), path.resolve(here, '../../../../openapi.json'), path.resolve('openapi.json')].find((candidate) => existsSync(candidate));
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as OpenAPIObject) : createOpenApiDocument(app);
}

/** Nest's OpenAPI document of the app's routes and request DTOs (completed by scripts/openapi; walked by the contract fuzz test). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政协提案办理系统 API')
      .setDescription('CPPCC proposal handling: proposals, assignments, replies, feedback. Send X-Committee-Id when you belong to several committees.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/** TRUST_PROXY as Express takes it: true/false, a number of hops, or addresses and subnets. */
function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
