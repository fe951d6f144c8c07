/**
 * Parse once per change (parsed-file-memo.ts), on real files: an unchanged file is parsed once however
 * often it is read, and every kind of change a person or a program makes — an edit of the same size in
 * the same second, an atomic rename over the file, a deletion — is seen at the next read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createParsedFileMemo } from '../../../shared/adapters/fs/parsed-file-memo';
import { keepTimes } from '../../support/keep-times';

const dir = mkdtempSync(join(tmpdir(), 'qb-memo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function setup(clock?: () => number) {
  const file = join(dir, `f${n++}.txt`);
  const parsed: string[] = [];
  const memo = createParsedFileMemo<{ text: string }>({
    parse: (text) => {
      parsed.push(text);
      return { text };
    },
    copy: (v) => ({ ...v }),
    clock,
  });
  return { file, parsed, load: () => memo.load(file) };
}

/** A clock well past every file's ctime: reads are trusted (no change in the last few seconds). */
const later = () => Date.now() + 60_000;

describe('a file is parsed once per change', () => {
  it.each([
    ['trusted (changed long ago)', later],
    ['racy (changed just now)', undefined],
  ])('an unchanged file is parsed once over many reads — %s', async (_name, clock) => {
    const { file, parsed, load } = setup(clock);
    writeFileSync(file, 'one');
    for (let i = 0; i < 5; i++) expect(await load()).toEqual({ text: 'one' });
    expect(parsed).toEqual(['one']);
    // Positive control: a change is parsed.
    writeFileSync(file, 'three');
    expect(await load()).toEqual({ text: 'three' });
    expect(parsed).toEqual(['one', 'three']);
  });

  it('an edit of the same size with the same mtime (a coarse clock) is seen', async () => {
    const { file, load } = setup();
    writeFileSync(file, 'aaaa');
    const times = keepTimes(file);
    expect(await load()).toEqual({ text: 'aaaa' });
    writeFileSync(file, 'bbbb');
    times.restore(file); // what a 1 s or tick-granular file system would leave
    expect(await load()).toEqual({ text: 'bbbb' });
  });

  it('an atomic rename over the file (same size, same mtime) is seen, also by a trusting read', async () => {
    const { file, load } = setup(later);
    writeFileSync(file, 'old!');
    const times = keepTimes(file);
    expect(await load()).toEqual({ text: 'old!' });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, 'new!');
    times.restore(tmp);
    renameSync(tmp, file);
    expect(await load()).toEqual({ text: 'new!' });
  });

  it('a deleted file reads as absent, and a new one is read', async () => {
    const { file, load } = setup(later);
    writeFileSync(file, 'here');
    expect(await load()).toEqual({ text: 'here' });
    unlinkSync(file);
    expect(await load()).toBeNull();
    writeFileSync(file, 'back');
    expect(await load()).toEqual({ text: 'back' });
  });

  it('a caller changing its value does not change what the next caller reads', async () => {
    const { file, load } = setup(later);
    writeFileSync(file, 'mine');
    const first = await load();
    if (!first) throw new Error('no value');
    first.text = 'changed by a caller';
    expect(await load()).toEqual({ text: 'mine' });
  });

  it('a reader asking for the frozen value gets one it cannot change, shared with the next such reader', async () => {
    const { file, load } = setup(later);
    writeFileSync(file, 'shared');
    await load();
    const memo = createParsedFileMemo<{ text: string }>({
      parse: (text) => ({ text }),
      copy: (v) => ({ ...v }),
    });
    const a = await memo.load(file, { frozen: true });
    const b = await memo.load(file, { frozen: true });
    expect(a).toBe(b);
    expect(() => {
      (a as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(await memo.load(file)).toEqual({ text: 'shared' });
  });

  it('a file that cannot be read rejects with the node error (a directory here)', async () => {
    const sub = join(dir, `d${n++}`);
    mkdirSync(sub);
    const memo = createParsedFileMemo({ parse: (t: string) => t, copy: (v: string) => v });
    await expect(memo.load(sub)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('a FIFO at the path does not stop the event loop while the read waits for a writer', async () => {
    const fifo = join(dir, `fifo${n++}`);
    execFileSync('mkfifo', [fifo]);
    const memo = createParsedFileMemo({ parse: (t: string) => t, copy: (v: string) => v });
    const loading = memo.load(fifo);
    // The event loop still turns: a timer fires, and only then does a writer open the FIFO.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(fifo, 'from the writer');
    expect(await loading).toBe('from the writer');
  });
});
