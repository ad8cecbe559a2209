import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { DomainError } from '#app/core';
import type { User } from '#app/org';
import { AuthService } from './auth.service.js';

/** Username + password login. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  async validate(username: string, password: string): Promise<User> {
    const user = await this.auth.validateCredentials(username, password);
    if (!user) {
      throw new DomainError('unauthenticated', 'BAD_CREDENTIALS', 'Wrong username or password');
    }
    return user;
  }
}
