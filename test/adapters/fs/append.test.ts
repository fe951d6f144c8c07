/**
 * The appenders' and the hot path's writes: an append lands whole or leaves the file as it was (a full
 * disk that took half a line), and the synchronous atomic write (statusline observations) replaces a
 * file without ever showing a torn one or leaving a temp file.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { appendOrRollBack } from '../../../shared/adapters/fs/append';
import { writeFileAtomicSync } from '../../../shared/adapters/fs/atomic-write';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import type { FileSystem } from '../../../shared/ports/file-system';

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** Appends half the bytes for real, then fails as a full disk does. */
const halfFullDisk: FileSystem = {
  ...nodeFileSystem,
  appendSync(path, data, mode) {
    const bytes = Buffer.from(data);
    nodeFileSystem.appendSync(path, bytes.subarray(0, bytes.length >> 1), mode);
    throw errno('ENOSPC');
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-append-'));
});

describe('appendOrRollBack', () => {
  it('does not follow a symlink at the path: the append fails (ELOOP) and the file it points to is untouched', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const link = join(dir, 'broker.log');
    symlinkSync(victim, link);
    expect(() => appendOrRollBack(link, 'planted\n', 0o600, nodeFileSystem)).toThrow(
      expect.objectContaining({ code: 'ELOOP' }),
    );
    // Neither the append nor the roll-back (a truncation) reached the file behind the link.
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(() => nodeFileSystem.truncateSync(link, 0)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('appends, creating the file private', () => {
    const file = join(dir, 'history.jsonl');
    appendOrRollBack(file, 'one\n', 0o600, nodeFileSystem);
    appendOrRollBack(file, 'two\n', 0o600, nodeFileSystem);
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a full disk half-way through the line: the error comes through, the file is byte-identical', () => {
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, 'kept line\n');
    expect(() => appendOrRollBack(file, 'a line the disk cut in half\n', 0o600, halfFullDisk)).toThrow(
      /ENOSPC/,
    );
    expect(readFileSync(file, 'utf8')).toBe('kept line\n');
    // Positive control: the same disk without the fault really appends.
    appendOrRollBack(file, 'next\n', 0o600, nodeFileSystem);
    expect(readFileSync(file, 'utf8')).toBe('kept line\nnext\n');
  });

  it('a file the failed append created is removed again', () => {
    const file = join(dir, 'broker.log');
    expect(() => appendOrRollBack(file, 'half of me\n', 0o600, halfFullDisk)).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces the file, private, with no temp file left', () => {
    const file = join(dir, 'observations', 'slot-1.json');
    writeFileAtomicSync(file, 'old', { fs: nodeFileSystem, durable: false });
    writeFileAtomicSync(file, 'new', { fs: nodeFileSystem, durable: false });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'observations')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'observations'))).toEqual(['slot-1.json']);
  });

  it.each([
    ['half-way through the temp file (ENOSPC)', 'write'],
    ['at the rename (EROFS)', 'rename'],
  ])('a failure %s keeps the old file and removes the temp file', (_name, where) => {
    const file = join(dir, 'slot-1.json');
    writeFileSync(file, 'old');
    const failing: FileSystem = {
      ...nodeFileSystem,
      writeNewFileSync(path, data, mode, options) {
        if (where !== 'write') return nodeFileSystem.writeNewFileSync(path, data, mode, options);
        nodeFileSystem.writeNewFileSync(path, String(data).slice(0, 2), mode, options);
        throw errno('ENOSPC');
      },
      renameSync(from, to) {
        if (where === 'rename') throw errno('EROFS');
        nodeFileSystem.renameSync(from, to);
      },
    };
    expect(() => writeFileAtomicSync(file, 'new content', { fs: failing })).toThrow(
      where === 'write' ? /ENOSPC/ : /EROFS/,
    );
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['slot-1.json']);
  });
});
