import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '#app/core';
import type { Actor } from './actor.js';
import { ActorResolver } from './actor.resolver.js';
import type { AccessTokenPayload } from './auth.service.js';

/** Bearer access tokens; the committee comes from the `X-Committee-Id` header when the user has several. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly actors: ActorResolver,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  validate(request: Request, payload: AccessTokenPayload): Promise<Actor> {
    const header = request.headers['x-committee-id'];
    return this.actors.resolve(payload.sub, payload.tv, typeof header === 'string' ? header : undefined);
  }
}
