import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request did, kept across its awaits (AsyncLocalStorage): the audit entries it wrote.
 * The API opens it around each handler (apps/api RequestContextInterceptor) and keeps it on the request
 * object too, so the request's completion log line (`audit: n`) and the e2e suite's check that every
 * change was audited can read it after the handler has finished. Outside a request (the worker, scripts)
 * there is none and counting does nothing.
 */
export interface RequestContext {
  /** Audit entries appended while handling the request (counted when written, not at commit). */
  auditEntries: number;
}

const storage = new AsyncLocalStorage<RequestContext>();
const byRequest = new WeakMap<object, RequestContext>();

/** A fresh context for `request`, kept with it; run the handler in it with `runInRequestContext`. */
export function openRequestContext(request: object): RequestContext {
  const context: RequestContext = { auditEntries: 0 };
  byRequest.set(request, context);
  return context;
}

export const runInRequestContext = <T>(context: RequestContext, work: () => T): T => storage.run(context, work);

/** The context of the request being handled, if any. */
export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** The context opened for `request` (undefined when no handler ran: refused before it, or not an API route). */
export const requestContextOf = (request: object): RequestContext | undefined => byRequest.get(request);

/** Adds audit entries written to the current request's count (AuditService's writer calls it). */
export function countAuditEntries(entries: number): void {
  const context = storage.getStore();
  if (context) context.auditEntries += entries;
}
