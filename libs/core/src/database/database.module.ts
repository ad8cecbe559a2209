import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { DatabaseParts, dataSourceOptions } from './data-source-options.js';

/**
 * Connects TypeORM to PostgreSQL with the given entities and migrations (never synchronize), and provides
 * everywhere the domain-event reactions run after each commit ({@link DomainEvents}).
 */
@Module({})
export class DatabaseModule {
  static forRoot(parts: DatabaseParts): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [DomainEvents],
      exports: [DomainEvents],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(config.DATABASE_URL, parts, config.DATABASE_POOL_SIZE),
        }),
      ],
    };
  }
}
