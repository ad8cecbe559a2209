/**
 * Polls until `check` gives something other than `undefined` or `false`, and returns it; fails with
 * the name of what never came. For work done by other processes (workers), never for timing.
 */
export async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
