/**
 * Disk trouble (issue #8): a read-only or full state dir, simulated through the injectable FileSystem,
 * gives a clear error, keeps the last good cache byte for byte, and leaves nothing half-written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';
import { runCycle } from '../../shared/engine/cycle';
import type { FileSystem } from '../../shared/ports/file-system';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createTestClock, createTestDeps } from '../support/engine-deps';
import { createSecretCollector } from '../support/secret-scan';
import { createTempHome, type TempHome } from '../support/temp-home';
import { tempFilesIn } from './support/locks';

const secrets = createSecretCollector();
let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTempHome({
    fake,
    slots: [
      { id: 'slot-1', email: 'disk-1@example.com' },
      { id: 'slot-2', email: 'disk-2@example.com' },
    ],
  });
});
afterEach(async () => {
  secrets.addTokens(fake.issuedTokens());
  secrets.scanDirs([home.stateDir]);
  home.cleanup();
  await fake.close();
});
afterAll(() => expect(secrets.finish().findings).toEqual([]));

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The real disk, except that new files fail as `code` says; `partial` writes half the bytes first. */
function failingDisk(code: 'EROFS' | 'ENOSPC', partial = false): FileSystem {
  return {
    ...nodeFileSystem,
    async writeNewFile(path, data, mode) {
      if (code === 'EROFS') throw nodeError(code, `read-only file system, open '${path}'`);
      if (partial) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        await nodeFileSystem.writeNewFile(path, bytes.subarray(0, bytes.length >> 1), mode);
      }
      throw nodeError(code, `no space left on device, write`);
    },
  };
}

describe.each([
  ['read-only state dir (EROFS)', 'EROFS', false, 'read-only'],
  ['full disk (ENOSPC) before any byte', 'ENOSPC', false, 'no space left'],
  ['full disk (ENOSPC) half-way through the temp file', 'ENOSPC', true, 'no space left'],
] as const)('%s', (_name, code, partial, phrase) => {
  it('the cycle reports a sentence naming the state dir and the cause, the previous cache is byte-identical, no temp file is left', async () => {
    const clock = createTestClock();
    const good = createTestDeps(home);
    await runCycle(good.deps, clock.now);
    const before = readFileSync(home.cache);
    const stateBefore = readFileSync(good.deps.paths.engineState);

    clock.jump(400_000);
    const bad = createTestDeps(home, { fs: failingDisk(code, partial) });
    const result = await runCycle(bad.deps, clock.now);
    secrets.addText('engine log', JSON.stringify(bad.logs));
    expect(result.writeError).toMatch(/^Could not write the state dir .+; the last good cache was kept\.$/);
    expect(result.writeError).toContain(home.stateDir);
    expect(result.writeError?.toLowerCase()).toContain(phrase);
    expect(bad.logs.some((l) => l.level === 'error' && l.message === result.writeError)).toBe(true);
    expect(readFileSync(home.cache).equals(before)).toBe(true);
    expect(readFileSync(bad.deps.paths.engineState).equals(stateBefore)).toBe(true);
    expect(tempFilesIn(home.stateDir)).toEqual([]);
    // The cycle itself still ran: fresh numbers in memory, every slot processed.
    expect(Object.keys(result.cache.slots).sort()).toEqual(['slot-1', 'slot-2']);

    // The disk recovers: the next cycle writes again.
    clock.jump(400_000);
    const healed = await runCycle(good.deps, clock.now);
    expect(healed.writeError).toBeNull();
    expect(JSON.parse(readFileSync(home.cache, 'utf8')).ts).toBe(healed.cache.ts);
    expect(readdirSync(home.stateDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
