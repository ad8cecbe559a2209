import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '#app/auth';
import { DEMO_PASSWORD } from '#app/demo';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { createOpenApiDocument } from '../../apps/api/src/bootstrap.js';
import { completeDocument, type RouteFacts } from './complete.js';
import { readResponseSchemas } from './response-schemas.js';

/** The controllers' sources: where the compiler reads each route's declared answer. */
export function controllerFiles(root: string): string[] {
  const api = path.join(root, 'apps/api/src');
  return readdirSync(api, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.controller.ts'))
    .sort()
    .map((file) => path.join(api, file));
}

/** Public or not, and the permission, of every route handler of the API module (as the guards read them). */
function routeFacts(): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  const controllers = (Reflect.getMetadata('controllers', ApiModule) ?? []) as Array<new (...args: never[]) => object>;
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      if (name === 'constructor') continue;
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) === true || Reflect.getMetadata(IS_PUBLIC, controller) === true;
      const permission = (Reflect.getMetadata(REQUIRED_PERMISSION, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSION, controller) ?? null) as string | null;
      facts.set(`${controller.name}_${name}`, { public: isPublic, permission });
    }
  }
  return facts;
}

/** Request examples that work against the demo data of `npm start`. */
const EXAMPLES: Record<string, unknown> = {
  AuthController_login: { username: 'yuanyuan', password: DEMO_PASSWORD },
  AuthController_changePassword: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-passphrase-2027' },
};

/**
 * The API's OpenAPI document as `openapi.json` holds it: Nest's document of the routes (read without
 * connecting to anything: the app in preview mode), completed with what the compiler reads of each
 * controller method's declared answer and what the guards read of each route.
 */
export async function generateOpenApiDocument(root: string): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api');
  const document = createOpenApiDocument(app);
  await app.close();
  return completeDocument(document, readResponseSchemas(root, controllerFiles(root)), routeFacts(), EXAMPLES);
}
