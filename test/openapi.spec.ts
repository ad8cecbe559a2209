import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { checkOperations, completeDocument } from '../scripts/openapi/complete.js';

/**
 * The committed openapi.json is the contract (#19, ADR 0018): it must be what the app generates (so every
 * API change shows in review), and every operation in it complete. Both run the built generator, as
 * `npm run openapi` does (npm test builds first).
 */
const generator = (option: string) => spawnSync(process.execPath, ['dist/scripts/openapi.js', option], { encoding: 'utf8' });

describe('openapi.json', () => {
  it('is what the app generates (else: npm run build:api, and commit it)', () => {
    const run = generator('--check');
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.trim() }).toEqual({ status: 0, output: 'openapi.json is what the app generates' });
  });

  it('describes every operation completely: summary, description, success schema, errors, security, typed parameters', () => {
    const run = generator('--operations');
    const incomplete = run.stdout.split('\n').filter((line) => line.includes('✗'));
    expect(incomplete).toEqual([]);
    const [, complete, total] = /(\d+) of (\d+) operations complete/.exec(run.stdout) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(128);
    expect([complete, run.status]).toEqual([total, 0]);
  });

  it('types limit and offset as integers and declares X-Committee-Id on every authenticated operation', () => {
    const document = JSON.parse(readFileSync('openapi.json', 'utf8')) as OpenAPIObject;
    const paging = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { parameters?: Array<{ name: string; schema?: { type?: string } }> }>).flatMap((op) => op.parameters ?? []),
    );
    const limits = paging.filter((p) => p.name === 'limit' || p.name === 'offset');
    expect(limits.length).toBeGreaterThanOrEqual(20);
    expect(limits.filter((p) => p.schema?.type !== 'integer')).toEqual([]);
    expect(paging.some((p) => p.name === 'page' || p.name === 'pageSize')).toBe(false);
  });

  it('names what an incomplete operation lacks', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/api/things/{id}': {
          get: { operationId: 'ThingsController_get', parameters: [{ name: 'id', in: 'path', required: true, schema: {} }], responses: { '200': { description: '' } } },
        },
      },
      components: { schemas: {} },
    } as unknown as OpenAPIObject;
    expect(checkOperations(document)[0].problems).toEqual([
      'no summary (Chinese first)',
      'no description',
      'no success schema (200 without a body: answer 204)',
      'no documented error',
      'no security requirement',
      'parameter id has no type',
    ]);
  });

  it('refuses to complete a route whose controller method it could not read', () => {
    const document = { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/api/x': { get: { operationId: 'X_get', responses: {} } } } } as unknown as OpenAPIObject;
    expect(() => completeDocument(document, { methods: new Map(), components: {} }, new Map(), {})).toThrow('GET /api/x (X_get): no controller method read for it');
  });
});
