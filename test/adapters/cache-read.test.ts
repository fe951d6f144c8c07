/**
 * The one cache reader on real files: the async reader (engine, CLI, host, doctor) and the statusline's
 * synchronous one answer alike, and an old writer's cache (test/fixtures/legacy-setup) is read, not
 * rejected: what it says is kept and what it does not say is unknown.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCacheSync } from '../../shared/adapters/cache-read';
import { readCache } from '../../shared/adapters/cache-store';

const LEGACY = join(import.meta.dirname, '../fixtures/legacy-setup/merged-quota-cache.json');
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-cache-read-'));
  file = join(dir, 'merged-quota-cache.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the cache file', () => {
  it("an old writer's cache is read with its numbers and age; the fields it lacks are null", async () => {
    copyFileSync(LEGACY, file);
    const load = await readCache(file);
    if (load.state !== 'ok') throw new Error(JSON.stringify(load));
    expect(load.cache.ts).toBe(1770667200000);
    expect(load.cache.slots['slot-1']).toMatchObject({
      email: 'first@example.com',
      status: 'inactive',
      last_fetched: 1770424680000,
      five_hour: { utilization: 37, resets_at: '2026-02-07T03:00:00+00:00' },
      health: null,
      config_dir: null,
      requests_last_hour: null,
      weekly_by_model: [],
    });
    expect(readCacheSync(file)).toEqual(load);
  });

  it.each([
    ['absent', null, { state: 'absent' }],
    ['not JSON', '{"ts": 1, "slots": {', { state: 'error', message: 'FILE: not valid JSON' }],
    ['not a cache', '{"ts": 1}', { state: 'error', message: 'FILE: not a Quota Broker cache' }],
  ])('%s: both readers give the same value, never a throw', async (_name, text, expected) => {
    if (text != null) writeFileSync(file, text);
    const want = JSON.parse(JSON.stringify(expected).replace('FILE', file));
    expect(await readCache(file)).toEqual(want);
    expect(readCacheSync(file)).toEqual(want);
  });

  it('a directory where the file should be is an error value naming the file', async () => {
    const load = readCacheSync(dir);
    expect(load.state).toBe('error');
    expect(load.state === 'error' && load.message).toContain(dir);
    expect((await readCache(dir)).state).toBe('error');
  });
});
