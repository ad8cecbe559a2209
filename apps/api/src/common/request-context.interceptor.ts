import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { openRequestContext, runInRequestContext } from '#app/core';

/**
 * Runs every HTTP handler (with its pipes) in a request context of its own (libs/core RequestContext),
 * which counts the audit entries the request writes; the completion log line reports them as `audit`.
 */
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const requestContext = openRequestContext(context.switchToHttp().getRequest<object>());
    // handle() binds the handler's async scope where it is called, so inside run() the handler inherits it.
    return runInRequestContext(requestContext, () => next.handle());
  }
}
