import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { mountWebApp, withTimeZone } from './web-app.js';

@Module({})
class NothingModule {}

/** The built web app as the API serves it: index.html with the deployment's zone, hashed assets cached. */
describe('serving the web app', () => {
  let dir: string;
  let app: INestApplication;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cppcc-web-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>提案</title></head><body></body></html>');
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    app = await NestFactory.create(NothingModule, { logger: false });
    expect(mountWebApp(app, dir, 'America/New_York')).toBe(true);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/index.html', '/proposals/42'])('%s answers index.html naming the zone the web app shows dates in, revalidated on every load', async (url) => {
    const response = await request(app.getHttpServer()).get(url);
    expect([response.status, response.headers['cache-control']]).toEqual([200, 'no-cache']);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<head>\n    <meta name="time-zone" content="America/New_York" />');
    expect(response.text).toContain('<title>提案</title>');
  });

  it('serves hashed assets for a year and leaves /api to the API', async () => {
    const asset = await request(app.getHttpServer()).get('/assets/main-abc123.js');
    expect([asset.status, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await request(app.getHttpServer()).get('/api/unknown')).status).toBe(404);
  });

  it('escapes a zone that would break out of the attribute', () => {
    expect(withTimeZone('<html><head></head></html>', '"><script>')).toBe('<html><head>\n    <meta name="time-zone" content="&#34;&#62;&#60;script&#62;" /></head></html>');
  });
});
