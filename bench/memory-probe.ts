/**
 * Preloaded into a measured process (`node --import ./dist/bench/memory-probe.js …`, see soak.ts and run.ts):
 * every second it writes the process's `process.memoryUsage()` as one JSON line to MEMORY_PROBE_FILE
 * (overwriting it), so the benchmark can print where the resident memory is — V8's heap, memory outside it
 * held by JavaScript objects (`external`, of which `arrayBuffers`: Buffers, font files, PDF bytes) and the
 * rest (code, native libraries, malloc'd memory no longer used but not returned). Does nothing without the
 * variable; the timer does not keep the process alive.
 */
import { writeFileSync } from 'node:fs';

export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  setInterval(() => {
    try {
      writeFileSync(file, JSON.stringify(process.memoryUsage()));
    } catch {
      // the benchmark went away; nothing to report to
    }
  }, 1000).unref();
}
