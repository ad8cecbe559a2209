import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the web app must never answer: the API (and its docs and queue board) stays the API's. */
const isApiPath = (urlPath: string): boolean => urlPath === '/api' || urlPath.startsWith('/api/');

/**
 * Serves the built web app (apps/web, built by Vite into `webDir`) from the API's own origin, so the
 * browser calls the API without CORS and with the API's security headers. Hashed bundles under /assets
 * are cached for a year; index.html is revalidated on every load, so a deployment shows at once.
 * Any other GET for a path without a file extension and outside /api is a client-side route
 * (/proposals/…, /public/replies/…) and gets index.html. Returns false when nothing is built there.
 */
export function mountWebApp(app: INestApplication, webDir: string): boolean {
  const root = path.resolve(webDir);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(root, {
    index: false,
    setHeaders: (response: Response, filePath: string) => {
      const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
      response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  express.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path) || path.extname(request.path) !== '') {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return true;
}
