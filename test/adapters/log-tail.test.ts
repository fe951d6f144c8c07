/** The log panel's tail: the last lines of broker.log, redacted, however large the file. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_TAIL_BYTES, readLogTail } from '../../shared/adapters/log-tail';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-log-tail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readLogTail', () => {
  it('the last lines, oldest first, with a token redacted', async () => {
    const log = join(dir, 'broker.log');
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    lines[8] = 'refresh failed for sk-ant-oat01-test-leaked-token-in-a-library-error';
    writeFileSync(log, `${lines.join('\n')}\n`);
    const tail = await readLogTail(log, 3);
    expect(tail).toMatchObject({ path: log, exists: true, truncated: true });
    expect(tail.lines).toHaveLength(3);
    expect(tail.lines[0]).toBe('line 7');
    expect(tail.lines[1]).not.toContain('leaked-token');
    expect(tail.lines[1]).toContain('sk-ant-');
    expect(tail.lines[2]).toBe('line 9');
    expect((await readLogTail(log, 50)).truncated).toBe(false);
  });

  it('a log larger than it reads: only whole lines from its end', async () => {
    const log = join(dir, 'broker.log');
    const line = `${'x'.repeat(99)}\n`;
    writeFileSync(log, `${line.repeat(Math.ceil((3 * LOG_TAIL_BYTES) / line.length))}last`);
    const tail = await readLogTail(log, 10_000);
    expect(tail.truncated).toBe(true);
    expect(tail.lines.at(-1)).toBe('last');
    expect(tail.lines.slice(0, -1).every((l) => l === 'x'.repeat(99))).toBe(true);
  });

  it('no log yet', async () => {
    expect(await readLogTail(join(dir, 'missing.log'), 10)).toEqual({
      path: join(dir, 'missing.log'),
      exists: false,
      lines: [],
      truncated: false,
    });
  });

  it('a symlink or a FIFO where the log should be: no log, and nothing of the other file shown', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'not for the page\n');
    const link = join(dir, 'linked.log');
    symlinkSync(secret, link);
    expect(await readLogTail(link, 10)).toMatchObject({ exists: false, lines: [] });
    const fifo = join(dir, 'fifo.log');
    execFileSync('mkfifo', [fifo]);
    expect(await readLogTail(fifo, 10)).toMatchObject({ exists: false, lines: [] });
  });
});
