import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '#app/core';
import type { Actor } from './actor.js';
import { IS_PUBLIC, REQUIRED_PERMISSION } from './decorators.js';
import type { Permission } from './permissions.js';
import { AuthErrorCode } from './auth.errors.js';

/** Global: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser): TUser {
    if (error) throw error;
    if (!user) {
      throw new DomainError('unauthenticated', AuthErrorCode.UNAUTHENTICATED, 'Log in first: send a valid Bearer access token');
    }
    return user;
  }
}

/** Global, after authentication: the route's @RequirePermission must be granted by one of the actor's roles. */
@Injectable()
export class PermissionGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!required) return true;
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (!actor.permissions.has(required)) {
      throw new DomainError('forbidden', AuthErrorCode.PERMISSION_DENIED, `Your role in this committee does not allow ${required}`);
    }
    return true;
  }
}

/**
 * Login: validates username and password through the local strategy. Missing fields are a 400 that
 * names them (passport alone would answer a bare 401).
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body ?? {};
    const missing = ['username', 'password'].filter(
      (field) => typeof body[field] !== 'string' || (body[field] as string).length === 0 || (body[field] as string).length > 128,
    );
    // As the global pipe refuses unknown fields everywhere else (the login has no DTO after this guard).
    const unknown = Object.keys(body).filter((field) => field !== 'username' && field !== 'password');
    if (missing.length > 0 || unknown.length > 0) {
      const problems = [...missing.map((field) => `${field} must be a non-empty string of at most 128 characters`), ...unknown.map((field) => `property ${field} should not exist`)];
      throw new DomainError('invalid', AuthErrorCode.VALIDATION_FAILED, `Invalid request: ${problems.join('; ')}`, {
        fields: [...missing.map((field) => ({ field, problems: [`${field} must be a non-empty string`] })), ...unknown.map((field) => ({ field, problems: [`property ${field} should not exist`] }))],
      });
    }
    return super.canActivate(context);
  }
}
