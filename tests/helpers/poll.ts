// Waiting, for tests and scripts: a plain pause, and polling for state that settles asynchronously
// (a worker, a queue) that resolves with the first truthy value of `probe` or fails naming what
// it waited for.

/** A pause; in tests, for checks that something does NOT happen within a while (a doubled or late event). */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
