import { createSecretKey } from 'node:crypto';
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
      // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key
      // (createPublicKey, which throws) on every request before taking it as an HMAC secret — 5 % of the
      // API's CPU under load (bench/README.md, "framework floor"). passport-jwt hands it to jsonwebtoken
      // unchanged; its typings only name string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  validate(request: Request, payload: AccessTokenPayload): Promise<Actor> {
    const header = request.headers['x-committee-id'];
    return this.actors.resolve(payload, typeof header === 'string' ? header : undefined);
  }
}
