import { randomUUID } from 'node:crypto';
import { chinaTime } from '#app/demo';
import type { TestCommittee } from '#app/testing';
import { fillBody, fillPath, MATRIX } from './authorization/matrix.js';
import { ACTORS, type ActorName, buildMatrixScenario, type MatrixIds } from './authorization/matrix-scenario.js';
import { registeredRoutes } from './authorization/routes.js';
import { UNAUDITED_ROUTES } from './authorization/unaudited-routes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

interface Observed {
  status: number;
  code?: string;
  message?: string;
}

/**
 * Every route × the ten actors, against the statuses in test/authorization/matrix.ts (the one table of
 * who may do what), and no leaks: a hidden row answers 404 exactly as a row that does not exist.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  let c: TestCommittee;
  let ids: MatrixIds;
  let tokens: Record<ActorName, string | null>;
  const observed = new Map<string, Observed[]>();
  /** Audit entries of the test committee written while each changing route was probed. */
  const audited = new Map<string, number>();
  const auditCount = async (): Promise<number> =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entries WHERE committee_id = $1', [c.committeeId]))[0].n);

  const send = async (method: string, path: string, actor: ActorName, body?: Record<string, unknown>): Promise<Observed> => {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const test = t.http()[verb](path);
    const token = tokens[actor];
    if (token) test.set('authorization', `Bearer ${token}`);
    const response = method === 'GET' || method === 'DELETE' ? await test : await test.send(body ?? {});
    const json = (response.body ?? {}) as { code?: unknown; message?: unknown };
    return {
      status: response.status,
      code: typeof json.code === 'string' ? json.code : undefined,
      message: typeof json.message === 'string' ? json.message : undefined,
    };
  };

  beforeAll(async () => {
    t = await createTestApp(chinaTime('2021-03-01'));
    c = await t.committee();
    ({ ids, tokens } = await buildMatrixScenario(t, c));
    // Reads of one route go out in parallel, one per actor; changes one actor after another, in the
    // table's order, so that the result never depends on which request came first.
    for (const [route, entry] of Object.entries(MATRIX)) {
      const method = route.split(' ')[0];
      const path = fillPath(entry.path, ids);
      const results: Observed[] = [];
      if (method === 'GET') results.push(...(await Promise.all(ACTORS.map((actor) => send(method, path, actor)))));
      else {
        const before = await auditCount();
        for (const actor of ACTORS) results.push(await send(method, path, actor, fillBody(entry.body, ids)));
        audited.set(route, (await auditCount()) - before);
      }
      observed.set(route, results);
    }
  }, 240_000);
  afterAll(() => t.close());

  it('has an entry for every route the API registers, and none for a route it does not', () => {
    const registered = registeredRoutes(t.app);
    expect(registered.length).toBeGreaterThan(100);
    expect({ withoutEntry: registered.filter((route) => !(route in MATRIX)), withoutRoute: Object.keys(MATRIX).filter((route) => !registered.includes(route)) }).toEqual({
      withoutEntry: [],
      withoutRoute: [],
    });
  });

  it('exempts from the audit rule only changing routes that exist, each with its reason', () => {
    const registered = registeredRoutes(t.app);
    const stale = Object.entries(UNAUDITED_ROUTES).filter(([route, reason]) => !registered.includes(route) || route.startsWith('GET ') || reason.trim().length < 20);
    expect(stale).toEqual([]);
  });

  it('answers each route with the status the matrix gives for each actor', () => {
    const mismatches: string[] = [];
    for (const [route, entry] of Object.entries(MATRIX)) {
      const got = (observed.get(route) ?? []).map((o) => String(o.status)).join(' ');
      if (got !== entry.expect.trim().split(/\s+/).join(' ')) {
        const detail = (observed.get(route) ?? [])
          .map((o, i) => `${ACTORS[i]}=${o.status}${o.code ? ` ${o.code}` : ''}`)
          .join(', ');
        mismatches.push(`'${route}': expected '${entry.expect}', got '${got}' (${detail})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('leaks nothing: a 404 for a row the actor may not see reads exactly as one for a row that does not exist', async () => {
    const rowIds = Object.values(ids);
    const leaks: string[] = [];
    for (const [route, entry] of Object.entries(MATRIX)) {
      const [method] = route.split(' ');
      if (method !== 'GET') continue;
      const path = fillPath(entry.path, ids);
      const named = rowIds.filter((id) => path.includes(id));
      if (named.length === 0) continue;
      const results = observed.get(route) ?? [];
      for (const [index, actor] of ACTORS.entries()) {
        if (results[index]?.status !== 404) continue;
        let ghost = path;
        for (const id of named) ghost = ghost.replaceAll(id, randomUUID());
        const absent = await send(method, ghost, actor);
        const scrub = (o: Observed, p: string) => `${o.status} ${o.code} ${(o.message ?? '').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')} ${p.length}`;
        if (scrub(results[index], path) !== scrub(absent, ghost)) leaks.push(`${route} as ${actor}: hidden ${scrub(results[index], path)} ≠ absent ${scrub(absent, ghost)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('writes no audit entry for a refused change, and one for each accepted change that is audited', () => {
    // The only probes of a change that succeed: marking one's own notice read (not a change of a record,
    // not audited) and the administrator's unlock (audited).
    const accepted: Record<string, number> = { 'POST /api/notifications/:id/read': 0, 'POST /api/notifications/read-all': 0, 'POST /api/admin/users/:id/unlock': 1 };
    const unexpected = [...audited].filter(([route, count]) => count !== (accepted[route] ?? 0)).map(([route, count]) => `${route}: ${count}`);
    expect(unexpected).toEqual([]);
    const succeeded = [...observed].filter(([route, results]) => !route.startsWith('GET ') && results.some((o) => o.status < 300)).map(([route]) => route);
    expect(succeeded.sort()).toEqual(Object.keys(accepted).sort());
    expect(audited.size).toBeGreaterThan(60); // every changing route of the API
  });

  it('never answers a probe with a server error', () => {
    const failures = [...observed].flatMap(([route, results]) => results.flatMap((o, i) => (o.status >= 500 ? [`${route} as ${ACTORS[i]}: ${o.status}`] : [])));
    expect(failures).toEqual([]);
  });
});
