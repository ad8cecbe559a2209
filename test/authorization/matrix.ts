import type { MatrixIds } from './matrix-scenario.js';

/**
 * THE authorization matrix: for every route of the API, the status each of the ten actors gets.
 *
 * Each `expect` lists ten statuses in the order of ACTORS:
 *   anonymous · member (the proposer) · member2 (another member) · drafter (of the assigned police) ·
 *   drafter2 (of the finance bureau, not assigned) · leader (police) · leader2 (finance) · staff · office
 *   (a copied 抄送单位) · admin
 * `path` names the scenario's rows in braces ({proposal}, {reply} …, see MatrixIds). Changes are sent
 * with `body` (default `{}`): an incomplete body is refused with 400 only after authentication (401) and
 * the route's permission (403), so changing routes are probed without changing anything; where a body
 * reaches the row policy, a hidden row must answer 404 and a visible one the actor may not change 403.
 *
 * A route the app registers without an entry here fails the suite, and so does an entry for a route
 * that no longer exists. To add a route: add its line, run `npm test -- test/authorization-matrix.e2e-spec.ts`,
 * and compare what the failure reports with what docs/domain/permissions.md says each role may do.
 */
export interface MatrixEntry {
  path: string;
  body?: Record<string, unknown>;
  expect: string;
}

type Placeholder = keyof MatrixIds;
export const fillPath = (path: string, ids: MatrixIds): string =>
  path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const id = ids[name as Placeholder];
    if (!id) throw new Error(`matrix path ${path} names {${name}}, which the scenario does not have`);
    return id;
  });

/** The entry's body with the scenario's ids in place of its {placeholders}. */
export const fillBody = (body: Record<string, unknown> | undefined, ids: MatrixIds): Record<string, unknown> =>
  JSON.parse(fillPath(JSON.stringify(body ?? {}), ids)) as Record<string, unknown>;

