import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../../shared/adapters/credentials/file-store';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import { CredentialStoreError, type CredentialTarget } from '../../../shared/ports/credential-store';
import type { FileSystem } from '../../../shared/ports/file-system';

const eacces = () => Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });

describe('file store', () => {
  let target: CredentialTarget;
  let path: string;
  beforeEach(async () => {
    const configDir = await mkdtemp(join(tmpdir(), 'qb-file-store-'));
    target = { configDir, isDefault: false };
    path = join(configDir, '.credentials.json');
  });

  it('uses <configDir>/.credentials.json for default and explicit targets alike', () => {
    const store = createFileStore();
    expect(store.describe(target)).toBe(path);
    expect(store.describe({ ...target, isDefault: true })).toBe(path);
  });

  it('answers null when there is no file', async () => {
    await expect(createFileStore().readRaw(target)).resolves.toBeNull();
  });

  it('writes atomically with mode 0600, even over a file that was 0644', async () => {
    await writeFile(path, '{}', { mode: 0o644 });
    await writeFile(join(target.configDir, 'settings.json'), '{"keep":true}');
    const store = createFileStore();
    await store.writeRaw(target, '{"a":1}');
    expect(await store.readRaw(target)).toBe('{"a":1}');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(target.configDir)).sort()).toEqual(['.credentials.json', 'settings.json']);
  });

  it('maps EACCES to a denied error naming the file', async () => {
    const denied: FileSystem = {
      ...nodeFileSystem,
      readRegularFile: async () => {
        throw eacces();
      },
      writeNewFile: async () => {
        throw eacces();
      },
    };
    const store = createFileStore({ fs: denied });
    for (const op of [() => store.readRaw(target), () => store.writeRaw(target, '{"a":1}')]) {
      const error = (await op().catch((e: unknown) => e)) as CredentialStoreError;
      expect(error).toBeInstanceOf(CredentialStoreError);
      expect(error.code).toBe('denied');
      expect(error.message).toContain(path);
      expect(error.message).toContain('permission denied');
    }
  });

  it('reports a full disk as io and leaves the old file intact', async () => {
    await writeFile(path, 'old');
    const full: FileSystem = {
      ...nodeFileSystem,
      writeNewFile: async () => {
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    };
    const error = (await createFileStore({ fs: full })
      .writeRaw(target, 'new')
      .catch((e: unknown) => e)) as CredentialStoreError;
    expect(error.code).toBe('io');
    expect(error.message).toContain('the disk is full');
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it.each([
    [
      'a FIFO (it would block the read forever)',
      'fifo',
      /not a regular file \(a FIFO, device or directory\)/,
      'io',
    ],
    ['a directory', 'dir', /not a regular file/, 'io'],
    ['a file over 1 MB', 'big', /larger than 1024 KB/, 'io'],
  ] as const)(
    'refuses %s at .credentials.json with a sentence, at once',
    async (_label, kind, message, code) => {
      if (kind === 'fifo') execFileSync('mkfifo', [path]);
      if (kind === 'dir') await mkdir(path);
      if (kind === 'big') await writeFile(path, `{"pad":"${'x'.repeat(1024 * 1024)}"}`);
      const error = (await createFileStore()
        .readRaw(target)
        .catch((e: unknown) => e)) as CredentialStoreError;
      expect(error).toBeInstanceOf(CredentialStoreError);
      expect(error.code).toBe(code);
      expect(error.message).toContain(path);
      expect(error.message).toMatch(message);
    },
  );

  it('reads through a symlink to a regular file (a dotfiles setup)', async () => {
    const real = join(target.configDir, 'real.json');
    await writeFile(real, '{"a":1}');
    await symlink(real, path);
    expect(await createFileStore().readRaw(target)).toBe('{"a":1}');
  });

  it('gives up on a read that never returns (a hung mount) after its timeout', async () => {
    const hung: FileSystem = { ...nodeFileSystem, readRegularFile: () => new Promise(() => undefined) };
    const error = (await createFileStore({ fs: hung, readTimeoutMs: 200 })
      .readRaw(target)
      .catch((e: unknown) => e)) as CredentialStoreError;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('did not finish in time');
  });
});
