import { Module } from '@nestjs/common';
import { AppConfig } from '#app/core';
import { DiskObjectStore } from './disk-object-store.js';
import { ObjectStore } from './object-store.js';
import { S3ObjectStore } from './s3-object-store.js';

/** The store that STORAGE_DRIVER names, configured from AppConfig. */
export function createObjectStore(config: AppConfig): ObjectStore {
  switch (config.STORAGE_DRIVER) {
    case 's3':
      return S3ObjectStore.fromConfig(config);
    case 'disk':
      return new DiskObjectStore(config.STORAGE_DIR);
  }
}

/** Provides `ObjectStore` (the configured driver) to the modules that import it. Needs AppConfig (CoreModule). */
@Module({
  providers: [{ provide: ObjectStore, inject: [AppConfig], useFactory: createObjectStore }],
  exports: [ObjectStore],
})
export class StorageModule {}
