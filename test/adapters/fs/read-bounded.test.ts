/** Reading a file another program owns: whole when it is a regular file within the bound, refused otherwise. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoundedFile } from '../../../shared/adapters/fs/read-bounded';

const dir = mkdtempSync(join(tmpdir(), 'qb-read-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readBoundedFile', () => {
  it('reads a file of several chunks whole, an empty one as "", a missing one as null', async () => {
    const text = `${'0123456789abcdef'.repeat(160_000)}é`; // ~2.5 MB, past one read chunk
    writeFileSync(join(dir, 'big.json'), text);
    writeFileSync(join(dir, 'empty.json'), '');
    const options = { maxBytes: 4 * 1024 * 1024, timeoutMs: 5_000 };
    expect(await readBoundedFile(join(dir, 'big.json'), options)).toBe(text);
    expect(await readBoundedFile(join(dir, 'empty.json'), options)).toBe('');
    expect(await readBoundedFile(join(dir, 'missing.json'), options)).toBeNull();
  });

  it('refuses a file one byte over the bound, and reads one exactly at it', async () => {
    writeFileSync(join(dir, 'at.json'), 'x'.repeat(1000));
    writeFileSync(join(dir, 'over.json'), 'x'.repeat(1001));
    expect(await readBoundedFile(join(dir, 'at.json'), { maxBytes: 1000, timeoutMs: 5_000 })).toHaveLength(
      1000,
    );
    await expect(
      readBoundedFile(join(dir, 'over.json'), { maxBytes: 1000, timeoutMs: 5_000 }),
    ).rejects.toMatchObject({ code: 'EFBIG' });
  });
});
