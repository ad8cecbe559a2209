import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '#app/core';
import { ActorResolver } from './actor.resolver.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard, PermissionGuard } from './guards.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { EdgeRedis } from './edge-redis.js';
import { LoginThrottle } from './login-throttle.js';
import { RequestThrottle, RequestThrottleGuard } from './request-throttle.js';

/** Authentication for the whole API: deny by default, then check permissions. */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    AuthService,
    ActorResolver,
    EdgeRedis,
    LoginThrottle,
    RequestThrottle,
    LocalStrategy,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
    // After the JWT guard (which lets these public routes through), before any route's own guard (the login's password check).
    { provide: APP_GUARD, useClass: RequestThrottleGuard },
  ],
  exports: [AuthService, ActorResolver, LoginThrottle],
})
export class AuthModule {}
