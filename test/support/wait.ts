/**
 * Waiting for something a test caused to become visible (a file, a log line, a record). A wait that
 * runs out FAILS the test with what it was waiting for: a quiet timeout would turn the next assertion
 * into a confusing failure, or a negative check into one that cannot fail.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 10_000, everyMs = 20 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