//                      anon mem  mem2 drf  drf2 ldr  ldr2 stf  off  adm
export const MATRIX: Record<string, MatrixEntry> = {
  // auth and public
  'POST /api/auth/login': { path: '/api/auth/login', expect: '400 400 400 400 400 400 400 400 400 400' },
  'POST /api/auth/refresh': { path: '/api/auth/refresh', expect: '400 400 400 400 400 400 400 400 400 400' },
  'POST /api/auth/logout': { path: '/api/auth/logout', expect: '400 400 400 400 400 400 400 400 400 400' },
  'POST /api/auth/password': { path: '/api/auth/password', expect: '401 400 400 400 400 400 400 400 400 400' },
  'GET /api/auth/me': { path: '/api/auth/me', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/health': { path: '/api/health', expect: '200 200 200 200 200 200 200 200 200 200' },
  'GET /api/public/committees': { path: '/api/public/committees', expect: '200 200 200 200 200 200 200 200 200 200' },
  'GET /api/public/replies': { path: '/api/public/replies', expect: '200 200 200 200 200 200 200 200 200 200' },
  'GET /api/public/replies/:id': { path: '/api/public/replies/{reply}', expect: '200 200 200 200 200 200 200 200 200 200' },
  'GET /api/public/replies/:id/document.pdf': { path: '/api/public/replies/{reply}/document.pdf', expect: '200 200 200 200 200 200 200 200 200 200' },
  'GET /api/public/verify/:sha256': { path: '/api/public/verify/0000000000000000000000000000000000000000000000000000000000000000', expect: '404 404 404 404 404 404 404 404 404 404' },

  // proposals
  'POST /api/proposals': { path: '/api/proposals', expect: '401 400 400 403 403 403 403 400 403 403' },
  'GET /api/proposals': { path: '/api/proposals', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/proposals/:id': { path: '/api/proposals/{proposal}', expect: '401 200 404 200 404 200 404 200 200 403' },
  'PATCH /api/proposals/:id': { path: '/api/proposals/{proposal}', body: { version: 999, title: '关于修改标题的提案' }, expect: '401 409 404 403 403 403 403 403 403 403' },
  'GET /api/proposals/:id/similar': { path: '/api/proposals/{proposal}/similar', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/proposals/similar': { path: '/api/proposals/similar', expect: '401 400 400 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/submit': { path: '/api/proposals/{proposal}/submit', body: { version: 999 }, expect: '401 409 404 403 403 403 403 409 403 403' },
  'POST /api/proposals/:id/start-review': { path: '/api/proposals/{proposal}/start-review', body: { version: 999 }, expect: '401 403 403 403 403 403 403 409 403 403' },
  'PUT /api/proposals/:id/deadline-rules': { path: '/api/proposals/{proposal}/deadline-rules', expect: '401 403 403 403 403 403 403 400 403 403' },
  'PUT /api/proposals/:id/supervisor': { path: '/api/proposals/{proposal}/supervisor', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/assignments': { path: '/api/proposals/{proposal}/assignments', expect: '401 403 403 403 403 403 403 400 403 403' },
  'GET /api/proposals/:id/recommended-units': { path: '/api/proposals/{proposal}/recommended-units', expect: '401 403 403 403 403 403 403 200 403 403' },
  'POST /api/proposals/:id/feedback': { path: '/api/proposals/{proposal}/feedback', expect: '401 400 400 403 403 403 403 403 403 403' },
  'POST /api/proposals/:id/feedback/paper': { path: '/api/proposals/{proposal}/feedback/paper', expect: '401 403 403 403 403 403 403 400 403 403' },
  'GET /api/proposals/:id/feedback': { path: '/api/proposals/{proposal}/feedback', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/proposals/:id/close': { path: '/api/proposals/{proposal}/close', body: { version: 999 }, expect: '401 403 403 403 403 403 403 409 403 403' },
  'POST /api/proposals/:id/reopen': { path: '/api/proposals/{proposal}/reopen', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/file': { path: '/api/proposals/{proposal}/file', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/merge': { path: '/api/proposals/{proposal}/merge', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/to-opinion': { path: '/api/proposals/{proposal}/to-opinion', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/not-file': { path: '/api/proposals/{proposal}/not-file', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/withdraw': { path: '/api/proposals/{proposal}/withdraw', body: { version: 999, reason: '委员要求撤回' }, expect: '401 409 404 403 403 403 403 403 403 403' },
  'GET /api/proposals/:id/review-decisions': { path: '/api/proposals/{proposal}/review-decisions', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/proposals/:id/cosigning': { path: '/api/proposals/{proposal}/cosigning', expect: '401 400 400 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/cosign-invitations': { path: '/api/proposals/{proposal}/cosign-invitations', expect: '401 400 400 403 403 403 403 400 403 403' },
  'GET /api/proposals/:id/cosign-invitations': { path: '/api/proposals/{proposal}/cosign-invitations', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/proposals/:id/cosign': { path: '/api/proposals/{proposal}/cosign', expect: '401 400 400 403 403 403 403 403 403 403' },
  'GET /api/members': { path: '/api/members', expect: '401 200 200 403 403 403 403 200 403 403' },
  'GET /api/cosign-invitations': { path: '/api/cosign-invitations', expect: '401 200 200 403 403 403 403 403 403 403' },
  'POST /api/proposals/:id/rehandling': { path: '/api/proposals/{proposal}/rehandling', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/consultations': { path: '/api/proposals/{proposal}/consultations', expect: '401 403 403 403 403 403 403 400 403 403' },
  'GET /api/proposals/:id/consultations': { path: '/api/proposals/{proposal}/consultations', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/proposals/:id/feedback-window': { path: '/api/proposals/{proposal}/feedback-window', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/proposals/:id/attachments': { path: '/api/proposals/{draft}/attachments', expect: '401 400 400 403 403 403 403 400 403 403' },
  'GET /api/proposals/:id/attachments': { path: '/api/proposals/{draft}/attachments', expect: '401 200 404 404 404 404 404 404 404 403' },
  'GET /api/proposals/:id/attachments/:attachmentId': { path: '/api/proposals/{draft}/attachments/{attachment}', expect: '401 200 404 404 404 404 404 404 404 403' },
  'DELETE /api/proposals/:id/attachments/:attachmentId': { path: '/api/proposals/{draft}/attachments/{nothing}', expect: '401 404 404 403 403 403 403 404 403 403' },

  // follow-ups
  'GET /api/follow-ups': { path: '/api/follow-ups', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/follow-ups/:id': { path: '/api/follow-ups/{followUp}', expect: '401 200 404 200 404 200 404 200 200 403' },
  'POST /api/follow-ups/:id/result': { path: '/api/follow-ups/{followUp}/result', expect: '401 403 403 400 400 400 400 400 403 403' },

  // assignments, adjustments, extensions
  'GET /api/assignments': { path: '/api/assignments', expect: '401 403 403 200 200 200 200 200 403 403' },
  'GET /api/assignments/:id': { path: '/api/assignments/{assignment}', expect: '401 403 403 200 404 200 404 200 403 403' },
  'GET /api/assignments/:id/countersign': { path: '/api/assignments/{assignment}/countersign', expect: '401 403 403 200 404 200 404 200 403 403' },
  'POST /api/assignments/bulk': { path: '/api/assignments/bulk', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/assignments/urge': { path: '/api/assignments/urge', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/assignments/:id/waive-countersign': { path: '/api/assignments/{assignment}/waive-countersign', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/assignments/:id/adjustment-requests': { path: '/api/assignments/{assignment}/adjustment-requests', body: { reason: '本提案不属于本单位职责范围' }, expect: '401 403 403 409 404 409 404 403 403 403' },
  'POST /api/assignments/:id/clock-stop': { path: '/api/assignments/{assignment}/clock-stop', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/assignments/:id/clock-resume': { path: '/api/assignments/{assignment}/clock-resume', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/assignments/:id/contact': { path: '/api/assignments/{assignment}/contact', expect: '401 403 403 400 400 400 400 403 403 403' },
  'POST /api/assignments/:id/extensions': { path: '/api/assignments/{assignment}/extensions', body: { requestedDueDate: '2022-06-30', reason: '需要跨部门调查取证' }, expect: '401 403 403 409 404 409 404 403 403 403' },
  'POST /api/assignments/:id/accept': { path: '/api/assignments/{assignment}/accept', body: { version: 999 }, expect: '401 403 403 409 404 409 404 403 403 403' },
  'POST /api/assignments/:id/replies': { path: '/api/assignments/{assignment}/replies', expect: '401 403 403 409 404 403 403 403 403 403' },
  'GET /api/adjustment-requests': { path: '/api/adjustment-requests', expect: '401 403 403 200 200 200 200 200 403 403' },
  'GET /api/adjustment-requests/:id': { path: '/api/adjustment-requests/{adjustment}', expect: '401 403 403 200 404 200 404 200 403 403' },
  'POST /api/adjustment-requests/:id/approve': { path: '/api/adjustment-requests/{adjustment}/approve', body: { version: 999, newUnitId: '{unit}' }, expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/adjustment-requests/:id/reject': { path: '/api/adjustment-requests/{adjustment}/reject', body: { version: 999, reason: '职责范围内，请继续办理' }, expect: '401 403 403 403 403 403 403 409 403 403' },
  'GET /api/extensions': { path: '/api/extensions', expect: '401 403 403 200 200 200 200 200 403 403' },
  'POST /api/extensions/:id/approve': { path: '/api/extensions/{extension}/approve', body: { version: 999 }, expect: '401 403 403 403 403 403 403 409 403 403' },
  'POST /api/extensions/:id/reject': { path: '/api/extensions/{extension}/reject', body: { version: 999, reason: '期限合理，请按期办理' }, expect: '401 403 403 403 403 403 403 409 403 403' },

  // replies
  'GET /api/replies': { path: '/api/replies', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/replies/grades': { path: '/api/replies/grades', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/replies/:id/reviewer-candidates': { path: '/api/replies/{reply}/reviewer-candidates', expect: '401 403 403 200 404 403 403 403 403 403' },
  'GET /api/replies/:id': { path: '/api/replies/{reply}', expect: '401 200 404 200 404 200 404 200 200 403' },
  'GET /api/replies/:id/document.pdf': { path: '/api/replies/{reply}/document.pdf', expect: '401 200 404 200 404 200 404 200 200 403' },
  'GET /api/replies/:id/document.docx': { path: '/api/replies/{reply}/document.docx', expect: '401 200 404 200 404 200 404 200 200 403' },
  'PUT /api/replies/:id': { path: '/api/replies/{reply}', body: { version: 999, body: '一、基本情况\n改过的正文。' }, expect: '401 403 403 409 404 403 403 403 403 403' },
  'POST /api/replies/:id/submit': { path: '/api/replies/{reply}/submit', body: { version: 999 }, expect: '401 403 403 409 404 403 403 403 403 403' },
  'POST /api/replies/:id/send-for-review': { path: '/api/replies/{reply}/send-for-review', expect: '401 403 403 400 400 403 403 403 403 403' },
  'POST /api/replies/:id/review': { path: '/api/replies/{reply}/review', expect: '401 403 403 400 400 400 400 403 403 403' },
  'GET /api/replies/:id/reviews': { path: '/api/replies/{reply}/reviews', expect: '401 404 404 200 404 200 404 200 404 403' },
  'POST /api/replies/:id/committee-check': { path: '/api/replies/{reply}/committee-check', body: { version: 999, note: '已审核' }, expect: '401 403 403 403 403 403 403 409 403 403' },
  'POST /api/replies/:id/return': { path: '/api/replies/{reply}/return', body: { version: 999, reason: '请补充数据' }, expect: '401 403 403 403 403 409 404 403 403 403' },
  'POST /api/replies/:id/sign-off': { path: '/api/replies/{reply}/sign-off', body: { version: 999, disclosure: 'full' }, expect: '401 403 403 403 403 409 404 403 403 403' },
  'POST /api/replies/:id/dispatch': { path: '/api/replies/{reply}/dispatch', body: { version: 999 }, expect: '401 403 403 409 404 409 404 403 403 403' },
  'GET /api/replies/:id/versions': { path: '/api/replies/{reply}/versions', expect: '401 404 404 200 404 200 404 200 404 403' },
  'GET /api/replies/:id/versions/:seq': { path: '/api/replies/{reply}/versions/1', expect: '401 404 404 200 404 200 404 200 404 403' },
  'GET /api/replies/:id/diff': { path: '/api/replies/{reply}/diff?from=1&to=1', expect: '401 404 404 200 404 200 404 200 404 403' },
  'POST /api/replies/:id/versions/:seq/comments': { path: '/api/replies/{reply}/versions/1/comments', expect: '401 403 403 400 400 400 400 400 403 403' },
  'GET /api/units/:unitId/reply-templates': { path: '/api/units/{unit}/reply-templates', expect: '401 404 404 200 404 200 404 200 404 403' },
  'PUT /api/units/:unitId/reply-templates/:kind': { path: '/api/units/{unit}/reply-templates/answer', expect: '401 403 403 400 400 400 400 403 403 403' },
  'DELETE /api/units/:unitId/reply-templates/:kind': { path: '/api/units/{unit}/reply-templates/answer', expect: '401 403 403 404 404 404 404 403 403 403' },

  // reading the committee's setup, inbox
  'GET /api/calendar': { path: '/api/calendar?year=2021', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/calendar/status': { path: '/api/calendar/status', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/sessions': { path: '/api/sessions', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/code-tables/:table': { path: '/api/code-tables/category', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/units': { path: '/api/units', expect: '401 200 200 200 200 200 200 200 200 200' },
  'GET /api/notifications': { path: '/api/notifications', expect: '401 200 200 200 200 200 200 200 200 200' },
  'POST /api/notifications/read-all': { path: '/api/notifications/read-all', expect: '401 200 200 200 200 200 200 200 200 200' },
  'POST /api/notifications/:id/read': { path: '/api/notifications/{notification}/read', expect: '401 200 404 404 404 404 404 404 404 404' },

  // imports (批量导入): admins the org kinds, staff the proposal kinds; an upload without a file is a 400
  'GET /api/imports/org/:kind/template.xlsx': { path: '/api/imports/org/members/template.xlsx', expect: '401 403 403 403 403 403 403 403 403 200' },
  'GET /api/imports/org/:kind/export.xlsx': { path: '/api/imports/org/members/export.xlsx', expect: '401 403 403 403 403 403 403 403 403 200' },
  'POST /api/imports/org/:kind/dry-run': { path: '/api/imports/org/members/dry-run', expect: '401 403 403 403 403 403 403 403 403 400' },
  'POST /api/imports/org/:kind': { path: '/api/imports/org/members', expect: '401 403 403 403 403 403 403 403 403 400' },
  'GET /api/imports/proposals/:kind/template.xlsx': { path: '/api/imports/proposals/history/template.xlsx', expect: '401 403 403 403 403 403 403 200 403 403' },
  'GET /api/imports/proposals/:kind/export.xlsx': { path: '/api/imports/proposals/paper/export.xlsx', expect: '401 403 403 403 403 403 403 200 403 403' },
  'POST /api/imports/proposals/:kind/dry-run': { path: '/api/imports/proposals/paper/dry-run', expect: '401 403 403 403 403 403 403 400 403 403' },
  'POST /api/imports/proposals/:kind': { path: '/api/imports/proposals/history', expect: '401 403 403 403 403 403 403 400 403 403' },

  // statistics, exports, reports
  'GET /api/statistics': { path: '/api/statistics', expect: '401 403 403 403 403 200 200 200 403 200' },
  'GET /api/statistics/drill': { path: '/api/statistics/drill?figure=overdue', expect: '401 403 403 403 403 403 403 200 403 200' },
  'GET /api/exports/proposals.xlsx': { path: '/api/exports/proposals.xlsx', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/exports/assignments.xlsx': { path: '/api/exports/assignments.xlsx', expect: '401 403 403 200 200 200 200 200 403 403' },
  'GET /api/exports/replies.xlsx': { path: '/api/exports/replies.xlsx', expect: '401 200 200 200 200 200 200 200 200 403' },
  'GET /api/exports/adjustment-requests.xlsx': { path: '/api/exports/adjustment-requests.xlsx', expect: '401 403 403 200 200 200 200 200 403 403' },
  'GET /api/exports/extensions.xlsx': { path: '/api/exports/extensions.xlsx', expect: '401 403 403 200 200 200 200 200 403 403' },
  'GET /api/exports/feedback.xlsx': { path: '/api/exports/feedback.xlsx', expect: '401 403 403 403 403 403 403 200 403 200' },
  'GET /api/exports/statistics.xlsx': { path: '/api/exports/statistics.xlsx', expect: '401 403 403 403 403 403 403 200 403 200' },
  'GET /api/reports/yearly.pdf': { path: '/api/reports/yearly.pdf?year=2021', expect: '401 403 403 403 403 403 403 200 403 200' },

  // administration, audit
  'PUT /api/admin/code-tables/:table': { path: '/api/admin/code-tables/category', expect: '401 403 403 403 403 403 403 403 403 400' },
  'GET /api/admin/units': { path: '/api/admin/units', expect: '401 403 403 403 403 403 403 403 403 200' },
  'POST /api/admin/units': { path: '/api/admin/units', expect: '401 403 403 403 403 403 403 403 403 400' },
  'PATCH /api/admin/units/:id': { path: '/api/admin/units/{unit}', expect: '401 403 403 403 403 403 403 403 403 400' },
  'GET /api/admin/sessions': { path: '/api/admin/sessions', expect: '401 403 403 403 403 403 403 403 403 200' },
  'POST /api/admin/sessions': { path: '/api/admin/sessions', expect: '401 403 403 403 403 403 403 403 403 400' },
  'PATCH /api/admin/sessions/:id': { path: '/api/admin/sessions/{session}', expect: '401 403 403 403 403 403 403 403 403 400' },
  'GET /api/admin/calendar': { path: '/api/admin/calendar?year=2021', expect: '401 403 403 403 403 403 403 403 403 200' },
  'PUT /api/admin/calendar/:date': { path: '/api/admin/calendar/2021-10-09', expect: '401 403 403 403 403 403 403 403 403 400' },
  'DELETE /api/admin/calendar/:date': { path: '/api/admin/calendar/2021-10-09', expect: '401 403 403 403 403 403 403 403 403 404' },
  'POST /api/admin/calendar/notice/preview': { path: '/api/admin/calendar/notice/preview', expect: '401 403 403 403 403 403 403 403 403 400' },
  'POST /api/admin/calendar/notice': { path: '/api/admin/calendar/notice', expect: '401 403 403 403 403 403 403 403 403 400' },
  'GET /api/admin/users': { path: '/api/admin/users', expect: '401 403 403 403 403 403 403 403 403 200' },
  'POST /api/admin/users': { path: '/api/admin/users', expect: '401 403 403 403 403 403 403 403 403 400' },
  'POST /api/admin/users/:id/memberships': { path: '/api/admin/users/{user}/memberships', expect: '401 403 403 403 403 403 403 403 403 400' },
  'POST /api/admin/users/:id/unlock': { path: '/api/admin/users/{user}/unlock', expect: '401 403 403 403 403 403 403 403 403 200' },
  'DELETE /api/admin/users/:id/memberships/:membershipId': { path: '/api/admin/users/{user}/memberships/{nothing}', expect: '401 403 403 403 403 403 403 403 403 404' },
  'GET /api/proposals/:id/audit': { path: '/api/proposals/{proposal}/audit', expect: '401 403 403 403 403 403 403 200 403 200' },
  'GET /api/proposals/:id/audit.json': { path: '/api/proposals/{proposal}/audit.json', expect: '401 403 403 403 403 403 403 200 403 200' },
  'GET /api/audit/:entityId': { path: '/api/audit/{proposal}', expect: '401 403 403 403 403 403 403 200 403 200' },
};
