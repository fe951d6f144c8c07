import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * Runs `setup` once before a test file's tests. When it throws (no claude binary, no namespaces,
 * port 443 unavailable, no tmux), every test of the file fails with that error: never a silent skip.
 * (Kept out of index.ts so scripts can use the harness without vitest.)
 *
 * @param teardown - run after the file's tests when the setup succeeded.
 * @returns a getter for the setup's value.
 */
export function requireSetup<T>(setup: () => T | Promise<T>, teardown?: (value: T) => unknown): () => T {
  let value: T | undefined;
  let error: unknown = null;
  beforeAll(async () => {
    try {
      value = await setup();
    } catch (err) {
      error = err;
    }
  });
  beforeEach(() => {
    if (error !== null) throw error;
  });
  afterAll(async () => {
    if (value !== undefined && teardown) await teardown(value);
  });
  return () => {
    if (error !== null) throw error;
    return value as T;
  };
}
