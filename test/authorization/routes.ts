import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';

/** `GET /api/proposals/:id`: how a route is named in the authorization matrix. */
export type RouteKey = string;

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .join('/')}`;

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [''] : Array.isArray(value) ? value : [value]);

/**
 * Every HTTP route the Nest app registered, read from the controllers' metadata at runtime (not from a
 * list kept by hand), so a new route shows up here — and in the matrix's check — the moment it exists.
 */
export function registeredRoutes(app: INestApplication, globalPrefix = 'api'): RouteKey[] {
  const routes = new Set<RouteKey>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined);
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        for (const base of controllerPaths) {
          for (const path of asList(paths)) routes.add(`${RequestMethod[method]} ${joinPath(globalPrefix, base, path)}`);
        }
      }
    }
  }
  return [...routes].sort();
}
