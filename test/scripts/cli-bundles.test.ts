/**
 * The CLI's bundles (scripts/build.mjs) are ASCII: one character outside it — a dash in a regular
 * expression, a comment left in — makes V8 hold the whole ~500 kB source as a two-byte string, and the
 * daemon's peak memory grows by ~4 MB (docs/BENCHMARKS.md "Memory of the daemon").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/run-cli';

const BUNDLES = [
  'cli.cjs',
  'cli-launch.cjs',
  'statusline.cjs',
  'statusline-options.cjs',
  'statusline-registry.cjs',
];

/** Where the first byte outside ASCII is, with a little context; null when there is none. */
function findNonAscii(bytes: Buffer): string | null {
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at < 0) return null;
  return JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 10).toString('utf8'));
}

describe('the CLI bundles', () => {
  it.each(BUNDLES)('dist/%s holds only ASCII', (name) => {
    const bytes = readFileSync(join(REPO, 'dist', name));
    expect(bytes.length).toBeGreaterThan(1000);
    expect(findNonAscii(bytes)).toBeNull();
  });

  it('the check finds a character outside ASCII (positive control)', () => {
    expect(findNonAscii(Buffer.from('const dash = /[—-]/;\n'))).toContain('const dash');
  });
});
