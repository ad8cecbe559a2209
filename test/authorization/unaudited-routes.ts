import type { RouteKey } from './routes.js';

/**
 * The ONLY changing routes (POST, PUT, PATCH, DELETE) that may answer 2xx without writing an audit entry,
 * each with the reason it is not a change of the record. Every other change the e2e suite makes must
 * write at least one (checked for every request by test/helpers/test-app.ts, which fails the spec that
 * made it); test/authorization-matrix.e2e-spec.ts fails for an entry naming a route that does not exist.
 * Add a route here only when it changes nothing a committee keeps as its record — never to silence the
 * check for a real change: give that change its audit entry in the change's transaction instead.
 */
export const UNAUDITED_ROUTES: Record<RouteKey, string> = {
  'POST /api/auth/login':
    'starts a session (a refresh token row), changes no record; failed logins are counted by the login throttle and every attempt is in the request log',
  'POST /api/auth/refresh': 'rotates the session’s refresh token; no record changes',
  'POST /api/auth/logout': 'revokes the session’s refresh token; no record changes',
  'POST /api/admin/calendar/notice/preview': 'a read with a body (the pasted notice): shows the days it would load, writes nothing',
  'POST /api/imports/org/:kind/dry-run': 'checks an uploaded spreadsheet and reports its problems in a read-only transaction; writes nothing (the confirmed import is audited)',
  'POST /api/imports/proposals/:kind/dry-run': 'checks an uploaded spreadsheet and reports its problems in a read-only transaction; writes nothing (the confirmed import is audited)',
  'POST /api/proposals/similar': 'a read with a body (the draft’s text to compare): finds similar proposals, writes nothing',
  'POST /api/notifications/:id/read': 'marks one of the reader’s own notices read: the reader’s inbox state, not the committee’s record',
  'POST /api/notifications/read-all': 'marks all of the reader’s own notices read: the reader’s inbox state, not the committee’s record',
};
