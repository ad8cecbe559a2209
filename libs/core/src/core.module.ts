import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock.js';
import { AppConfig, loadConfig } from './config/app-config.js';

/** Validated configuration and the clock, available everywhere. Boot fails when the environment is wrong. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, Clock],
  exports: [AppConfig, Clock],
})
export class CoreModule {
  /** The same, on a given clock (the demo seed replays history on the dates it happened). */
  static withClock(clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, { provide: Clock, useValue: clock }],
      exports: [AppConfig, Clock],
    };
  }
}
