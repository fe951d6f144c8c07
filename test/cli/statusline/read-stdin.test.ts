import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStdinWithDeadline } from '../../../shared/cli/statusline/read-stdin';
import { makeTempPaths } from './helpers';

// Pipes, sockets, partial input and a writer that never closes are covered black-box in bundle.test.ts.
describe('readStdinWithDeadline', () => {
  it('reads a regular file at once', async () => {
    const { root } = makeTempPaths();
    const file = join(root, 'in.json');
    writeFileSync(file, '{"a":1}');
    const fd = openSync(file, 'r');
    try {
      expect(await readStdinWithDeadline(fd, 50)).toBe('{"a":1}');
    } finally {
      closeSync(fd);
    }
  });

  it('gives nothing for a closed fd', async () => {
    expect(await readStdinWithDeadline(987_654, 50)).toBe('');
  });
});
