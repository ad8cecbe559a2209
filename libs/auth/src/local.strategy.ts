import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { DomainError } from '#app/core';
import type { User } from '#app/org';
import { AuthService } from './auth.service.js';
import { AuthErrorCode } from './auth.errors.js';

/** Username + password login. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: Request, username: string, password: string): Promise<User> {
    const user = await this.auth.validateCredentials(username, password, clientAddress(request));
    if (!user) {
      throw new DomainError('unauthenticated', AuthErrorCode.BAD_CREDENTIALS, 'Wrong username or password');
    }
    return user;
  }
}

/** The client's address as Express sees it (through TRUST_PROXY when the API sits behind a proxy). */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
