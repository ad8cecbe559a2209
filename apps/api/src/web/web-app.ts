import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
 * (/proposals/…, /public/replies/…) and gets index.html. index.html carries the deployment's TIME_ZONE
 * (`<meta name="time-zone">`), in which the web app shows every date and time, as the documents do.
 * Returns false when nothing is built there.
 */
export function mountWebApp(app: INestApplication, webDir: string, timeZone: string): boolean {
  const root = path.resolve(webDir);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = withTimeZone(readFileSync(indexFile, 'utf8'), timeZone);
  const sendIndex = (response: Response): void => {
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml);
  };
  const express = app as NestExpressApplication;
  const setHeaders = (response: Response, filePath: string): void => {
    const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
    response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  // Each top-level folder and file of the build under its own path, not one static handler at /: that one
  // ran before the API's routes and looked for a file (a stat) on every API request — 5 % of the API's CPU
  // under load (bench/README.md, "framework floor"). What the build holds is fixed once deployed.
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const urlPath = `/${entry.name}`;
    if (isApiPath(urlPath)) continue;
    const file = path.join(root, entry.name);
    if (entry.isDirectory()) {
      express.useStaticAssets(file, { prefix: urlPath, index: false, setHeaders });
    } else if (entry.isFile()) {
      express.use(urlPath, (request: Request, response: Response, next: NextFunction) => {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path !== '/') {
          next();
          return;
        }
        if (file === indexFile) {
          sendIndex(response);
          return;
        }
        setHeaders(response, file);
        response.sendFile(file);
      });
    }
  }
  express.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path) || path.extname(request.path) !== '') {
      next();
      return;
    }
    sendIndex(response);
  });
  return true;
}

/** index.html with the zone the web app formats dates in (an IANA name: validated config, escaped anyway). */
export function withTimeZone(html: string, timeZone: string): string {
  const escaped = timeZone.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return html.replace('<head>', `<head>\n    <meta name="time-zone" content="${escaped}" />`);
}
