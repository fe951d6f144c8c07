import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  readTextIfExists,
  writeFileAtomic,
  writeFileAtomicSync,
} from '../../../shared/adapters/fs/atomic-write';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { FileSystem } from '../../../shared/ports/file-system';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qb-atomic-'));
  });

  it('writes a private file and leaves no temp file', async () => {
    const path = join(dir, 'a.json');
    await writeFileAtomic(path, '{"a":1}');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('replaces an existing file, setting the requested mode exactly, keeping siblings', async () => {
    const path = join(dir, 'a.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFile(join(dir, 'sibling'), 'keep');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o600);
    await writeFileAtomic(path, 'newer', { mode: 0o640 });
    expect(await modeOf(path)).toBe(0o640);
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'sibling']);
  });

  it('creates missing parent directories with 0700', async () => {
    const path = join(dir, 'x', 'y', 'z.json');
    await writeFileAtomic(path, 'z');
    expect(await readFile(path, 'utf8')).toBe('z');
    expect(await modeOf(join(dir, 'x'))).toBe(0o700);
    expect(await modeOf(join(dir, 'x', 'y'))).toBe(0o700);
  });

  it('with symlink: follow (Claude Code’s own files), writes through a symlink and keeps the link', async () => {
    await mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'file.json');
    await writeFile(real, 'old');
    const link = join(dir, 'link.json');
    await symlink(real, link);
    await writeFileAtomic(link, 'new', { symlink: 'follow' });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe('new');
  });

  it('by default refuses a symlink at the path: the file it points to is untouched, nothing is written', async () => {
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const link = join(dir, 'merged-quota-cache.json');
    await symlink(victim, link);
    const error = await writeFileAtomic(link, '{"ts":1}').catch((e: NodeJS.ErrnoException) => e);
    expect(error).toMatchObject({ code: 'ELOOP' });
    expect(String(error)).toContain(`Remove it: rm ${link}`);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['merged-quota-cache.json', 'victim.txt']);
    const sync = (() => {
      try {
        writeFileAtomicSync(link, '{"ts":2}');
      } catch (e) {
        return e;
      }
    })();
    expect(sync).toMatchObject({ code: 'ELOOP' });
    expect(await readFile(victim, 'utf8')).toBe('precious');
  });

  it.each([
    ['the disk is full during the write', 'writeNewFile', 'ENOSPC'],
    ['the rename fails', 'rename', 'EXDEV'],
  ] as const)('leaves the old file and no temp file when %s', async (_label, op, code) => {
    const path = join(dir, 'a.json');
    await writeFile(path, 'old');
    const failing: FileSystem = {
      ...nodeFileSystem,
      async [op](...args: unknown[]) {
        // Let the temp file exist first, as a real failure halfway through would.
        if (op === 'writeNewFile') await nodeFileSystem.writeNewFile(...(args as [string, string, number]));
        throw errno(code);
      },
    };
    await expect(writeFileAtomic(path, 'new', { fs: failing })).rejects.toMatchObject({ code });
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('fails on a read-only file system without touching anything', async () => {
    const readOnly: FileSystem = {
      ...nodeFileSystem,
      writeNewFile: async () => {
        throw errno('EROFS');
      },
    };
    await expect(writeFileAtomic(join(dir, 'a.json'), 'x', { fs: readOnly })).rejects.toMatchObject({
      code: 'EROFS',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('tolerates a directory that cannot be fsynced', async () => {
    const noDirSync: FileSystem = {
      ...nodeFileSystem,
      fsyncDir: async () => {
        throw errno('EINVAL');
      },
    };
    await writeFileAtomic(join(dir, 'a.json'), 'x', { fs: noDirSync });
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('x');
  });

  it('ends with one complete version when writers race', async () => {
    const path = join(dir, 'race.json');
    const versions = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(10_000) }));
    await Promise.all(versions.map((v) => writeFileAtomic(path, v)));
    expect(versions).toContain(await readFile(path, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.json']);
  });
});

describe('readTextIfExists', () => {
  it('reads a file, answers null for a missing one, and rethrows other errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qb-read-'));
    await writeFile(join(dir, 'a'), 'héllo');
    expect(await readTextIfExists(join(dir, 'a'))).toBe('héllo');
    expect(await readTextIfExists(join(dir, 'missing'))).toBeNull();
    expect(await readTextIfExists(join(dir, 'no-dir', 'missing'))).toBeNull();
    await expect(readTextIfExists(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
