import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock } from '#app/core';

const quiet = (): void => undefined;
const SILENT = { log: quiet, error: quiet, warn: quiet, debug: quiet, verbose: quiet, fatal: quiet };

/**
 * The real worker module in this test process, on the test's clock; close it when done. The API and the
 * worker then share a process, so TypeORM warns about two default data sources: expected here, silenced
 * before the worker's modules are even declared (hence the late import).
 */
export async function startInProcessWorker(clock: Clock): Promise<TestingModule> {
  Logger.overrideLogger(false);
  const { WorkerModule } = await import('../../apps/worker/src/worker.module.js');
  const worker = await Test.createTestingModule({ imports: [WorkerModule] }).setLogger(SILENT).overrideProvider(Clock).useValue(clock).compile();
  await worker.init();
  return worker;
}
